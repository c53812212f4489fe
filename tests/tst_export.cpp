#include "chain/ChainVerifier.h"
#include "session/IncidentSession.h"
#include "report/formats/JsonExport.h"
#include "report/PostmortemExporter.h"
#include "TestFiles.h"
#include "TestTimeline.h"
#include "store/TimelineStore.h"

#include <QFile>
#include <QProcess>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace warroom;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

constexpr qint64 t0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 minute = 60'000;

// A whole drill of the shipped checklist on a fixed clock, with a private note, an override and
// text that tests every format's escaping.
qint64 scriptedIncident(TimelineStore &store)
{
    qint64 now = t0;
    const Clock clock = [&now] {
        return now;
    };
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d;
    d.title = s("Checkout 5xx after v1.3.0 deploy");
    d.commander = s("Priya Raman");
    d.mode = IncidentMode::Drill;
    d.uuid = s("00000000-0000-4000-8000-000000000001");
    for (const ChecklistVariable &v : checklist.variables)
        d.variables.insert(v.name, v.defaultValue);
    d.variables[s("service")] = s("checkout-api");
    QString error;
    auto session = IncidentSession::declare(store, checklist, d, clock, &error);
    if (!session)
        qFatal("%s", qPrintable(error));
    auto ok = [](const CommandResult &r) {
        if (!r.ok())
            qFatal("%s", qPrintable(r.message));
    };
    ok(session->addNote(s("Impact: EU card payments | 12% of checkouts in Zürich")));
    ok(session->addNote(s("private: pager fatigue on the DB team"), true));
    const ChecklistEngine &e = session->engine();
    while (e.currentStep() >= 0) {
        const int si = e.currentStep();
        const ChecklistStep &step = e.checklist().steps.at(si);
        const ChecklistItem &item = step.items.at(e.currentItem(si));
        now += minute;
        if (step.id == QLatin1String("communicate") && item.id == QLatin1String("customers")) {
            ok(session->skipItem(step.id, item.id, s("drill: no customers to tell")));
            continue;
        }
        if (step.id == QLatin1String("validate") && item.id == QLatin1String("integrity"))
            ok(session->addNote(s("Checksums match, \"orders\" table ok")));
        ok(session->confirmItem(step.id, item.id,
                                item.kind == ItemKind::Choice ? item.options.first().value
                                                              : QString(),
                                item.isAutomated() ? s("checked on the dashboard") : QString()));
    }
    now += minute;
    ok(session->close());
    return session->incident().id;
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void golden_data();
    void golden();
    void readBackByOtherPrograms();
    void pdfSaysDrillOnEveryPage();
    void privateNotes();
    void extractedValuesReadAsOnScreen();
    void sliceKeepsTheChainVerifiable();
    void tamper_data();
    void tamper();
    void exportedJsonTamper_data();
    void exportedJsonTamper();
    void hostileExports_data();
    void hostileExports();
    void fuzzCrashInputs_data();
    void fuzzCrashInputs();

private:
    PostmortemReport report(const ExportOptions &options = {}) const;
    QTemporaryDir m_dir;
    TimelineStore m_store;
    qint64 m_id = 0;
    ExportOptions m_options;
};

void TestExport::initTestCase()
{
    QString error;
    QVERIFY(m_store.open(m_dir.filePath(s("export.sqlite")), &error));
    m_id = scriptedIncident(m_store);
    m_options.generatedUtcMs = t0 + 60 * minute;
}

PostmortemReport TestExport::report(const ExportOptions &options) const
{
    QString error;
    const auto snap = IncidentSnapshot::load(m_store, m_id, &error);
    if (!snap)
        qFatal("%s", qPrintable(error));
    ExportOptions o = options;
    o.generatedUtcMs = m_options.generatedUtcMs;
    return PostmortemReport::build(snap->incident, snap->checklist, snap->events, o);
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

void TestExport::readBackByOtherPrograms()
{
    const PostmortemReport r = report();
    QString error;
    for (const char *f : {"md", "csv", "json", "html"})
        QVERIFY2(PostmortemExporter::write(r, *exportFormatFromName(QString::fromLatin1(f)),
                                           m_dir.filePath(s("drill.") + QString::fromLatin1(f)),
                                           &error),
                 qPrintable(error));
    ExportOptions withChart;
    withChart.chartSvg
        = QByteArrayLiteral("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                            "width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>");
    QVERIFY(PostmortemExporter::write(report(withChart), ExportFormat::Html,
                                      m_dir.filePath(s("drill-chart.html")), &error));

    // Python's standard library: CSV, JSON with the chain recomputed, HTML.
    QProcess python;
    python.start(s("/usr/bin/python3"), {s(WARROOM_TESTS_DIR "/read_exports.py"), m_dir.path()});
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardOutput().constData());

    // pandoc renders the Markdown; its tables must come through as tables.
    QProcess pandoc;
    pandoc.start(s("pandoc"),
                 {s("-f"), s("gfm"), s("-t"), s("html"), m_dir.filePath(s("drill.md"))});
    QVERIFY2(pandoc.waitForFinished(60000), "pandoc did not run");
    QCOMPARE(pandoc.exitCode(), 0);
    const QString html = QString::fromUtf8(pandoc.readAllStandardOutput());
    QCOMPARE(html.count(s("<table")), 5);
    // Timeline rows (one per exported event) plus the header row.
    const qsizetype timelineStart = html.indexOf(s("id=\"timeline\""));
    QVERIFY(timelineStart > 0);
    const QString timeline
        = html.mid(timelineStart, html.indexOf(s("</table>"), timelineStart) - timelineStart);
    QCOMPARE(timeline.count(s("<tr")), r.timeline.size() + 1);
    QVERIFY(html.contains(s("EU card payments | 12% of checkouts in Zürich")));
}

void TestExport::pdfSaysDrillOnEveryPage()
{
    const QString path = m_dir.filePath(s("drill.pdf"));
    ExportOptions options;
    bool chartPainted = false;
    options.paintChart = [&chartPainted](QPainter &, const QRectF &) {
        chartPainted = true;
    };
    QString error;
    QVERIFY2(PostmortemExporter::write(report(options), ExportFormat::Pdf, path, &error),
             qPrintable(error));
    QVERIFY(chartPainted);
    QProcess pdftotext;
    pdftotext.start(s("pdftotext"), {path, s("-")});
    QVERIFY2(pdftotext.waitForFinished(60000), "pdftotext did not run");
    QCOMPARE(pdftotext.exitCode(), 0);
    const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
    const QStringList pages = text.split(u'\f', Qt::SkipEmptyParts);
    QVERIFY2(pages.size() >= 3, qPrintable(QString::number(pages.size())));
    for (int p = 0; p < pages.size(); ++p) {
        QVERIFY2(pages.at(p).contains(s("DRILL")),
                 qPrintable(QStringLiteral("page %1").arg(p + 1)));
        QVERIFY(pages.at(p).contains(QStringLiteral("page %1 of %2").arg(p + 1).arg(pages.size())));
    }
    for (const char *must : {"Postmortem: Checkout 5xx after v1.3.0 deploy", "Summary", "Timeline",
                             "Rollback steps: planned against actual", "Gantt chart",
                             "Time from rollback trigger to healthy"})
        QVERIFY2(text.contains(QString::fromUtf8(must)), must);
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

void TestExport::sliceKeepsTheChainVerifiable()
{
    ExportOptions slice;
    slice.fromMs = 10 * minute;
    slice.toMs = 20 * minute;
    const PostmortemReport r = report(slice);
    QVERIFY(!r.timeline.isEmpty());
    for (const auto &t : r.timeline) {
        QVERIFY(t.elapsedMs >= 10 * minute);
        QVERIFY(t.elapsedMs <= 20 * minute);
    }
    const IncidentExport x
        = IncidentExport::read(PostmortemExporter::render(r, ExportFormat::Json), s("slice.json"));
    QVERIFY2(x.ok(), qPrintable(formatDiagnostics(x.diagnostics)));
    QCOMPARE(x.events.size(), r.chain.eventCount);
    QCOMPARE(x.omitted.size(), r.chain.eventCount - r.timeline.size());
    const ChainReport verified = x.verify();
    QVERIFY2(verified.intact, qPrintable(verified.summary()));
    QCOMPARE(verified.headHash, r.chain.headHash);
    // The report tells what was proven: the slice's events hashed, the others only linked.
    QCOMPARE(verified.checkedCount, r.timeline.size());
    QCOMPARE(verified.linkedCount, x.omitted.size());
    QVERIFY2(verified.summary().contains(QStringLiteral("(%1 checked, %2 only linked)")
                                             .arg(r.timeline.size())
                                             .arg(x.omitted.size())),
             qPrintable(verified.summary()));
}

void TestExport::tamper_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("againstExport");
    QTest::addColumn<qint64>("brokenAt");
    QTest::addColumn<QString>("problem");
    QTest::newRow("edited payload")
        << s("DROP TRIGGER events_append_only_update; UPDATE events SET payload_json = "
             "'{\"text\":\"all fine\"}' WHERE seq = 2")
        << false << qint64(2) << s("event 2 (note.added) was changed after it was written");
    QTest::newRow("deleted event")
        << s("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE seq = 5") << false
        << qint64(5) << s("event 5 is missing (the sequence jumps from 4 to 6)");
    QTest::newRow("reordered pair")
        << s("DROP TRIGGER events_append_only_update; UPDATE events SET seq = 999 WHERE seq = 6; "
             "UPDATE events SET seq = 6 WHERE seq = 7; UPDATE events SET seq = 7 WHERE seq = 999")
        << false << qint64(6) << s("events 6 and 7 are in the wrong order");
    QTest::newRow("truncated tail")
        << s("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE seq > 40") << true
        << qint64(41) << s("the timeline ends after event 40 but the export recorded");
    QTest::newRow("rewritten incident") << s(
        "DROP TRIGGER incidents_immutable_update; UPDATE incidents SET commander = 'Someone Else'")
                                        << false << qint64(1)
                                        << s("the incident record was changed");
}

void TestExport::tamper()
{
    QFETCH(QString, sql);
    QFETCH(bool, againstExport);
    QFETCH(qint64, brokenAt);
    QFETCH(QString, problem);
    // A fresh copy of the scripted incident for each case.
    const QString path = m_dir.filePath(
        QStringLiteral("tamper-%1.sqlite")
            .arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    TimelineStore store;
    QString error;
    QVERIFY(store.open(path, &error));
    const qint64 id = scriptedIncident(store);
    ChainReport before = ChainVerifier::verify(*store.incident(id), store.events(id).value());
    QVERIFY2(before.intact, qPrintable(before.summary()));
    const ChainAnchor anchor{before.eventCount, before.headHash};
    QCOMPARE(test::rawSql(path, sql), QString());
    const ChainReport after
        = ChainVerifier::verify(*store.incident(id), store.chainEvents(id).value(),
                                againstExport ? std::optional(anchor) : std::nullopt);
    QVERIFY(!after.intact);
    QCOMPARE(after.brokenAt, brokenAt);
    QVERIFY2(after.problem.contains(problem), qPrintable(after.problem));
}

void TestExport::exportedJsonTamper_data()
{
    QTest::addColumn<QByteArray>("find");
    QTest::addColumn<QByteArray>("replace");
    QTest::addColumn<QString>("problem");
    // The head's first digit changed (the reader refuses a hash of the wrong length).
    QTest::newRow("forged head") << QByteArray("\"head_hash\": \"1")
                                 << QByteArray("\"head_hash\": \"0")
                                 << s("the recorded head was forged");
    QTest::newRow("edited note in the export")
        << QByteArray("12% of checkouts") << QByteArray("2% of checkouts")
        << s("was changed after it was written");
}

void TestExport::exportedJsonTamper()
{
    QFETCH(QByteArray, find);
    QFETCH(QByteArray, replace);
    QFETCH(QString, problem);
    QByteArray json = PostmortemExporter::render(report(), ExportFormat::Json);
    const IncidentExport clean = IncidentExport::read(json, s("clean.json"));
    QVERIFY(
        ChainVerifier::verify(clean.incident, clean.events, clean.anchor, clean.omitted).intact);
    QVERIFY(json.contains(find));
    json.replace(json.indexOf(find), find.size(), replace);
    const IncidentExport x = IncidentExport::read(json, s("tampered.json"));
    QVERIFY2(x.ok(), qPrintable(formatDiagnostics(x.diagnostics)));
    const ChainReport r = ChainVerifier::verify(x.incident, x.events, x.anchor, x.omitted);
    QVERIFY(!r.intact);
    QVERIFY2(r.problem.contains(problem), qPrintable(r.problem));
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

QTEST_MAIN(TestExport)
#include "tst_export.moc"
