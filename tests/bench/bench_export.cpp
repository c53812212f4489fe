// Benchmark, not a test: an incident of 100,000 events, exported to every format, and its chain
// verified, each timed. Run it on the offscreen platform:
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_export [events] [runs] [keep-db-path]
#include "chain/ChainVerifier.h"
#include "timeline/EventVocabulary.h"
#include "checklist/ChecklistParser.h"
#include "session/IncidentSession.h"
#include "report/PostmortemExporter.h"
#include "store/TimelineStore.h"
#include "support/BenchStats.h"
#include "support/PollHelper.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace warroom;
using warroom::test::median;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int target = argc > 1 ? std::max(100, std::atoi(argv[1])) : 100'000;
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    // A third argument keeps the database there, to time `warroom export` and `warroom verify`
    // on it afterwards.
    const QString dbPath
        = argc > 3 ? QString::fromLocal8Bit(argv[3]) : dir.filePath(QStringLiteral("bench.sqlite"));
    QFile::remove(dbPath);
    if (!store.open(dbPath, &error))
        return 1;
    const auto parsed = ChecklistParser::parseFile(
        QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json"));
    qint64 now = 1'767'225'600'000;
    const Clock clock = [&now] {
        return now;
    };
    IncidentDeclaration d;
    d.title = QStringLiteral("Bench incident");
    d.commander = QStringLiteral("ic");
    d.mode = IncidentMode::Drill;
    for (const auto &v : parsed.checklist->variables)
        d.variables.insert(v.name, v.defaultValue);
    auto session = IncidentSession::declare(store, *parsed.checklist, d, clock, &error);
    const qint64 id = session->incident().id;

    // The checklist's own events, then notes up to the target, written in batches of 1,000 per
    // transaction (the app writes one command per transaction; this only fills the database).
    const ChecklistEngine &engine = session->engine();
    while (engine.currentStep() >= 0) {
        const int si = engine.currentStep();
        const ChecklistStep &step = engine.checklist().steps.at(si);
        const ChecklistItem &item = step.items.at(engine.currentItem(si));
        now += 1000;
        // Automated items (actions, checks, ramps) are confirmed by hand here, which takes a
        // reason; a refusal ends the benchmark rather than spinning on the same item.
        const CommandResult poll = warroom::test::passPoll(*session, step.id, item.id);
        const CommandResult r = !poll.ok() ? poll : session->confirmItem(
            step.id, item.id,
            item.kind == ItemKind::Choice ? item.options.first().value : QString(),
            QStringLiteral("bench: confirmed by hand"));
        if (!r.ok()) {
            std::fprintf(stderr, "bench_export: %s\n", qPrintable(r.message));
            return 1;
        }
    }
    qint64 count = session->events().size();
    QElapsedTimer fill;
    fill.start();
    while (count < target) {
        QList<EventDraft> batch;
        for (int i = 0; i < 1000 && count + batch.size() < target; ++i)
            batch.append(
                {QStringLiteral("scribe"),
                 EventKind::NoteAdded,
                 {},
                 {},
                 QJsonObject{
                     {PayloadKey::Text,
                      QStringLiteral("observation %1, \"error rate\" at 0.4%").arg(count + i)}}});
        now += 1000;
        if (!store.append(id, batch, now, &error))
            return 1;
        count += batch.size();
    }
    const double fillSeconds = static_cast<double>(fill.elapsed()) / 1000.0;
    session.reset();

    std::printf("bench_export: %lld events (filled in %.1f s), median of %d runs, times in ms\n",
                static_cast<long long>(count), fillSeconds, runs);
    QList<double> load, verify, build;
    QHash<int, QList<double>> exportMs;
    QHash<int, qint64> sizes;
    const QList<ExportFormat> formats{ExportFormat::Markdown, ExportFormat::Html,
                                      ExportFormat::Json, ExportFormat::Csv, ExportFormat::Pdf};
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        // What `warroom verify --db` does: read the chain, check it.
        const ChainReport chain = ChainVerifier::verify(*store.incident(id), store.chainEvents(id).value());
        verify.append(static_cast<double>(t.nsecsElapsed()) / 1e6);
        if (!chain.intact) {
            std::fprintf(stderr, "%s\n", qPrintable(chain.summary()));
            return 1;
        }
        t.restart();
        const auto snap = IncidentSnapshot::load(store, id, &error);
        load.append(static_cast<double>(t.nsecsElapsed()) / 1e6);
        ExportOptions options;
        options.generatedUtcMs = now;
        t.restart();
        const PostmortemReport report
            = PostmortemReport::build(snap->incident, snap->checklist, snap->events, options);
        build.append(static_cast<double>(t.nsecsElapsed()) / 1e6);
        for (ExportFormat f : formats) {
            const QString path = dir.filePath(QStringLiteral("out.") + exportFormatSuffix(f));
            t.restart();
            if (!PostmortemExporter::write(report, f, path, &error)) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                return 1;
            }
            exportMs[int(f)].append(static_cast<double>(t.nsecsElapsed()) / 1e6);
            sizes[int(f)] = QFileInfo(path).size();
        }
    }
    std::printf("%-34s %10.1f\n", "verify (read chain + check)", median(verify));
    std::printf("%-34s %10.1f\n", "read incident for export", median(load));
    std::printf("%-34s %10.1f\n", "build report (shared by formats)", median(build));
    for (ExportFormat f : formats)
        std::printf("%-34s %10.1f   (%lld bytes)\n",
                    qPrintable(QStringLiteral("write ") + exportFormatSuffix(f)),
                    median(exportMs.value(int(f))), static_cast<long long>(sizes.value(int(f))));
    return 0;
}
