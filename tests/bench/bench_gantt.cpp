// Benchmark, not a test: time from a new timeline event to the finished Gantt redraw, with 200
// steps and 1,000 action bars. Run it on the offscreen platform:
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_gantt [iterations]
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
    return 0;
}
