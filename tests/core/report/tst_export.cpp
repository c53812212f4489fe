// The postmortem of a scripted drill in every format: byte for byte the golden files, private
// notes left out, a slice whose chain still verifies, and hostile or fuzzed exports read back as
// errors, never crashes. Read back by other programs: tst_exportreaders; tampering: tst_tamper.
#include "chain/ChainVerifier.h"
#include "report/EventFormatter.h"
#include "report/PostmortemExporter.h"
#include "report/TimelineRows.h"
#include "report/formats/JsonExport.h"
#include "store/TimelineStore.h"
#include "support/ScriptedIncident.h"
#include "support/TestFiles.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

using namespace warroom;
using warroom::test::minute;
using warroom::test::s;

class TestExport : public QObject, private test::ScriptedIncidentFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void golden_data();
    void golden();
    void privateNotes();
    void privateExportIsTheOwnersAlone_data();
    void privateExportIsTheOwnersAlone();
    void extractedValuesReadAsOnScreen();
    void sliceKeepsTheChainVerifiable();
    void hostileExports_data();
    void hostileExports();
    void fuzzCrashInputs_data();
    void fuzzCrashInputs();
    void quotesInsideQuotes_data();
    void quotesInsideQuotes();
    void repeatedSamplesReadAsAlone_data();
    void repeatedSamplesReadAsAlone();
    void printedPagesSayDrillOnlyForADrill_data();
    void printedPagesSayDrillOnlyForADrill();
};

void TestExport::initTestCase()
{
    QVERIFY(declareScriptedIncident(s("export.sqlite")));
}

void TestExport::golden_data()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"md", "csv", "json", "html"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestExport::golden()
{
    QFETCH(QString, format);
    const QByteArray actual = PostmortemExporter::render(report(), *exportFormatFromName(format));
    QVERIFY(!actual.isEmpty());
    QFile golden(QStringLiteral(WARROOM_TEST_DATA "/export/drill.") + format);
    if (qEnvironmentVariableIsSet("WARROOM_UPDATE_GOLDEN")) {
        QVERIFY(golden.open(QIODevice::WriteOnly | QIODevice::Truncate));
        golden.write(actual);
        QSKIP("golden file rewritten");
    }
    QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
    QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(golden.readAll()));
}

void TestExport::extractedValuesReadAsOnScreen()
{
    // A step title quoting a value an action extracted reads the same in the postmortem as on
    // the screen (both read the engine's text variables); the export used to leave it unexpanded.
    Checklist checklist = test::shippedChecklist();
    checklist.steps[0].title = s("Watch job {{job_id}} for {{incident.commander}}");
    IncidentRecord incident;
    incident.commander = s("ic");
    TimelineEvent responded;
    responded.seq = 1;
    responded.actor = s("ic");
    responded.kind = s("action.responded");
    responded.stepId = s("notify");
    responded.itemId = s("channel");
    responded.payload = {{s("run"), s("run-1")},
                         {s("phase"), s("send")},
                         {s("extracted"), QJsonObject{{s("job_id"), s("job-7")}}}};
    const PostmortemReport report
        = PostmortemReport::build(incident, checklist, {responded}, ExportOptions{});
    QCOMPARE(report.steps.at(0).title, s("Watch job job-7 for ic"));
}

// A check sample stored with the same payload as the sample before it shares that one's sentence
// in the report; every sentence must still read exactly as the sample described alone would.
void TestExport::repeatedSamplesReadAsAlone_data()
{
    QTest::addColumn<QStringList>("samples"); // "item=value", or "note" for a note in between
    QTest::addColumn<bool>("stored");         // payload text as read from the store (or none)
    const QStringList same{s("version=1.2.0"), s("version=1.2.0"), s("version=1.2.0")};
    QTest::newRow("same item, same payload") << same << true;
    QTest::newRow("same payload, another item")
        << QStringList{s("version=1.2.0"), s("thresholds=1.2.0")} << true;
    QTest::newRow("same item, the value moves")
        << QStringList{s("version=1.2.0"), s("version=1.3.0"), s("version=1.2.0")} << true;
    QTest::newRow("a note in between")
        << QStringList{s("version=1.2.0"), s("note"), s("version=1.2.0")} << true;
    // Events read from an export carry no stored text: nothing to compare, each described.
    QTest::newRow("no stored text") << QStringList{s("version=1.2.0"), s("version=1.3.0")} << false;
}

void TestExport::repeatedSamplesReadAsAlone()
{
    QFETCH(QStringList, samples);
    QFETCH(bool, stored);
    const Checklist checklist = test::shippedChecklist();
    IncidentRecord incident;
    incident.commander = s("ic");
    TimelineEvents events;
    for (const QString &sample : samples) {
        TimelineEvent e;
        e.seq = events.size() + 1;
        e.elapsedMs = e.seq * 1000;
        e.actor = s("automation");
        if (sample == s("note")) {
            e.kind = s("note.added");
            e.payload = {{s("text"), s("still 1.2.0")}};
        } else {
            e.kind = s("check.sampled");
            e.stepId = s("validate");
            e.itemId = sample.section(u'=', 0, 0);
            e.payload = {{s("run"), s("run-1")},
                         {s("value_text"), sample.section(u'=', 1)},
                         {s("threshold"), s("== 1.2.0")},
                         {s("passed"), sample.section(u'=', 1) == s("1.2.0")}};
        }
        if (stored)
            e.payloadText = QJsonDocument(e.payload).toJson(QJsonDocument::Compact);
        events.append(e);
    }
    const PostmortemReport report
        = PostmortemReport::build(incident, checklist, events, ExportOptions{});
    QCOMPARE(report.exportedEvents, events.size());
    // The rows as JSON and CSV make them, walking the events in order.
    TimelineRows rows(report);
    QStringList texts;
    for (const TimelineEvent &e : report.events)
        texts << rows.row(e).text;
    const QMap<QString, QString> variables; // the formatter keeps a reference: a named map
    const EventFormatter alone(checklist, variables);
    for (qsizetype i = 0; i < events.size(); ++i)
        QCOMPARE(texts.at(i), alone.describe(events.at(i)));
    // The rows differ where the samples do: a shared sentence is never another item's.
    for (qsizetype i = 1; i < events.size(); ++i)
        QCOMPARE(texts.at(i) == texts.at(i - 1), samples.at(i) == samples.at(i - 1));
}

// A drill's HTML, printed, says DRILL in the top margin of every page (a CSS margin box, so that
// it covers nothing); a live incident's never does, on screen or on paper.
void TestExport::printedPagesSayDrillOnlyForADrill_data()
{
    QTest::addColumn<bool>("drill");
    QTest::newRow("drill") << true;
    QTest::newRow("live") << false;
}

void TestExport::printedPagesSayDrillOnlyForADrill()
{
    QFETCH(bool, drill);
    PostmortemReport r = report();
    r.incident.mode = drill ? IncidentMode::Drill : IncidentMode::Live;
    const QString html = QString::fromUtf8(PostmortemExporter::render(r, ExportFormat::Html));
    const qsizetype style = html.indexOf(s("<style>"));
    const QString css = html.mid(style, html.indexOf(s("</style>")) - style);
    QCOMPARE(css.contains(s("@top-center { content: \"DRILL")), drill);
    QCOMPARE(html.contains(s("<div class=\"drill\">DRILL")), drill);
    // Nothing fixed over the page's content any more.
    QVERIFY(!css.contains(s("position: fixed")));
}

void TestExport::privateNotes()
{
    const QString hidden = s("pager fatigue");
    for (ExportFormat f :
         {ExportFormat::Markdown, ExportFormat::Csv, ExportFormat::Json, ExportFormat::Html})
        QVERIFY(!QString::fromUtf8(PostmortemExporter::render(report(), f)).contains(hidden));
    QVERIFY(QString::fromUtf8(PostmortemExporter::render(report(), ExportFormat::Markdown))
                .contains(s("1 private note(s) left out")));
    ExportOptions all;
    all.includePrivateNotes = true;
    for (ExportFormat f :
         {ExportFormat::Markdown, ExportFormat::Csv, ExportFormat::Json, ExportFormat::Html})
        QVERIFY(QString::fromUtf8(PostmortemExporter::render(report(all), f)).contains(hidden));
}

void TestExport::privateExportIsTheOwnersAlone_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("withPrivate");
    QTest::addColumn<int>("oldMode"); // of a file the export replaces; -1: none there
    QTest::addColumn<int>("mode");
    for (const char *f : {"md", "csv", "json", "html", "cdevents"}) {
        const QString name = QString::fromLatin1(f);
        QTest::addRow("%s, private, new", f) << name << true << -1 << 0600;
        QTest::addRow("%s, private, over a 0644", f) << name << true << 0644 << 0600;
        QTest::addRow("%s, without, new", f) << name << false << -1 << 0644;
        QTest::addRow("%s, without, over a 0640", f) << name << false << 0640 << 0640;
    }
}

// With the private notes in it, the written file is the owner's alone, as the timeline is:
// under the usual umask it was 0644, and over an earlier export it kept that one's mode.
void TestExport::privateExportIsTheOwnersAlone()
{
    QFETCH(QString, format);
    QFETCH(bool, withPrivate);
    QFETCH(int, oldMode);
    QFETCH(int, mode);
    const QString path
        = m_dir.filePath(s("mode-%1-%2-%3.%4").arg(withPrivate).arg(oldMode).arg(format, format));
    if (oldMode >= 0) {
        QFile earlier(path);
        QVERIFY(earlier.open(QIODevice::WriteOnly));
        earlier.write("earlier export");
        earlier.close();
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(oldMode)), 0);
    }
    ExportOptions options;
    options.includePrivateNotes = withPrivate;
    const mode_t umaskBefore = ::umask(022);
    QString error;
    const bool written
        = PostmortemExporter::write(report(options), *exportFormatFromName(format), path, &error);
    ::umask(umaskBefore);
    QVERIFY2(written, qPrintable(error));
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), mode);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().contains("pager fatigue"), withPrivate && format != s("cdevents"));
}

void TestExport::sliceKeepsTheChainVerifiable()
{
    ExportOptions slice;
    slice.fromMs = 10 * minute;
    slice.toMs = 20 * minute;
    const PostmortemReport r = report(slice);
    QVERIFY(r.exportedEvents > 0);
    for (const TimelineEvent &e : r.events) {
        const bool inSlice = e.elapsedMs >= 10 * minute && e.elapsedMs <= 20 * minute;
        if (!inSlice) // the slice's own may be left out too: a private note
            QVERIFY(r.omitted.contains(e.seq));
    }
    const IncidentExport x
        = IncidentExport::read(PostmortemExporter::render(r, ExportFormat::Json), s("slice.json"));
    QVERIFY2(x.ok(), qPrintable(formatDiagnostics(x.diagnostics)));
    QCOMPARE(x.events.size(), r.chain.eventCount);
    QCOMPARE(x.omitted.size(), r.chain.eventCount - r.exportedEvents);
    const ChainReport verified = x.verify();
    QVERIFY2(verified.intact, qPrintable(verified.summary()));
    QCOMPARE(verified.headHash, r.chain.headHash);
    // The report tells what was proven: the slice's events hashed, the others only linked.
    QCOMPARE(verified.checkedCount, r.exportedEvents);
    QCOMPARE(verified.linkedCount, x.omitted.size());
    QVERIFY2(verified.summary().contains(
                 QStringLiteral("(%1 checked in full; %2 left out of this export, their hash "
                                "links followed)")
                     .arg(r.exportedEvents)
                     .arg(x.omitted.size())),
             qPrintable(verified.summary()));
}

namespace {

// A clean export made hostile in one way: numbers, nesting, forged placeholders, false counts,
// wrong types, terminal escapes.
QByteArray hostileExport(const QString &name, const QByteArray &clean)
{
    using J = nlohmann::ordered_json;
    J doc = J::parse(clean.cbegin(), clean.cend());
    J &events = doc["events"];
    const auto n = events.size();
    // Puts text no JSON library would write (1e400, duplicates, deep nesting) in a value's place.
    auto raw = [&doc](J &slot, const QByteArray &text) {
        slot = "@RAW@";
        return QByteArray::fromStdString(doc.dump(2)).replace("\"@RAW@\"", text);
    };
    auto placeholder = [](const J &e) {
        return J{{"seq", e["seq"]},
                 {"omitted", true},
                 {"prev_hash", e["prev_hash"]},
                 {"hash", e["hash"]}};
    };
    if (name == QLatin1String("number-overflow"))
        return raw(events[2]["utc_ms"], "1e400");
    if (name == QLatin1String("seq-not-an-integer"))
        return raw(events[3]["seq"], "18446744073709551616");
    if (name == QLatin1String("seq-beyond-int64"))
        return raw(events[3]["seq"], "9223372036854775808");
    if (name == QLatin1String("nesting-100k"))
        return raw(events[1]["payload"], QByteArray(100000, '[') + QByteArray(100000, ']'));
    if (name == QLatin1String("nesting-100k-objects"))
        return raw(events[1]["payload"],
                   QByteArray("{\"a\": ").repeated(100000) + "0" + QByteArray(100000, '}'));
    if (name == QLatin1String("duplicate-key"))
        return raw(events[2]["kind"], "\"note.added\", \"kind\": \"forged\"");
    if (name == QLatin1String("omitted-with-text")) {
        events[2] = placeholder(events[2]);
        events[2]["text"] = "the commander approved the rollback";
        events[2]["actor"] = "mallory";
        doc["slice"]["omitted_events"] = 1;
    } else if (name == QLatin1String("all-omitted")) {
        for (J &e : events)
            e = placeholder(e);
        doc["slice"]["omitted_events"] = n;
    } else if (name == QLatin1String("zero-events")) {
        events = J::array();
        doc["chain"]["event_count"] = 0;
    } else if (name == QLatin1String("claims-zero-events")) {
        doc["chain"]["event_count"] = 0;
    } else if (name == QLatin1String("claims-more-events")) {
        doc["chain"]["event_count"] = n + 5;
    } else if (name == QLatin1String("claims-fewer-omitted")) {
        events[4] = placeholder(events[4]);
    } else if (name == QLatin1String("wrong-type")) {
        events[4]["actor"] = 42;
    } else if (name == QLatin1String("missing-field")) {
        events[6].erase("kind");
    } else if (name == QLatin1String("bad-hash")) {
        events[5]["hash"] = "not-a-hash";
    } else if (name == QLatin1String("omitted-not-boolean")) {
        events[2]["omitted"] = "yes";
    } else if (name == QLatin1String("control-characters")) {
        events[7]["kind"] = "\x1b]0;owned\x07" + std::string(2000, 'k');
        events[7]["actor"] = "\x1b[2J";
    } else if (name == QLatin1String("not-an-export")) {
        doc = J::array({1, 2, 3});
    }
    return QByteArray::fromStdString(doc.dump(2));
}

} // namespace

void TestExport::hostileExports_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name :
         {"number-overflow", "seq-not-an-integer", "seq-beyond-int64", "nesting-100k",
          "nesting-100k-objects", "duplicate-key", "omitted-with-text", "all-omitted",
          "zero-events", "claims-zero-events", "claims-more-events", "claims-fewer-omitted",
          "wrong-type", "missing-field", "bad-hash", "omitted-not-boolean", "control-characters",
          "not-an-export"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestExport::hostileExports()
{
    QFETCH(QString, name);
    const QByteArray clean = PostmortemExporter::render(report(), ExportFormat::Json);
    QVERIFY(IncidentExport::read(clean, s("clean.json")).verify().intact);

    const QByteArray hostile = hostileExport(name, clean);
    QVERIFY(hostile != clean);
    const IncidentExport x = IncidentExport::read(hostile, s("hostile/") + name + s(".json"));
    QString actual;
    if (x.ok()) {
        const ChainReport r = x.verify();
        QVERIFY2(!r.intact, qPrintable(r.summary()));
        actual = r.summary() + u'\n';
    } else {
        actual = formatDiagnostics(x.diagnostics) + u'\n';
    }
    for (const QChar c : actual)
        QVERIFY2(c.isPrint() || c == u'\n', qPrintable(actual));

    WARROOM_COMPARE_GOLDEN(actual, s(WARROOM_TEST_DATA "/export/hostile/") + name + s(".expected"));
}

// Every input that once crashed the export fuzz target (tests/data/fuzz-crashes/export-*) is read
// now as an error with its place, or verified as broken: never a crash.
void TestExport::fuzzCrashInputs_data()
{
    test::addFileRows(s(WARROOM_TEST_DATA "/fuzz-crashes"), s("export-*.json"));
}

void TestExport::fuzzCrashInputs()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const IncidentExport x = IncidentExport::read(file.readAll(), path);
    if (x.ok()) {
        QVERIFY(!x.verify().intact);
        return;
    }
    const QString message = formatDiagnostics(x.diagnostics);
    QVERIFY2(message.startsWith(path + u':'), qPrintable(message));
}

void TestExport::quotesInsideQuotes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << s("Writes re-enabled") << s("\u201cWrites re-enabled\u201d");
    QTest::newRow("straight inside") << s("\"Rollback start\" marker placed")
                                     << s("\u201c\u2018Rollback start\u2019 marker placed\u201d");
    QTest::newRow("curly inside") << s("the \u201cgood\u201d version")
                                  << s("\u201cthe \u2018good\u2019 version\u201d");
    QTest::newRow("two quotes") << s("\"a\" or \"b\"")
                                << s("\u201c\u2018a\u2019 or \u2018b\u2019\u201d");
}

void TestExport::quotesInsideQuotes()
{
    // A checklist text that quotes was wrapped in quotes again: on screen two quote marks in a
    // row, in CSV ""Rollback start"". The sentence quotes it the way a quote within a quote is.
    QFETCH(QString, text);
    QFETCH(QString, quoted);
    QCOMPARE(EventFormatter::quoted(text), quoted);
    const Checklist checklist = test::shippedChecklist();
    const QMap<QString, QString> vars;
    const EventFormatter formatter(checklist, vars);
    TimelineEvent e;
    e.kind = s("item.confirmed");
    e.stepId = s("execute");
    e.itemId = s("marker-start");
    const QString sentence = formatter.describe(e);
    QVERIFY2(!sentence.contains(u'"'), qPrintable(sentence));
    QVERIFY2(sentence.contains(s("\u2018Rollback start\u2019")), qPrintable(sentence));
    const QByteArray csv = PostmortemExporter::render(report(), ExportFormat::Csv);
    QVERIFY(csv.contains("\xe2\x80\x98Rollback start\xe2\x80\x99 marker"));
    QVERIFY(!csv.contains("\"\"Rollback start\"\""));
}

QTEST_MAIN(TestExport)
#include "tst_export.moc"
