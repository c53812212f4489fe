// `--format cdevents`: the scripted drill as CDEvents in CloudEvents, byte for byte the golden
// file; which events an incident gives (table-driven: closed, sliced, open, without a service,
// live); the same ids on every export; purls; and every variant validated by python3-jsonschema
// against the CDEvents 0.5.1 and CloudEvents 1.0 schemas shipped in tests/data/cdevents
// (check_cdevents.py).
#include "report/PostmortemExporter.h"
#include "report/formats/CdEventsExport.h"
#include "support/ScriptedIncident.h"
#include "support/TestProcess.h"
#include "support/TestStrings.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace warroom;
using warroom::test::s;

namespace {

QJsonArray parse(const QByteArray &json)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &e);
    return doc.isArray() ? doc.array() : QJsonArray();
}

QStringList types(const QJsonArray &batch)
{
    QStringList out;
    for (const QJsonValue &v : batch)
        out << v[s("type")].toString().section(u'.', 2, 3);
    return out;
}

} // namespace

class TestCdEvents : public QObject, private test::ScriptedIncidentFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void golden();
    void eventsOfAnIncident_data();
    void eventsOfAnIncident();
    void sameEventsEveryExport();
    void fields();
    void purl_data();
    void purl();
    void schemas();

private:
    // The drill's report changed as a row of eventsOfAnIncident says.
    PostmortemReport variant(const QString &name) const;
};

void TestCdEvents::initTestCase()
{
    QVERIFY(declareScriptedIncident(s("cdevents.sqlite")));
}

void TestCdEvents::golden()
{
    const QByteArray actual = PostmortemExporter::render(report(), ExportFormat::CdEvents);
    QFile golden(QStringLiteral(WARROOM_TEST_DATA "/cdevents/drill.cdevents.json"));
    if (qEnvironmentVariableIsSet("WARROOM_UPDATE_GOLDEN")) {
        QVERIFY(golden.open(QIODevice::WriteOnly | QIODevice::Truncate));
        golden.write(actual);
        QSKIP("golden file rewritten");
    }
    QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
    QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(golden.readAll()));
}

PostmortemReport TestCdEvents::variant(const QString &name) const
{
    ExportOptions options;
    if (name == QLatin1String("sliced before the rollback completed"))
        options.toMs = *report().rollbackCompleteMs - 1;
    if (name == QLatin1String("sliced after the declaration"))
        options.fromMs = 1;
    PostmortemReport r = report(options);
    if (name == QLatin1String("open"))
        r.closed = false;
    if (name == QLatin1String("no service variable"))
        r.incident.variables.remove(s("service"));
    if (name == QLatin1String("no good version"))
        r.incident.variables.remove(s("good_version"));
    if (name == QLatin1String("live, environment named")) {
        r.incident.mode = IncidentMode::Live;
        r.incident.variables.insert(s("environment"), s("eu-prod-2"));
    }
    return r;
}

void TestCdEvents::eventsOfAnIncident_data()
{
    QTest::addColumn<QString>("types");
    QTest::addColumn<QString>("environment");
    const QString all
        = s("incident.detected incident.reported service.rolledback incident.resolved");
    QTest::newRow("closed") << all << s("drill");
    QTest::newRow("sliced before the rollback completed")
        << s("incident.detected incident.reported") << s("drill");
    QTest::newRow("sliced after the declaration")
        << s("service.rolledback incident.resolved") << s("drill");
    QTest::newRow("open") << s("incident.detected incident.reported service.rolledback")
                          << s("drill");
    // The rolled-back event's subject is the service and its artifact the version returned to.
    QTest::newRow("no service variable")
        << s("incident.detected incident.reported incident.resolved") << s("drill");
    QTest::newRow("no good version")
        << s("incident.detected incident.reported incident.resolved") << s("drill");
    QTest::newRow("live, environment named") << all << s("eu-prod-2");
}

void TestCdEvents::eventsOfAnIncident()
{
    QFETCH(QString, types);
    QFETCH(QString, environment);
    const QJsonArray batch
        = parse(CdEventsExport::write(variant(QString::fromUtf8(QTest::currentDataTag()))));
    QCOMPARE(::types(batch).join(u' '), types);
    for (const QJsonValue &ce : batch) {
        const QJsonObject content = ce[s("data")][s("subject")][s("content")].toObject();
        QCOMPARE(content[s("environment")][s("id")].toString(), environment);
    }
}

void TestCdEvents::sameEventsEveryExport()
{
    const QByteArray first = CdEventsExport::write(report());
    QCOMPARE(CdEventsExport::write(report()), first);
    // Another incident (another uuid) gets other ids.
    PostmortemReport other = report();
    other.incident.uuid = s("6f1c2a4e-0000-4000-8000-000000000001");
    const QJsonArray a = parse(first);
    const QJsonArray b = parse(CdEventsExport::write(other));
    QCOMPARE(a.size(), b.size());
    for (qsizetype i = 0; i < a.size(); ++i)
        QVERIFY(a.at(i)[s("id")] != b.at(i)[s("id")]);
}

void TestCdEvents::fields()
{
    const PostmortemReport r = report();
    const QJsonArray batch = parse(CdEventsExport::write(r));
    QCOMPARE(batch.size(), 4);
    const QJsonObject rolledBack = batch.at(2).toObject();
    const QJsonObject data = rolledBack[s("data")].toObject();
    QCOMPARE(rolledBack[s("subject")].toString(), s("checkout-api"));
    QCOMPARE(data[s("subject")][s("content")][s("artifactId")].toString(),
             s("pkg:generic/checkout-api@") + r.incident.variables.value(s("good_version")));
    const QJsonObject w = data[s("customData")][s("warroom")].toObject();
    QCOMPARE(qint64(w[s("elapsed_ms")].toDouble()), *r.rollbackCompleteMs);
    QCOMPARE(w[s("rolled_back_from")].toString(),
             s("pkg:generic/checkout-api@") + r.incident.variables.value(s("bad_version")));
    // The event's hash ties it to the audit chain.
    const qint64 seq = qint64(w[s("seq")].toDouble());
    QCOMPARE(w[s("event_hash")].toString(), QString::fromLatin1(r.events.at(seq - 1).hash));
    // Each event after the first links to the one before it, in one chain: the incident's uuid.
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const QJsonObject ctx = batch.at(i)[s("data")][s("context")].toObject();
        QCOMPARE(ctx[s("chainId")].toString(), r.incident.uuid);
        if (i > 0)
            QCOMPARE(ctx[s("links")][0][s("from")][s("contextId")], batch.at(i - 1)[s("id")]);
    }
    QCOMPARE(batch.at(1)[s("data")][s("subject")][s("content")][s("ticketURI")].toString(),
             s("urn:uuid:") + r.incident.uuid);
}

void TestCdEvents::purl_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("purl");
    QTest::newRow("plain") << s("payments-api") << s("v1.2.0")
                           << s("pkg:generic/payments-api@v1.2.0");
    QTest::newRow("encoded") << s("pay ments/api") << s("1.0+build:7")
                             << s("pkg:generic/pay%20ments%2Fapi@1.0%2Bbuild%3A7");
    QTest::newRow("a purl already")
        << s("payments-api") << s("pkg:oci/pay@sha256%3Aab12") << s("pkg:oci/pay@sha256%3Aab12");
    QTest::newRow("no service") << QString() << s("v1") << QString();
    QTest::newRow("no version") << s("payments-api") << QString() << QString();
}

void TestCdEvents::purl()
{
    QFETCH(QString, service);
    QFETCH(QString, version);
    QFETCH(QString, purl);
    QCOMPARE(CdEventsExport::artifactPurl(service, version), purl);
}

void TestCdEvents::schemas()
{
    QStringList files;
    for (const QString &name :
         {s("closed"), s("sliced before the rollback completed"), s("sliced after the declaration"),
          s("open"), s("no service variable"), s("live, environment named")}) {
        const QString path = m_dir.filePath(QString(name).replace(u' ', u'-') + s(".json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(CdEventsExport::write(variant(name)));
        files << path;
    }
    const test::ProcessRun run = test::runProgram(
        s("/usr/bin/python3"),
        QStringList{s(WARROOM_CHECK_CDEVENTS), s(WARROOM_TEST_DATA "/cdevents")} + files);
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(s(" 0 failed")), qPrintable(run.out));
}

QTEST_GUILESS_MAIN(TestCdEvents)
#include "tst_cdevents.moc"
