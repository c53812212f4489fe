// `warroom import`: an export brought back verifies and exports again byte for byte; an id taken
// in the database is replaced while the uuid carries the chain; a second import of one export is
// refused; and hostile or forged exports (table-driven: truncated, binary, deep, duplicated seq,
// edited payload, edited hash, numbers out of range, CR/LF and NUL in one-line fields, a
// placeholder, a changed checklist, the drill runner's facts forged) are refused with the file
// and the place, writing nothing.
// The command itself (a FIFO, a file over the limit, exit codes): tests/app/tst_importcli.
#include "chain/ChainVerifier.h"
#include "report/PostmortemExporter.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/ScriptedIncident.h"
#include "support/TestFiles.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/ScreenClock.h"
#include "transfer/IncidentImport.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

#include <limits>

#include <functional>

using namespace warroom;
using warroom::test::s;

namespace {

using Mutation = std::function<QByteArray(QByteArray)>;

// The line of event `seq` in a JSON export (one event a line).
qsizetype eventLine(const QByteArray &json, qint64 seq)
{
    return json.indexOf(QByteArray("    {\"seq\":" + QByteArray::number(seq) + ','));
}

// Replaces the first `from` at or after event `seq`'s line.
QByteArray inEvent(QByteArray json, qint64 seq, const QByteArray &from, const QByteArray &to)
{
    const qsizetype at = json.indexOf(from, eventLine(json, seq));
    return at < 0 ? json : json.replace(at, from.size(), to);
}

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestImport : public QObject, private test::ScriptedIncidentFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void importSeed();
    void roundTrip();
    void takenIdKeepsTheChain();
    void sameExportTwice();
    void idOutOfRangeIsNotKept_data();
    void idOutOfRangeIsNotKept();
    void hostile_data();
    void hostile();
    void perfectForgery_data();
    void perfectForgery();

private:
    QByteArray exportAll() const
    {
        ExportOptions all;
        all.includePrivateNotes = true;
        return PostmortemExporter::render(report(all), ExportFormat::Json);
    }
    qint64 incidentCount(const TimelineStore &store) const
    {
        const auto list = store.incidents();
        return list ? list->size() : -1;
    }
    bool openFresh(TimelineStore &store, const QString &name)
    {
        QString error;
        return store.open(m_dir.filePath(name), &error);
    }
};

void TestImport::initTestCase()
{
    QVERIFY(declareScriptedIncident(s("source.sqlite")));
}

// The whole drill as `import` takes it, kept in tests/data/import as the fuzzers' seed
// (fuzz_export runs the import's checks too).
void TestImport::importSeed()
{
    WARROOM_COMPARE_GOLDEN(QString::fromUtf8(exportAll()),
                           s(WARROOM_TEST_DATA "/import/drill-all.json"));
}

void TestImport::roundTrip()
{
    const QByteArray exported = exportAll();
    TimelineStore target;
    QVERIFY(openFresh(target, s("roundtrip.sqlite")));
    const auto r = IncidentImport::run(target, exported, s("drill.json"));
    QVERIFY2(r.ok(), qPrintable(formatDiagnostics(r.diagnostics)));
    QVERIFY(r.keptId);
    QCOMPARE(*r.id, m_id);
    const auto record = target.incident(*r.id);
    const auto events = target.chainEvents(*r.id);
    QVERIFY(record && events);
    const ChainReport chain = ChainVerifier::verify(*record, *events);
    QVERIFY2(chain.intact, qPrintable(chain.summary()));
    // The same generation time (scriptedReport fixes it): the whole document is identical.
    ExportOptions all;
    all.includePrivateNotes = true;
    const QByteArray again
        = PostmortemExporter::render(test::scriptedReport(target, *r.id, all), ExportFormat::Json);
    QCOMPARE(QString::fromUtf8(again), QString::fromUtf8(exported));
}

void TestImport::takenIdKeepsTheChain()
{
    TimelineStore target;
    QVERIFY(openFresh(target, s("taken.sqlite")));
    IncidentRecord other;
    other.uuid = s("11111111-1111-4111-8111-111111111111");
    other.title = s("another incident");
    other.commander = s("ic");
    other.checklistId = s("x");
    other.checklistSource = "{}";
    QString error;
    const auto taken
        = target.createIncident(other, {s("ic"), s("incident.declared"), {}, {}, {}}, &error);
    QVERIFY2(taken, qPrintable(error));
    QCOMPARE(*taken, m_id); // the export's id is taken here
    const auto r = IncidentImport::run(target, exportAll(), s("drill.json"));
    QVERIFY2(r.ok(), qPrintable(formatDiagnostics(r.diagnostics)));
    QVERIFY(!r.keptId);
    QVERIFY(*r.id != m_id);
    const auto record = target.incident(*r.id);
    const auto events = target.chainEvents(*r.id);
    QVERIFY(record && events);
    QVERIFY2(ChainVerifier::verify(*record, *events).intact, "chain broken after import");
    // Only the local id differs in the export made from here.
    ExportOptions all;
    all.includePrivateNotes = true;
    QByteArray again
        = PostmortemExporter::render(test::scriptedReport(target, *r.id, all), ExportFormat::Json);
    again.replace(QByteArray("\"id\": " + QByteArray::number(*r.id) + ','),
                  QByteArray("\"id\": " + QByteArray::number(m_id) + ','));
    QCOMPARE(QString::fromUtf8(again), QString::fromUtf8(exportAll()));
}

void TestImport::sameExportTwice()
{
    TimelineStore target;
    QVERIFY(openFresh(target, s("twice.sqlite")));
    QVERIFY(IncidentImport::run(target, exportAll(), s("drill.json")).ok());
    const auto second = IncidentImport::run(target, exportAll(), s("drill.json"));
    QVERIFY(!second.ok());
    QCOMPARE(second.diagnostics.size(), 1);
    QCOMPARE(second.diagnostics.first().file, s("drill.json"));
    QCOMPARE(second.diagnostics.first().path, s("$.incident.uuid"));
    QVERIFY2(second.diagnostics.first().message.contains(s("is already in")),
             qPrintable(second.diagnostics.first().message));
    QCOMPARE(incidentCount(target), 1);
}

void TestImport::idOutOfRangeIsNotKept_data()
{
    QTest::addColumn<qint64>("id");
    QTest::addColumn<bool>("kept");
    QTest::newRow("a plain id") << qint64(42) << true;
    QTest::newRow("the largest kept") << qint64(2'147'483'647) << true;
    QTest::newRow("past it") << qint64(2'147'483'648) << false;
    QTest::newRow("the largest 64-bit") << std::numeric_limits<qint64>::max() << false;
    QTest::newRow("negative") << qint64(-5) << false;
}

// The local id is not in the chain: 9223372036854775807 was kept as it was, and every incident
// made after it got a random 19-digit id. An id out of range is not kept; the next one is plain.
void TestImport::idOutOfRangeIsNotKept()
{
    QFETCH(qint64, id);
    QFETCH(bool, kept);
    QByteArray json = exportAll();
    const QByteArray from = "\"id\": " + QByteArray::number(m_id) + ',';
    QVERIFY(json.contains(from));
    json.replace(from, QByteArray("\"id\": " + QByteArray::number(id) + ','));
    TimelineStore target;
    QVERIFY(openFresh(
        target,
        s("id-%1.sqlite").arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'))));
    const auto r = IncidentImport::run(target, json, s("drill.json"));
    QVERIFY2(r.ok(), qPrintable(formatDiagnostics(r.diagnostics)));
    QCOMPARE(r.keptId, kept);
    QCOMPARE(*r.id, kept ? id : 1);
    IncidentRecord next;
    next.uuid = s("22222222-2222-4222-8222-222222222222");
    next.title = s("the next incident");
    next.commander = s("ic");
    next.checklistId = s("x");
    next.checklistSource = "{}";
    QString error;
    const auto made
        = target.createIncident(next, {s("ic"), s("incident.declared"), {}, {}, {}}, &error);
    QVERIFY2(made, qPrintable(error));
    QCOMPARE(*made, *r.id + 1);
}

void TestImport::hostile_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("place"); // the path the first message names, or "line"
    QTest::addColumn<QString>("words");
    const auto row = [](const char *name, Mutation m, const char *place, const char *words) {
        QTest::newRow(name) << m << QString::fromLatin1(place) << QString::fromUtf8(words);
    };
    row(
        "empty", [](QByteArray) { return QByteArray(); }, "line", "");
    row(
        "truncated", [](QByteArray j) { return j.left(j.size() / 2); }, "line", "");
    row(
        "binary", [](QByteArray) { return QByteArray("\x00\xff\xfe\x01{\x80", 6); }, "line", "");
    row(
        "deep", [](QByteArray) { return QByteArray(100000, '['); }, "line", "");
    row(
        "not an export", [](QByteArray) { return QByteArray("{}"); }, "$.format",
        "not a warroom incident export");
    row(
        "duplicated seq", [](QByteArray j) { return inEvent(j, 3, "{\"seq\":3,", "{\"seq\":2,"); },
        "$.events[2]", "event 2 appears where event 3 should be");
    row(
        "duplicate key",
        [](QByteArray j) { return inEvent(j, 3, "{\"seq\":3,", "{\"seq\":3,\"seq\":3,"); }, "line",
        "duplicate key");
    row(
        "edited payload, hash left",
        [](QByteArray j) { return inEvent(j, 2, "\"payload\":{", "\"payload\":{\"forged\":1,"); },
        "$.events[1]", "was changed after it was written");
    row(
        "edited hash",
        [](QByteArray j) {
            const qsizetype at = j.indexOf(",\"hash\":\"", eventLine(j, 4)) + 9;
            j[at] = j.at(at) == '0' ? '1' : '0';
            return j;
        },
        "$.events[", "chain BROKEN");
    row(
        "utc_ms beyond 64 bits",
        [](QByteArray j) {
            return inEvent(j, 3, "\"utc_ms\":", "\"utc_ms\":99999999999999999999");
        },
        "$.events[2]", "");
    row(
        "seq negative", [](QByteArray j) { return inEvent(j, 3, "{\"seq\":3,", "{\"seq\":-3,"); },
        "$.events[2].seq", "must be from 1");
    row(
        "declared in year 300000",
        [](QByteArray j) { return j.replace("\"declared_utc_ms\": ", "\"declared_utc_ms\": 99"); },
        "$.incident.declared_utc_ms", "out of range");
    // Within 9999, but ahead of this machine's clock: every event added here after the import
    // would be stamped then (an event is never stamped before the one before it).
    row(
        "declared in year 4878",
        [](QByteArray j) { return j.replace("\"declared_utc_ms\": ", "\"declared_utc_ms\": 9"); },
        "$.incident.declared_utc_ms", "is later than this machine's clock allows");
    // Anything but "drill" was read as live: a rehearsal would import as a live incident.
    row(
        "mode neither live nor drill",
        [](QByteArray j) { return j.replace("\"mode\": \"", "\"mode\": \"exercise-"); },
        "$.incident.mode", "is not a mode (live or drill)");
    row(
        "time runs backwards",
        [](QByteArray j) { return inEvent(j, 5, "\"utc_ms\":1", "\"utc_ms\":"); },
        "$.events[4].utc_ms", "out of range");
    row(
        "CR LF in the title",
        [](QByteArray j) {
            return j.replace("\"title\": \"Checkout",
                             "\"title\": \"\\r\\nforged line\\r\\nCheckout");
        },
        "$.incident.title", "control character U+000D");
    row(
        "LF in an actor",
        [](QByteArray j) { return inEvent(j, 2, "\"actor\":\"", "\"actor\":\"x\\n"); },
        "$.events[1].actor", "control character U+000A");
    // The declare dialog refuses these in a title; import took them.
    row(
        "NEL and a line separator in the title",
        [](QByteArray j) {
            return j.replace("\"title\": \"Checkout", "\"title\": \"A\\u0085B\\u2028Checkout");
        },
        "$.incident.title", "control character U+0085 at character 2");
    // The store refused it with "CHECK constraint failed: actor <> ''", naming no event.
    row(
        "an empty actor",
        [](QByteArray j) {
            const qsizetype from = j.indexOf("\"actor\":\"", eventLine(j, 2)) + 9;
            return j.remove(from, j.indexOf('"', from) - from);
        },
        "$.events[1].actor", "the actor is empty");
    row(
        "NUL in a kind",
        [](QByteArray j) { return inEvent(j, 2, "\"kind\":\"", "\"kind\":\"\\u0000"); },
        "$.events[1].kind", "control character U+0000");
    row(
        "checklist changed",
        [](QByteArray j) {
            return j.replace("Rollback war-room checklist", "Rollback war-room checklisT");
        },
        "$.incident.checklist.source", "does not hash to checklist.sha256");
    // The runner's facts, forged (the hashes could be computed again): a fault would name a real
    // halt the drill's doing, a clock would move every T+ of a LIVE incident.
    row(
        "drill fault signed by a person",
        [](QByteArray j) {
            return inEvent(j, 2, "\"payload\":{", "\"payload\":{\"drill_fault\":\"flaps\",");
        },
        "$.events[1].payload.drill_fault", "recorded by the drill's runner, signed");
    row(
        "drill clock in a live incident",
        [](QByteArray j) {
            j.replace("\"mode\": \"drill\"", "\"mode\": \"live\"");
            j = inEvent(j, 1, "\"mode\":\"drill\"", "\"mode\":\"live\"");
            return inEvent(j, 2, "\"payload\":{",
                           "\"payload\":{\"drill_clock\":{\"change\":\"paused\",\"at_ms\":1},");
        },
        "$.events[1].payload.drill_clock", "a LIVE incident has no drill_clock");
    // The record's mode is what the chain's genesis covers; the events may not say otherwise.
    row(
        "declaration of another mode",
        [](QByteArray j) { return inEvent(j, 1, "\"mode\":\"drill\"", "\"mode\":\"live\""); },
        "$.events[0].payload.mode", "the declaration says live where the incident is drill");
    row(
        "a second declaration",
        [](QByteArray j) {
            return inEvent(j, 2, "\"kind\":\"note.added\"", "\"kind\":\"incident.declared\"");
        },
        "$.events[1].kind", "a second incident.declared");
    row(
        "event count forged",
        [](QByteArray j) { return j.replace("\"event_count\": ", "\"event_count\": 1"); },
        "$.chain", "claims");
}

void TestImport::hostile()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, place);
    QFETCH(QString, words);
    const QByteArray clean = exportAll();
    const QByteArray forged = mutate(clean);
    QVERIFY(forged != clean);
    TimelineStore target;
    QVERIFY(openFresh(target, QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')
                                  + s(".sqlite")));
    QElapsedTimer timer;
    timer.start();
    const auto r = IncidentImport::run(target, forged, s("forged.json"));
    QVERIFY2(timer.elapsed() < 20000, "the import took too long");
    QVERIFY2(!r.ok(), "a forged export was imported");
    QVERIFY(!r.diagnostics.isEmpty());
    const Diagnostic &d = r.diagnostics.first();
    QCOMPARE(d.file, s("forged.json"));
    if (place == QLatin1String("line"))
        QVERIFY2(d.line > 0, qPrintable(d.toString()));
    else
        QVERIFY2(d.path.startsWith(place), qPrintable(d.toString()));
    QVERIFY2(d.toString().contains(words), qPrintable(d.toString()));
    // Nothing reaches the terminal raw: a control character is shown as \uXXXX.
    static const QRegularExpression control(s("[\\x00-\\x08\\x0b-\\x1f\\x7f]"));
    QVERIFY2(!formatDiagnostics(r.diagnostics).contains(control), "raw control character");
    QCOMPARE(incidentCount(target), 0);
}

// hostile() edits the export's text, so its chain breaks as well; here the forged event is
// appended through the store, every hash right, and the export verifies: only the field
// checks stand between it and the database.
void TestImport::perfectForgery_data()
{
    QTest::addColumn<bool>("drill");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("words");
    const QString runner(ScreenClock::facilitator);
    QTest::newRow("a fault in a LIVE incident")
        << false << runner << s("drill_fault") << s("a LIVE incident has no drill_fault");
    QTest::newRow("a clock in a LIVE incident")
        << false << runner << s("drill_clock") << s("a LIVE incident has no drill_clock");
    QTest::newRow("a person's fault in a drill")
        << true << s("Mallory") << s("drill_fault") << s("recorded by the drill's runner");
}

void TestImport::perfectForgery()
{
    QFETCH(bool, drill);
    QFETCH(QString, actor);
    QFETCH(QString, key);
    QFETCH(QString, words);
    static int row = 0; // each row's own pair of databases
    ++row;
    TimelineStore source;
    QVERIFY(openFresh(source, s("forger-%1.sqlite").arg(row)));
    const Checklist checklist = test::shippedChecklist();
    const IncidentDeclaration d
        = test::declarationWithDefaults(checklist, s("Checkout errors"), s("Sam Okafor"),
                                        drill ? IncidentMode::Drill : IncidentMode::Live);
    QString error;
    const auto session = IncidentSession::declare(
        source, checklist, d, [] { return test::t0; }, &error);
    QVERIFY2(session, qPrintable(error));
    const qint64 id = session->incident().id;
    const QJsonValue fact
        = key == QLatin1String("drill_clock")
              ? QJsonValue(QJsonObject{{s("change"), s("paused")}, {s("at_ms"), 1}})
              : QJsonValue(s("flaps"));
    QVERIFY2(source.append(id,
                           {{actor, s("note.added"), {}, {}, {{s("text"), s("x")}, {key, fact}}}},
                           test::t0 + test::minute, &error),
             qPrintable(error));
    ExportOptions all;
    all.includePrivateNotes = true;
    const QByteArray forged
        = PostmortemExporter::render(test::scriptedReport(source, id, all), ExportFormat::Json);
    QVERIFY(IncidentExport::read(forged, s("forged.json")).verify().intact);

    TimelineStore target;
    QVERIFY(openFresh(target, s("forged-%1.sqlite").arg(row)));
    const auto r = IncidentImport::run(target, forged, s("forged.json"));
    QVERIFY2(!r.ok(), "a forged export was imported");
    const QString said = formatDiagnostics(r.diagnostics);
    QVERIFY2(said.contains(s("$.events[1].payload.") + key), qPrintable(said));
    QVERIFY2(said.contains(words), qPrintable(said));
    QCOMPARE(incidentCount(target), 0);
}

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
