// A shared timeline that cannot be used, as a user meets it on the command line: a server that
// accepts the connection and never answers (a listening socket nobody serves, as a stopped or hung
// server looks), a bad URI, a wrong database name, a refused password and no password at all. Each
// command ends in bounded time with exit 1 and a plain message naming the server, never a hang.
#include "support/PgTestServer.h"
#include "support/TestStrings.h"
#include "support/WarroomCli.h"

#include <QElapsedTimer>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::ProcessRun;
using warroom::test::s;

namespace {

ProcessRun runWithPassword(const QStringList &args, const QString &password)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(s("PGPASSWORD"));
    env.insert(s("PGPASSFILE"), s("/nonexistent/pgpass"));
    if (!password.isNull())
        env.insert(s("PGPASSWORD"), password);
    p.setProcessEnvironment(env);
    p.start(s(WARROOM_BINARY), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestUnreachableServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void silentServer_data();
    void silentServer();
    void refusals_data();
    void refusals();

private:
    QTemporaryDir m_dir;
    QTcpServer m_silent; // listens; the kernel accepts, nobody ever answers
};

void TestUnreachableServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_silent.listen(QHostAddress::LocalHost));
    QVERIFY2(!test::pgServerUri().isEmpty(), "no PostgreSQL: the pg_server fixture did not start one");
    QString error;
    QVERIFY2(test::pgExec(s("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                            "'warroom_password') THEN CREATE ROLE warroom_password LOGIN PASSWORD "
                            "'right horse battery'; END IF; END $$"),
                          &error),
             qPrintable(error));
}

void TestUnreachableServer::silentServer_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("incidents") << QStringList{s("incidents")};
    QTest::newRow("export") << QStringList{s("export"), s("--incident"), s("1"), s("--format"),
                                           s("json"), s("--output"), s("/dev/null")};
    QTest::newRow("verify") << QStringList{s("verify"), s("--incident"), s("1")};
    QTest::newRow("note") << QStringList{s("note"), s("--incident"), s("1"), s("--actor"),
                                         s("Ana"), s("hello")};
}

void TestUnreachableServer::silentServer()
{
    QFETCH(QStringList, args);
    const QString uri = s("postgresql://warroom@127.0.0.1:%1/warroom").arg(m_silent.serverPort());
    QElapsedTimer clock;
    clock.start();
    const ProcessRun r = test::runWarroom(args + QStringList{s("--db"), uri});
    const qint64 ms = clock.elapsed();
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(ms < 30000, qPrintable(s("took %1 ms").arg(ms))); // libpq's connect_timeout is 5 s
    QVERIFY2(r.err.contains(s("cannot reach the shared timeline ") + uri), qPrintable(r.err));
    QVERIFY2(r.err.contains(s("timeout expired")), qPrintable(r.err));
}

void TestUnreachableServer::refusals_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("password"); // null: none anywhere
    QTest::addColumn<QString>("words");
    const QUrl base(test::pgServerUri());
    const QString hostPort = s("127.0.0.1:%1").arg(base.port());
    QTest::newRow("bad URI") << s("postgresql://[bad") << QString()
                             << s("matching \"]\" in IPv6 host address");
    QTest::newRow("wrong database") << s("postgresql://warroom@%1/nosuchdb").arg(hostPort)
                                    << QString() << s("database \"nosuchdb\" does not exist");
    QTest::newRow("wrong password")
        << s("postgresql://warroom_password@%1/warroom").arg(hostPort) << s("wrong")
        << s("password authentication failed for user \"warroom_password\"");
    QTest::newRow("no password") << s("postgresql://warroom_password@%1/warroom").arg(hostPort)
                                 << QString() << s("no password supplied");
    QTest::newRow("nobody listening") << s("postgresql://warroom@127.0.0.1:1/warroom")
                                      << QString() << s("Connection refused");
}

void TestUnreachableServer::refusals()
{
    QFETCH(QString, uri);
    QFETCH(QString, password);
    QFETCH(QString, words);
    const ProcessRun r = runWithPassword({s("incidents"), s("--db"), uri}, password);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith(s("warroom: cannot reach the shared timeline ") + uri),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(words), qPrintable(r.err));
    if (!password.isEmpty())
        QVERIFY(!r.err.contains(password)); // a password is never shown
}

QTEST_GUILESS_MAIN(TestUnreachableServer)
#include "tst_unreachableserver.moc"
