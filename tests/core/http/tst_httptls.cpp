// TLS against a real server (openssl s_server, started here): a self-signed certificate is
// refused, and accepted once it is the trusted CA.
#include "HttpRuns.h"
#include "support/TestStrings.h"

#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::closedPort;
using warroom::test::run;
using warroom::test::s;

namespace {

// openssl s_server takes a moment to listen.
bool waitForPort(quint16 port)
{
    for (int i = 0; i < 100; ++i) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        if (probe.waitForConnected(200))
            return true;
        QTest::qWait(50);
    }
    return false;
}

} // namespace

class TestHttpTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void selfSignedCertificateIsRejected();

private:
    HttpEngine *m_engine = nullptr;
};

void TestHttpTls::initTestCase()
{
    m_engine = new HttpEngine(this);
    m_engine->setBackoff(20, 100); // keep retries quick in tests; bounds are tested in the engine
}

void TestHttpTls::selfSignedCertificateIsRejected()
{
    QTemporaryDir dir;
    const QString key = dir.filePath(s("key.pem"));
    const QString cert = dir.filePath(s("cert.pem"));
    QProcess make;
    make.start(s("openssl"),
               {s("req"), s("-x509"), s("-newkey"), s("rsa:2048"), s("-nodes"), s("-keyout"), key,
                s("-out"), cert, s("-days"), s("1"), s("-subj"), s("/CN=127.0.0.1")});
    QVERIFY(make.waitForFinished(30'000));
    QCOMPARE(make.exitCode(), 0);
    const quint16 port = closedPort();
    QProcess server;
    server.start(s("openssl"),
                 {s("s_server"), s("-accept"), QStringLiteral("127.0.0.1:%1").arg(port), s("-cert"),
                  cert, s("-key"), key, s("-www"), s("-quiet")});
    QVERIFY(server.waitForStarted());
    QVERIFY(waitForPort(port));
    HttpRequest r;
    r.url = QStringLiteral("https://127.0.0.1:%1/").arg(port);
    HttpResult result = run(*m_engine, r);
    server.kill();
    server.waitForFinished();
    QCOMPARE(result.curlCode, 60); // CURLE_PEER_FAILED_VERIFICATION
    QVERIFY2(result.error.contains(s("certificate")), qPrintable(result.error));
    QCOMPARE(result.attempts, 1);
    QVERIFY(!result.requestSent); // refused in the handshake: the request never left
    QVERIFY(!result.answerLost);

    // With the certificate as the trusted CA, the same server is accepted.
    QProcess again;
    again.start(s("openssl"),
                {s("s_server"), s("-accept"), QStringLiteral("127.0.0.1:%1").arg(port), s("-cert"),
                 cert, s("-key"), key, s("-www"), s("-quiet")});
    QVERIFY(again.waitForStarted());
    QVERIFY(waitForPort(port));
    r.caFile = cert;
    result = run(*m_engine, r);
    again.kill();
    again.waitForFinished();
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.status, 200);
}

QTEST_GUILESS_MAIN(TestHttpTls)
#include "tst_httptls.moc"
