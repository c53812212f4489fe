// Benchmark, not a test: an incident of 100,000 events, exported to every format, and its chain
// verified, each timed. Run it on the offscreen platform:
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_export [events] [runs] [keep-db-path] [filler]
// filler is `notes` (the default: every event a note, none folded, the worst case for the
// documents) or `mix` (what a long incident is mostly made of: a check sampling once a second, a
// note every hundred events; the samples fold into one row in Markdown, HTML and PDF). Runs 0 only
// fills the database (for tests/bench/compare_commands.sh).
// First the stages in this process; then issue 12's measure, whole commands side by side in the
// same run: `warroom verify` and `warroom export` in every format against `sqlite3 -csv` dumping
// the same events, each a fresh process, rounds alternating, CPU time (user + system, from
// getrusage of the waited-for child: what compares on a shared machine) and wall time.
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
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <optional>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

using namespace warroom;
using warroom::test::median;

namespace {

double childCpuMs()
{
    rusage u{};
    getrusage(RUSAGE_CHILDREN, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3
           + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

struct Command
{
    QString label;
    QString program;
    QStringList arguments;
    QString stdoutFile; // empty: discarded
};

struct Times
{
    QList<double> cpuMs, wallMs;
};

// Runs one command to its end; false (and why on stderr) if it could not or failed.
bool timeCommand(const Command &c, Times &times)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    if (c.stdoutFile.isEmpty())
        p.setStandardOutputFile(QProcess::nullDevice());
    else
        p.setStandardOutputFile(c.stdoutFile);
    const double cpuBefore = childCpuMs();
    QElapsedTimer t;
    t.start();
    p.start(c.program, c.arguments);
    if (!p.waitForFinished(600'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "bench_export: %s failed (%s)\n", qPrintable(c.label),
                     qPrintable(p.errorString()));
        return false;
    }
    times.wallMs << double(t.nsecsElapsed()) / 1e6;
    times.cpuMs << childCpuMs() - cpuBefore;
    return true;
}

// The whole commands, against the dump, rounds alternating so a busy moment hits them all.
bool wholeCommands(const QString &db, qint64 id, int runs, const QString &outDir)
{
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3.isEmpty()) {
        std::fprintf(stderr, "bench_export: no sqlite3 program, the baseline (scripts/dev "
                             "installs it)\n");
        return false;
    }
    const QString incident = QString::number(id);
    QList<Command> commands{
        {QStringLiteral("sqlite3 -csv dump of the events"), sqlite3,
         {QStringLiteral("-csv"), db,
          QStringLiteral("SELECT * FROM events WHERE incident_id = %1 ORDER BY seq").arg(id)},
         outDir + QStringLiteral("/dump.csv")},
        {QStringLiteral("warroom verify"), QStringLiteral(WARROOM_BINARY),
         {QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--incident"),
          incident}, {}}};
    for (const char *format : {"md", "html", "json", "csv", "cdevents", "pdf", "pdf --all-events"}) {
        const QStringList words = QString::fromLatin1(format).split(QLatin1Char(' '));
        QStringList args{QStringLiteral("export"), QStringLiteral("--db"), db,
                         QStringLiteral("--incident"), incident, QStringLiteral("--format"),
                         words.first(), QStringLiteral("--output"),
                         outDir + QStringLiteral("/cmd.") + words.first()};
        args += words.mid(1);
        commands.append({QStringLiteral("warroom export --format ") + QString::fromLatin1(format),
                         QStringLiteral(WARROOM_BINARY), args, {}});
    }
    std::map<int, Times> times;
    for (int r = -1; r < runs; ++r) { // round -1 warms the page cache and is not counted
        for (int c = 0; c < commands.size(); ++c) {
            Times scratch;
            if (!timeCommand(commands.at(c), r < 0 ? scratch : times[c]))
                return false;
        }
    }
    const double dumpCpu = median(times[0].cpuMs);
    double load[3] = {};
    getloadavg(load, 3); // the figures compare only beside how busy the machine was
    std::printf("\nwhole commands, median of %d runs (CPU = user + system of the process); load "
                "average %.1f %.1f %.1f at the end\n",
                runs, load[0], load[1], load[2]);
    std::printf("%-40s %10s %10s %10s\n", "command", "CPU ms", "wall ms", "CPU/dump");
    for (int c = 0; c < commands.size(); ++c)
        std::printf("%-40s %10.0f %10.0f %10.2f\n", qPrintable(commands.at(c).label),
                    median(times[c].cpuMs), median(times[c].wallMs),
                    median(times[c].cpuMs) / dumpCpu);
    std::printf("targets (issue 12): each export <= 1 s and <= 2x the dump, PDF <= 1 s folded and "
                "<= 3 s with --all-events, verify <= 0.5 s\n");
    return true;
}

enum class Filler { Notes, Mix };

// The event number `n` of the filler: a note, or in the mix a sample of the shipped checklist's
// threshold check (one run, so one folded row) with a note every hundred events.
EventDraft fillerEvent(Filler filler, qint64 n)
{
    if (filler == Filler::Notes || n % 100 == 0)
        return {QStringLiteral("scribe"),
                EventKind::NoteAdded,
                {},
                {},
                QJsonObject{{PayloadKey::Text,
                             QStringLiteral("observation %1, \"error rate\" at 0.4%").arg(n)}}};
    return {QStringLiteral("automation"),
            EventKind::CheckSampled,
            QStringLiteral("validate"),
            QStringLiteral("thresholds"),
            QJsonObject{{PayloadKey::Run, QStringLiteral("bench-check-1")},
                        {PayloadKey::Threshold, QStringLiteral("< 1%")},
                        {PayloadKey::Value, 0.4},
                        {PayloadKey::ValueText, QStringLiteral("0.4%")},
                        {PayloadKey::Passed, true}}};
}

// A whole number in [min, max], or nothing: "abc", "1e9", "-5" and 99999999999 are refused
// rather than read as 0, 1 or a wrapped int (a count that wrapped filled for hours).
std::optional<int> count(const char *text, int min, int max)
{
    bool ok = false;
    const qint64 v = QString::fromLocal8Bit(text).trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max)
        return std::nullopt;
    return static_cast<int>(v);
}

struct BenchArgs
{
    int target = 100'000;
    int runs = 3;
    QString fillerName = QStringLiteral("notes");
};

// The arguments, or a message on stderr and nothing: a wrong word, an empty filler or a count out
// of range ends the benchmark at once instead of filling forever.
std::optional<BenchArgs> benchArgs(int argc, char *argv[])
{
    constexpr int maxEvents = 5'000'000; // about 5 minutes of filling on this machine
    constexpr int maxRuns = 100;
    BenchArgs a;
    const auto events = argc > 1 ? count(argv[1], 100, maxEvents) : std::optional(a.target);
    const auto runs = argc > 2 ? count(argv[2], 0, maxRuns) : std::optional(a.runs);
    if (!events) {
        std::fprintf(stderr, "bench_export: events is a whole number from 100 to %d, not '%s'\n",
                     maxEvents, argv[1]);
        return std::nullopt;
    }
    if (!runs) {
        std::fprintf(stderr, "bench_export: runs is a whole number from 0 to %d, not '%s'\n",
                     maxRuns, argv[2]);
        return std::nullopt;
    }
    if (argc > 4)
        a.fillerName = QString::fromLocal8Bit(argv[4]);
    if (a.fillerName != QLatin1String("notes") && a.fillerName != QLatin1String("mix")) {
        std::fprintf(stderr, "bench_export: filler is notes or mix, not '%s'\n",
                     qPrintable(a.fillerName.left(80)));
        return std::nullopt;
    }
    if (argc > 5) {
        std::fprintf(stderr, "bench_export: at most four arguments: [events] [runs] [keep-db] "
                             "[notes|mix]\n");
        return std::nullopt;
    }
    a.target = *events;
    a.runs = *runs;
    return a;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const auto args = benchArgs(argc, argv);
    if (!args)
        return 2;
    const int target = args->target;
    const int runs = args->runs;
    const QString fillerName = args->fillerName;
    const Filler filler = fillerName == QLatin1String("mix") ? Filler::Mix : Filler::Notes;
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    // A third argument keeps the database there, to time `warroom export` and `warroom verify`
    // on it afterwards.
    // An empty third argument is the temporary file, so that a filler can be named without one.
    const QString dbPath = argc > 3 && argv[3][0] != '\0'
                               ? QString::fromLocal8Bit(argv[3])
                               : dir.filePath(QStringLiteral("bench.sqlite"));
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
            batch.append(fillerEvent(filler, count + batch.size()));
        now += 1000;
        if (!store.append(id, batch, now, &error))
            return 1;
        count += batch.size();
    }
    const double fillSeconds = static_cast<double>(fill.elapsed()) / 1000.0;
    session.reset();

    std::printf("bench_export: %lld events, filler %s (%s), filled in %.1f s; median of %d runs, "
                "times in ms\n",
                static_cast<long long>(count), qPrintable(fillerName),
                filler == Filler::Notes ? "every event a note: nothing folds, the PDF is about "
                                          "one page per 50 events"
                                        : "a check sampling once a second, a note every 100 "
                                          "events: the samples fold into one row",
                fillSeconds, runs);
    std::fflush(stdout);
    if (runs == 0)
        return 0;
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
    std::fflush(stdout);
    store.close(); // the commands below open the file themselves, as a user runs them
    return wholeCommands(dbPath, id, runs, dir.path()) ? 0 : 1;
}
