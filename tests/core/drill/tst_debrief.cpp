#include "control/IncidentController.h"
#include "facilitation/Debrief.h"
#include "facilitation/DebriefChart.h"
#include "facilitation/FacilitationRecord.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/ShippedDeclaration.h"
#include "support/TestFiles.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"

#include "facilitation/DebriefSections.h"
#include "gantt/GanttPalette.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

TimelineEvent ev(const char *kind, const char *target, qint64 atS, const char *outcome = "")
{
    TimelineEvent e;
    e.kind = s(kind);
    e.stepId = s(target).section(u'/', 0, 0);
    e.itemId = s(target).section(u'/', 1);
    e.elapsedMs = atS * 1000;
    // One run per item, for the chart's strip.
    e.payload = *outcome ? QJsonObject{{PayloadKey::Run, s(target)}, {PayloadKey::Outcome, s(outcome)}}
                         : QJsonObject{{PayloadKey::Run, s(target)}};
    return e;
}

// A flapping-error-rate drill as a facilitator would leave it: two injects (one acknowledged,
// one a fault), a pause, ratings, observations, the ramp halted by its gate.
Debrief scripted()
{
    Debrief d;
    d.checklist = test::shippedChecklist();
    d.incident.id = 7;
    d.incident.title = s("Drill: flapping error rate");
    d.incident.commander = s("Priya");
    d.incident.mode = IncidentMode::Drill;
    d.incident.declaredUtcMs = 1'780'000'000'000;
    d.incident.checklistId = d.checklist.id;
    d.incident.checklistRevision = d.checklist.revision;
    Scenario &sc = d.record.scenario;
    sc.id = s("flapping-error-rate");
    sc.title = s("Drill: the error rate flaps while traffic comes back");
    sc.description = s("The ramp must halt on its own when the error rate flaps.");
    sc.objectives = {s("Let the ramp's error-rate gate decide."),
                     s("Tell support within minutes that recovery is paused.")};
    DrillInject page{s("heads-up"), {}, {}, s("Support reports checkout errors."), s("comms")};
    page.when.atMs = 30'000;
    DrillInject flap{s("error-rate-flaps"), {}, QJsonObject{{s("flapping_error_rate"), true}}, {}, {}};
    flap.when.event = DrillMoment::Event::RunStarted;
    flap.when.target = s("reenable/ramp");
    sc.injects = {page, flap};
    DrillExpectation job{s("job-in-time"), DrillExpectation::Kind::StepDoneBy, s("execute"),
                         20 * 60'000, {}, -1, {}};
    DrillExpectation halts{s("ramp-halts"), DrillExpectation::Kind::RunOutcome,
                           s("reenable/ramp"), -1, s("halted"), 60'000, s("error-rate-flaps")};
    DrillExpectation stops{s("stops-at-ramp"), DrillExpectation::Kind::DrillOutcome, {}, -1,
                           s("stopped"), -1, {}};
    sc.expectations = {job, halts, stops};
    sc.capabilities = {{s("halt-on-bad-signal"), s("Stop the ramp on a bad signal"),
                        {s("validate"), s("reenable")}},
                       {s("stakeholder-comms"), s("Keep support and the status page informed"),
                        {s("notify"), s("communicate")}}};
    d.record.started = true;
    d.record.board = InjectBoard(sc.injects);
    d.record.board.markFired(s("heads-up"), 30'000);
    QString error;
    (void)d.record.board.acknowledge(s("heads-up"), s("Dana"), 75'000, &error);
    d.record.board.markFired(s("error-rate-flaps"), 1'500'000);
    d.record.clock.pause(600'000);
    d.record.clock.resume(780'000); // three minutes held, left out
    d.record.outcome = s("stopped");
    d.record.stopReason = s("reenable/ramp halted");
    d.record.passed = true; // the halt is what the scenario expects
    (void)d.record.log.observe({40'000, s("scope"), s("Commander asked who owns the status page"),
                                s("Fran")},
                               &error);
    (void)d.record.log.observe({1'530'000, s("reenable"), s("Nobody pushed traffic by hand"),
                                s("Fran")},
                               &error);
    (void)d.record.log.rate({s("scope"), PerformanceRating::SomeChallenges,
                             s("class chosen late"), 120'000, s("Fran")},
                            &error);
    (void)d.record.log.rate({s("reenable"), PerformanceRating::Performed, s("gate trusted"),
                             1'560'000, s("Fran")},
                            &error);
    (void)d.record.log.rate({s("halt-on-bad-signal"), PerformanceRating::SomeChallenges,
                             s("halted by the gate; nobody said so on the channel"), 1'600'000,
                             s("Lee")},
                            &error);
    // Real seconds since the declaration; the pause (600 s to 780 s) is taken out.
    const TimelineEvents events{
        ev("step.started", "scope", 0),          ev("item.confirmed", "scope/class", 95),
        ev("step.completed", "scope", 120),      ev("step.started", "notify", 120),
        ev("action.requested", "notify/channel", 150), ev("step.completed", "notify", 200),
        ev("step.started", "freeze", 120),       ev("action.requested", "freeze/freeze-writes", 160),
        ev("step.completed", "freeze", 240),     ev("step.started", "execute", 240),
        ev("action.requested", "execute/run", 300), ev("step.completed", "execute", 1'020),
        ev("step.started", "validate", 1'020),   ev("check.started", "validate/version", 1'050),
        ev("step.completed", "validate", 1'500), ev("step.started", "reenable", 1'500),
        ev("ramp.started", "reenable/ramp", 1'680),
        ev("ramp.finished", "reenable/ramp", 1'720, "halted"),
        ev("step.failed", "reenable", 1'720)};
    DrillScore::Input in{d.checklist, events, d.record, {{s("scope"), 240'000}}, 3'000'000, 2};
    d.score = DrillScore::compute(in);
    d.gantt = DebriefChart::geometry(d.checklist, events, d.record, d.incident.declaredUtcMs);
    return d;
}

} // namespace

// The debrief: golden Markdown and HTML of a scripted drill, the A4 PDF read back by pdftotext,
// and one loaded from a database, whose postmortem leaves the facilitator's notes out.
class TestDebrief : public QObject
{
    Q_OBJECT

private slots:
    void markdownGolden();
    void htmlGolden();
    void pdfReadsBack();
    void pdfHeadersAreWholeWords();
    void pdfPageShowsTheChart();
    void pdfChartHeadingOnTheChartsPage_data();
    void pdfChartHeadingOnTheChartsPage();
    void pdfLongTableRepeatsItsHeader();
    void loadsFromDatabase();
    void axisEndsAfterAShortDrill_data();
    void axisEndsAfterAShortDrill();
};

void TestDebrief::axisEndsAfterAShortDrill_data()
{
    QTest::addColumn<int>("actualS"); // the drill's last bar ends here
    QTest::addColumn<int>("injectS"); // an inject fired here; -1: none
    QTest::addColumn<bool>("fitted");
    QTest::newRow("x100 drill, 8 of 65 min") << 480 << -1 << true;
    QTest::newRow("an inject after the last bar") << 300 << 600 << true;
    QTest::newRow("just under a third") << 1290 << -1 << true;
    QTest::newRow("a third of the plan") << 1300 << -1 << false;
    QTest::newRow("most of the plan") << 3600 << 120 << false;
    QTest::newRow("nothing happened") << 0 << -1 << false;
}

// A drill that ended long before its plan would have (at x100, 8 minutes into 65) has its chart's
// axis end shortly after it, the plan cut at the edge with an arrow and the caption saying where
// the plan runs to: its bars, injects and milestones had the chart's first eighth.
void TestDebrief::axisEndsAfterAShortDrill()
{
    QFETCH(int, actualS);
    QFETCH(int, injectS);
    QFETCH(bool, fitted);
    constexpr qint64 planMs = 65 * 60'000;
    GanttGeometry g;
    GanttRow row;
    row.label = s("1. Confirm scope");
    row.planned = {0, planMs, BarState::Planned};
    row.actual = {{0, actualS * 1000LL, BarState::Done}};
    g.rows = {row};
    g.extentMs = planMs;
    g.nowMs = actualS * 1000LL;
    DebriefChart c;
    if (injectS >= 0)
        c.injects = {{s("1"), s("heads-up"), injectS * 1000LL, s("the room"), {}}};
    const qint64 end = c.axisEndMs(g);
    const QString svg = c.svg(g);
    if (!fitted) {
        QCOMPARE(end, 0);
        QVERIFY(svg.contains(s(">T+1 h<")));
        QVERIFY(!svg.contains(QChar(0x2192)));
        return;
    }
    // Everything in sight, a quarter of the plot after it, at least 10 s, a whole second.
    const qint64 last = std::max<qint64>(actualS, injectS) * 1000LL;
    QVERIFY2(end >= std::max<qint64>(last * 4 / 3, 10'000)
                 && end < std::max<qint64>(last * 4 / 3, 10'000) + 1'000 && end % 1000 == 0,
             qPrintable(QString::number(end)));
    QVERIFY(!svg.contains(s(">T+1 h<")));
    QVERIFY(svg.contains(QChar(0x2192))); // the plan goes on past the edge
    Debrief d = scripted();
    d.gantt = g;
    d.record.board = InjectBoard(QList<DrillInject>{});
    const QString md = d.markdown();
    QVERIFY2(md.contains(s("The time axis ends at ")) && md.contains(s("T+01:05:00")),
             qPrintable(md));
}

void TestDebrief::markdownGolden()
{
    WARROOM_COMPARE_GOLDEN(scripted().markdown(),
                           QStringLiteral(WARROOM_TEST_DATA "/debrief/flapping.md"));
}

void TestDebrief::htmlGolden()
{
    WARROOM_COMPARE_GOLDEN(scripted().html(),
                           QStringLiteral(WARROOM_TEST_DATA "/debrief/flapping.html"));
}

void TestDebrief::pdfReadsBack()
{
    const QString pdftotext = QStandardPaths::findExecutable(s("pdftotext"));
    const QString pdfinfo = QStandardPaths::findExecutable(s("pdfinfo"));
    if (pdftotext.isEmpty() || pdfinfo.isEmpty())
        QSKIP("poppler-utils (pdftotext, pdfinfo) is not installed");
    QTemporaryDir dir;
    const QString pdf = dir.filePath(s("debrief.pdf"));
    QString error;
    QVERIFY2(scripted().writePdf(pdf, &error), qPrintable(error));
    if (qEnvironmentVariableIsSet("WARROOM_KEEP_PDF")) // to look at it: pdftoppm -png -r 60
        QFile::copy(pdf, qEnvironmentVariable("WARROOM_KEEP_PDF"));
    QProcess info;
    info.start(pdfinfo, {pdf});
    QVERIFY(info.waitForFinished(20'000));
    QVERIFY2(info.readAllStandardOutput().contains("(A4)"), "not A4");
    QProcess text;
    text.start(pdftotext, {pdf, s("-")});
    QVERIFY(text.waitForFinished(20'000));
    // NFKC: the PDF's fonts set "fl" and "ff" as ligatures, which pdftotext gives back as such.
    const QString out = QString::fromUtf8(text.readAllStandardOutput())
                            .normalized(QString::NormalizationForm_KC);
    for (const char *needle : {"Drill debrief: Drill: the error rate flaps", "Let the ramp",
                               "Support reports", "Commander asked",
                               "with some challenges", "ramp-halts",
                               "Lessons and improvement items"})
        QVERIFY2(out.simplified().contains(s(needle)), qPrintable(s(needle) + u'\n' + out.left(600)));
}

namespace {

// What `program args` printed, or a failure said in `error`.
QString run(const QString &program, const QStringList &args, QString *error)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        *error = program + u' ' + args.join(u' ') + QStringLiteral(": ")
                 + QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return QString::fromUtf8(p.readAllStandardOutput());
}

// The PDF's text, ligatures unfolded and the zero-width spaces the PDF adds to long words gone.
QString pdfText(const QString &pdf, QString *error)
{
    return run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}, error)
        .normalized(QString::NormalizationForm_KC)
        .remove(QChar(0x200B));
}

} // namespace

// Every word of every table header is whole in the PDF (they broke as "Acknowled ged" and
// "Duratio n" when a long cell squeezed their columns).
void TestDebrief::pdfHeadersAreWholeWords()
{
    if (QStandardPaths::findExecutable(s("pdftotext")).isEmpty())
        QSKIP("poppler-utils (pdftotext) is not installed");
    QTemporaryDir dir;
    const QString pdf = dir.filePath(s("debrief.pdf"));
    QString error;
    const Debrief d = scripted();
    QVERIFY2(d.writePdf(pdf, &error), qPrintable(error));
    const QString text = pdfText(pdf, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList tokens = text.split(QRegularExpression(s("\\s+")), Qt::SkipEmptyParts);
    int checked = 0;
    for (const DebriefSection &section : debriefSections(d)) {
        if (section.rows.isEmpty())
            continue;
        for (const QString &header : section.headers)
            for (const QString &word : header.split(u' ', Qt::SkipEmptyParts)) {
                QVERIFY2(tokens.contains(word),
                         qPrintable(s("header word '%1' (%2) is not whole in the PDF")
                                        .arg(word, section.title)));
                ++checked;
            }
    }
    QVERIFY(checked > 30);
}

// The first page, rendered, shows the chart: the steps' bars in the light palette's green and
// the injects' dashed lines in their purple.
void TestDebrief::pdfPageShowsTheChart()
{
    if (QStandardPaths::findExecutable(s("pdftoppm")).isEmpty())
        QSKIP("poppler-utils (pdftoppm) is not installed");
    QTemporaryDir dir;
    const QString pdf = dir.filePath(s("debrief.pdf"));
    QString error;
    QVERIFY2(scripted().writePdf(pdf, &error), qPrintable(error));
    run(s("pdftoppm"), {s("-png"), s("-r"), s("60"), s("-l"), s("3"), pdf, dir.filePath(s("page"))},
        &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QColor done = GanttPalette::light().done;
    const QColor inject(0x9e, 0x3d, 0x8a);
    auto near = [](QColor a, QColor b) {
        return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green())
                   + std::abs(a.blue() - b.blue())
               < 40;
    };
    int green = 0;
    int purple = 0;
    const QStringList pages = QDir(dir.path()).entryList({s("page-*.png")});
    QVERIFY(!pages.isEmpty());
    for (const QString &png : pages) {
        const QImage page(dir.filePath(png));
        for (int y = 0; y < page.height(); ++y)
            for (int x = 0; x < page.width(); ++x) {
                green += near(page.pixelColor(x, y), done);
                purple += near(page.pixelColor(x, y), inject);
            }
    }
    QVERIFY2(green > 50, qPrintable(QString::number(green)));
    QVERIFY2(purple > 20, qPrintable(QString::number(purple)));
}

// The chart's heading and caption are on the page the chart is on: they stood alone at the foot
// of page 1 with the chart on page 2 (KeepWithNext). The chart is drawn as lines and text, so its
// labels are in its page's text (a 300-dpi image before: 341 KB, its labels neither searchable
// nor sharp), and the only image in the file is the blank that keeps its place.
void TestDebrief::pdfChartHeadingOnTheChartsPage_data()
{
    QTest::addColumn<bool>("early");   // the drill's bars a quarter as long: ended early
    QTest::addColumn<QString>("tick"); // an axis label of its chart
    QTest::newRow("38% of its plan: the whole plan") << false << s("T+20 min");
    // The axis ends after it, and the caption says so: said in a paragraph of its own, that
    // sentence left the heading and caption at the foot of the page before the chart.
    QTest::newRow("ended early: the axis fitted") << true << s("T+10 min");
}

void TestDebrief::pdfChartHeadingOnTheChartsPage()
{
    QFETCH(bool, early);
    QFETCH(QString, tick);
    if (QStandardPaths::findExecutable(s("pdfimages")).isEmpty())
        QSKIP("poppler-utils (pdfimages) is not installed");
    Debrief d = scripted();
    if (early) {
        d.record.board = InjectBoard(QList<DrillInject>{});
        for (GanttRow &row : d.gantt.rows) {
            for (QList<GanttBar> *bars : {&row.actual, &row.runs})
                for (GanttBar &b : *bars)
                    b = {b.startMs / 4, b.endMs / 4, b.state};
        }
        for (GanttMarker &m : d.gantt.markers)
            m.atMs /= 4;
        d.gantt.nowMs /= 4;
        QVERIFY(DebriefChart::of(d).axisEndMs(d.gantt) > 0);
    }
    QTemporaryDir dir;
    const QString pdf = dir.filePath(s("debrief.pdf"));
    QString error;
    QVERIFY2(d.writePdf(pdf, &error), qPrintable(error));
    // "page num type ..." and a rule, then one line per image (and its mask): the blank only.
    const QStringList images = run(s("pdfimages"), {s("-list"), pdf}, &error)
                                   .split(u'\n', Qt::SkipEmptyParts)
                                   .mid(2);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QString &image : images) {
        const QStringList fields = image.split(u' ', Qt::SkipEmptyParts);
        QVERIFY2(fields.value(3) == s("1") && fields.value(4) == s("1"), qPrintable(image));
    }
    const QStringList pages
        = run(s("pdftotext"), {pdf, s("-")}, &error).split(u'\f', Qt::SkipEmptyParts);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    qsizetype chartPage = -1;
    for (qsizetype p = 0; p < pages.size(); ++p) {
        if (pages.at(p).contains(tick))
            chartPage = chartPage < 0 ? p : chartPage;
    }
    QVERIFY2(chartPage >= 0, "the chart's axis labels are in no page's text");
    const QString text = pages.at(chartPage).simplified();
    QVERIFY2(text.contains(s("Rollback start")) && text.contains(s("incident scope and declare")),
             qPrintable(text.left(400)));
    QCOMPARE(text.contains(s("The time axis ends at")), early);
    QVERIFY2(text.contains(s("The drill on the chart")) && text.contains(s("On the drill clock.")),
             qPrintable(
                 s("the chart is on page %1 without its heading and caption").arg(chartPage + 1)));
}

// A table that goes on over the next page repeats its header row there: a reader of page 3 of
// the observations knows which column is the time and which the author.
void TestDebrief::pdfLongTableRepeatsItsHeader()
{
    if (QStandardPaths::findExecutable(s("pdfinfo")).isEmpty())
        QSKIP("poppler-utils (pdfinfo, pdftotext) is not installed");
    Debrief d = scripted();
    QString error;
    for (int i = 0; i < 160; ++i)
        QVERIFY(d.record.log.observe({100'000 + i * 1'000, s("scope"),
                                      s("Noted item %1 of the long table").arg(i), s("Fran")},
                                     &error));
    QTemporaryDir dir;
    const QString pdf = dir.filePath(s("debrief.pdf"));
    QVERIFY2(d.writePdf(pdf, &error), qPrintable(error));
    const QRegularExpression pagesLine(s("^Pages:\\s+(\\d+)"), QRegularExpression::MultilineOption);
    const int pages = pagesLine.match(run(s("pdfinfo"), {pdf}, &error)).captured(1).toInt();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    int pagesWithRows = 0;
    for (int p = 1; p <= pages; ++p) {
        const QString page = QString::number(p);
        const QString text = run(s("pdftotext"), {s("-f"), page, s("-l"), page, pdf, s("-")}, &error)
                                 .normalized(QString::NormalizationForm_KC)
                                 .remove(QChar(0x200B));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        if (!text.contains(s("of the long table")))
            continue;
        ++pagesWithRows;
        const QStringList tokens = text.split(QRegularExpression(s("\\s+")), Qt::SkipEmptyParts);
        for (const char *header : {"When", "Step", "Observation", "By"})
            QVERIFY2(tokens.contains(s(header)),
                     qPrintable(s("page %1 has observations but no '%2' header").arg(p).arg(s(header))));
    }
    QVERIFY2(pagesWithRows >= 3, qPrintable(QString::number(pagesWithRows)));
}

void TestDebrief::loadsFromDatabase()
{
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY(store.open(dir.filePath(s("d.db")), &error));
    IncidentController controller(store, systemClock());
    QVERIFY2(test::declareShipped(controller, s("tabletop"), s("Priya"), IncidentMode::Drill,
                                  &error),
             qPrintable(error));
    const qint64 id = controller.session()->incident().id;
    QVERIFY(!Debrief::load(store, id, &error)); // no facilitation record yet: said so
    QVERIFY2(error.contains(s("no facilitation record")), qPrintable(error));
    const Debrief d = scripted();
    auto add = [&](const QString &kind, const QString &subject, const QJsonObject &payload) {
        FacilitationEntry e{id, 0, 0, 1'000, s("Fran"), kind, subject, payload};
        return store.appendFacilitation(e, &error).has_value();
    };
    QVERIFY(add(FacilitationKind::DrillStarted, {},
                {{s("scenario"), FacilitationRecord::scenarioJson(d.record.scenario)}}));
    QVERIFY(add(FacilitationKind::Observation, s("scope"), {{s("text"), s("Quiet room")}}));
    QVERIFY(add(FacilitationKind::Rating, s("scope"), {{s("rating"), s("U")}}));
    const auto loaded = Debrief::load(store, 0, &error); // 0: the newest facilitated drill
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->incident.id, id);
    const QString md = loaded->markdown();
    QVERIFY(md.contains(s("Quiet room")));
    QVERIFY(md.contains(s("| Confirm incident scope and declare rollback class | U | unable to be performed")));
    QVERIFY(md.contains(s("Let the ramp's error-rate gate decide.")));
    // A time moved in the file would be scored as fact: a damaged timeline is refused, and why.
    QCOMPARE(test::rawSql(dir.filePath(s("d.db")),
                          s("DROP TRIGGER events_append_only_update; UPDATE events SET elapsed_ms "
                            "= elapsed_ms - 60000 WHERE incident_id = %1 AND seq = 1")
                              .arg(id)),
             QString());
    QVERIFY(!Debrief::load(store, id, &error));
    QVERIFY2(error.contains(s("is damaged (chain BROKEN at event 1: event 1 (incident.declared) "
                              "was changed")),
             qPrintable(error));
}

QTEST_MAIN(TestDebrief)
#include "tst_debrief.moc"
