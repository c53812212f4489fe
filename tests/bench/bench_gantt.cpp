// Benchmark, not a test. Two parts, run on the offscreen platform:
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_gantt [iterations]
// 1. Time from a new timeline event to the finished Gantt redraw, with 200 steps and 1,000 run
//    bars.
// 2. The live chart's once-a-second tick (no new event, now moves) at 100, 10,000 and 100,000
//    events: the incremental builder (GanttBuilder::append + geometry, as GanttPanel does) side by
//    side with a full rebuild from the first event (build), geometry alone and to a painted frame.
#include "engine/ChecklistEngine.h"
#include "checklist/ChecklistParser.h"
#include "gantt/GanttBuilder.h"
#include "ui/gantt/GanttChartView.h"
#include "ui/main/Resources.h"
#include "support/BenchStats.h"
#include "support/TestTimeline.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace warroom;
using warroom::test::percentile;

namespace {

constexpr int stepCount = 200;
constexpr int actionsPerStep = 5; // 1,000 run bars

// Steps in pairs that run side by side: 2k and 2k+1 both follow 2k-1.
QByteArray bigChecklist()
{
    QJsonArray steps;
    for (int i = 0; i < stepCount; ++i) {
        QJsonArray items;
        for (int j = 0; j < 3; ++j)
            items.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("i%1").arg(j)},
                                     {QStringLiteral("text"), QStringLiteral("Item %1").arg(j)}});
        QJsonObject step{{QStringLiteral("id"), QStringLiteral("s%1").arg(i)},
                         {QStringLiteral("title"), QStringLiteral("Step number %1").arg(i)},
                         {QStringLiteral("expected_minutes"), 1 + (i % 4)},
                         {QStringLiteral("items"), items}};
        if (i > 0) {
            const int dep = i % 2 == 0 ? i - 1 : std::max(0, i - 2);
            step.insert(QStringLiteral("depends_on"), QJsonArray{QStringLiteral("s%1").arg(dep)});
        }
        steps.append(step);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), 1},
                                     {QStringLiteral("id"), QStringLiteral("bench")},
                                     {QStringLiteral("title"), QStringLiteral("Bench")},
                                     {QStringLiteral("revision"), QStringLiteral("1")},
                                     {QStringLiteral("steps"), steps}})
        .toJson(QJsonDocument::Compact);
}

// Runs of actions, checks and ramps as the runner adds them: five per step, drawn as segments of
// the strip under the step's bar.
void addRunBars(GanttGeometry &g)
{
    for (GanttRow &step : g.rows) {
        for (int a = 0; a < actionsPerStep; ++a) {
            const qint64 start = step.planned.startMs + a * 10'000;
            step.runs.append(GanttBar{start, start + 8'000, BarState::Done, false, false});
        }
    }
}


// A long incident for the tick: the steps `start` did, then a check sampling once a second on
// the step under way, with a note every hundred events, up to `total` events.
TimelineEvents longIncident(const TimelineEvents &start, qsizetype total, qint64 &now)
{
    TimelineEvents events = start;
    events.reserve(total);
    const auto add = [&](const QString &kind, QJsonObject payload) {
        TimelineEvent e;
        e.seq = static_cast<qint64>(events.size()) + 1;
        e.elapsedMs = now;
        e.kind = kind;
        e.stepId = QStringLiteral("s30"); // the step under way after the first 30
        e.itemId = QStringLiteral("i0");
        payload.insert(PayloadKey::Run, QStringLiteral("check-1"));
        e.payload = payload;
        events.append(e);
    };
    add(QString(EventKind::CheckStarted), {});
    while (events.size() < total) {
        now += 1'000;
        if (events.size() % 100 == 0) {
            TimelineEvent note;
            note.seq = static_cast<qint64>(events.size()) + 1;
            note.elapsedMs = now;
            note.kind = QString(EventKind::NoteAdded);
            note.payload = QJsonObject{{PayloadKey::Text, QStringLiteral("n%1").arg(now)}};
            events.append(note);
        } else {
            add(QString(EventKind::CheckSampled), {{PayloadKey::Passed, true}});
        }
    }
    return events;
}

struct TickFigures
{
    double geometry = 0; // median ms
    double total = 0;
};

// `iterations` ticks one second apart with no new event: incremental or full rebuild.
TickFigures measureTicks(const Checklist &checklist, const TimelineEvents &events, qint64 now,
                         bool incremental, int iterations, GanttChartView &view)
{
    const QMap<QString, QString> vars;
    GanttBuilder builder(checklist, vars, SchedulePlanner::plan(checklist));
    builder.append(events); // the fold so far, made when the incident was opened
    QList<double> geometry, total;
    for (int i = 0; i < iterations + 5; ++i) {
        now += 1'000;
        QElapsedTimer t;
        t.start();
        builder.append(events); // nothing new: a tick
        const GanttGeometry g
            = incremental ? builder.geometry(now, 0) : builder.build(events, now, 0);
        const qint64 built = t.nsecsElapsed();
        view.setGantt(g);
        view.viewport()->repaint();
        const qint64 done = t.nsecsElapsed();
        if (i < 5)
            continue; // warm-up
        geometry.append(static_cast<double>(built) / 1e6);
        total.append(static_cast<double>(done) / 1e6);
    }
    return {percentile(geometry, 0.5), percentile(total, 0.5)};
}

void tickTable(const Checklist &checklist, const TimelineEvents &start, qint64 now,
               int iterations)
{
    GanttChartView view;
    view.resize(1600, 900);
    view.show();
    QApplication::processEvents();
    std::printf("\nper-second tick, no new event (median ms of %d ticks)\n", iterations);
    std::printf("%-10s %-14s %10s %12s\n", "events", "builder", "geometry", "to painted");
    for (qsizetype n : {qsizetype(100), qsizetype(10'000), qsizetype(100'000)}) {
        // The same first 30 steps done in each, so the frames differ only by the events after.
        qint64 end = now;
        const TimelineEvents events = longIncident(start.mid(0, 90), n, end);
        for (bool incremental : {true, false}) {
            const TickFigures f
                = measureTicks(checklist, events, end, incremental, iterations, view);
            std::printf("%-10lld %-14s %10.3f %12.3f\n", static_cast<long long>(events.size()),
                        incremental ? "incremental" : "full rebuild", f.geometry, f.total);
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    initResources();
    const int iterations = argc > 1 ? std::max(10, std::atoi(argv[1])) : 300;

    const ChecklistParseResult parsed
        = ChecklistParser::parse(bigChecklist(), QStringLiteral("bench"));
    if (!parsed.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(formatDiagnostics(parsed.diagnostics)));
        return 1;
    }
    const Checklist &checklist = *parsed.checklist;
    test::TestTimeline timeline(checklist);
    qint64 now = 0;
    // Finish the first 150 steps, leave the rest running or waiting: a big incident mid-way.
    for (int i = 0; i < 150; ++i) {
        for (int j = 0; j < 3; ++j) {
            now += 7'000;
            if (!timeline.commit(timeline.engine().planConfirmItem(
                                     QStringLiteral("s%1").arg(i), QStringLiteral("i%1").arg(j),
                                     QStringLiteral("ic"), {}, QStringLiteral("bench")),
                                 now))
                return 1;
        }
    }
    TimelineEvents events = timeline.events();

    const QMap<QString, QString> vars;
    const GanttBuilder builder(checklist, vars, SchedulePlanner::plan(checklist));
    GanttChartView view;
    view.resize(1600, 900);
    view.show();
    QApplication::processEvents();

    QList<double> total, build, draw;
    total.reserve(iterations);
    for (int i = 0; i < iterations + 10; ++i) {
        now += 1'000;
        TimelineEvent note;
        note.seq = static_cast<qint64>(events.size()) + 1;
        note.elapsedMs = now;
        note.kind = QString(EventKind::NoteAdded);
        note.payload = QJsonObject{{PayloadKey::Text, QStringLiteral("n%1").arg(i)}};
        QElapsedTimer t;
        t.start();
        events.append(note); // the event has arrived (committed by the store before this)
        GanttGeometry g = builder.build(events, now, 0);
        addRunBars(g);
        const qint64 built = t.nsecsElapsed();
        view.setGantt(g);
        view.viewport()->repaint(); // synchronous: returns when the frame is painted
        const qint64 done = t.nsecsElapsed();
        if (i < 10)
            continue; // warm-up
        total.append(static_cast<double>(done) / 1e6);
        build.append(static_cast<double>(built) / 1e6);
        draw.append(static_cast<double>(done - built) / 1e6);
    }
    QString cpu;
    QFile info(QStringLiteral("/proc/cpuinfo"));
    if (info.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : info.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                cpu = QString::fromUtf8(line.mid(line.indexOf(':') + 2));
                break;
            }
        }
    }
    std::printf("bench_gantt: %d steps, %d run bars, %lld events, %d painted bars, %d "
                "iterations\nmachine: %s, %d threads, platform %s\n",
                stepCount, stepCount * actionsPerStep, static_cast<long long>(events.size()),
                view.paintedBars(), iterations, qPrintable(cpu), QThread::idealThreadCount(),
                qPrintable(QGuiApplication::platformName()));
    std::printf("%-26s %8s %8s %8s %8s\n", "stage (ms)", "median", "p90", "p99", "max");
    const auto row = [](const char *name, const QList<double> &v) {
        std::printf("%-26s %8.2f %8.2f %8.2f %8.2f\n", name, percentile(v, 0.5), percentile(v, 0.9),
                    percentile(v, 0.99), percentile(v, 1.0));
    };
    row("event -> geometry", build);
    row("geometry -> painted", draw);
    row("event -> painted (total)", total);
    tickTable(checklist, timeline.events(), now, std::min(iterations, 200));
    return 0;
}
