#include "ReportCommands.h"

#include "CommandLine.h"
#include "Console.h"
#include "StoreOpening.h"
#include "chain/ChainVerifier.h"
#include "report/PostmortemExporter.h"
#include "report/formats/JsonExport.h"
#include "session/IncidentSnapshot.h"
#include "store/EventRowCursor.h"
#include "store/StreamingChainCheck.h"
#include "store/TimelineStore.h"
#include "timeline/EventRowRules.h"
#include "util/InputFile.h"
#include "util/TimeFormat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QGuiApplication>
#include <QTextStream>

namespace warroom {

namespace {

std::optional<IncidentExport> readExport(const QString &path)
{
    QString error;
    const auto data = InputFile::read(path, IncidentExport::maxFileBytes, &error);
    if (!data) {
        err() << Diagnostic{path, 0, 0, {}, error}.toString() << "\n";
        return std::nullopt;
    }
    IncidentExport x = IncidentExport::read(*data, path);
    if (!x.ok()) {
        err() << formatDiagnostics(x.diagnostics) << "\n";
        return std::nullopt;
    }
    return x;
}

// The chain of an incident in an SQLite file, checked as its rows stream past: nothing if the
// file could not be streamed or the chain is not intact (the caller then reads the events and asks
// ChainVerifier, which names the broken link).
std::optional<ChainReport> streamedVerify(const TimelineStore &store,
                                          const IncidentRecord &incident, QString *rowProblem)
{
    if (TimelineStore::isServer(store.path()))
        return std::nullopt;
    EventRowCursor rows;
    if (!rows.open(store.path(), incident.id, nullptr))
        return std::nullopt;
    StreamingChainCheck check(incident);
    while (rows.next()) {
        if (!check.add(rows))
            return std::nullopt;
    }
    // No rows (a timeline emptied) or a check that failed before the first one (the checklist
    // kept with it changed): ChainVerifier says what is wrong.
    if (!rows.error().isEmpty() || !check.intact() || check.count() == 0)
        return std::nullopt;
    *rowProblem = check.rowProblem();
    return check.report();
}

// What an intact chain does not prove: that warroom wrote its rows. Anyone who may append
// computes the unkeyed hash too, and a row no build writes (EventRowRules) is refused by every
// other reader; `verify` said "chain intact" of a payload that was not JSON, or a time past 9999,
// that the window and every export then refused. An export's placeholders (a slice, private
// notes left out) carry no content to ask about, and its payloads were parsed from its JSON.
enum class Payloads { AsStored, Parsed };
QString firstRowProblem(const TimelineEvents &events, Payloads payloads,
                        const QSet<qint64> &placeholders = {})
{
    const bool asStored = payloads == Payloads::AsStored;
    for (const TimelineEvent &e : events) {
        if (placeholders.contains(e.seq))
            continue;
        QString bad = asStored ? EventRowRules::storedRowProblem(e, e.payloadText)
                               : EventRowRules::problem(e);
        if (!bad.isEmpty())
            return bad;
    }
    return {};
}

// The verdict on an intact chain with such a row: exit 1, the row named, and who refuses it.
int refusedRow(const QString &what, const QString &problem, const char *refusedBy)
{
    out().flush(); // the chain's verdict first, as it was said
    err() << what << ": but " << problem << "; " << refusedBy << "\n";
    return 1;
}

} // namespace

int runExport(const CommandLine &cl)
{
    const auto format = exportFormatFromName(cl.format);
    if (!format) {
        err() << "warroom: unknown export format '" << cl.format
              << "' (use md, html, json, csv, pdf or cdevents; debrief-md, debrief-html or "
                 "debrief-pdf for a drill's debrief)\n";
        return 2;
    }
    TimelineStore store;
    // The file's integrity check runs beside the read (about 30 ms of 100,000 events' export on
    // two cores), and its verdict comes before anything read is used.
    if (!openStoreToRead(store, cl.dbPath, ReadCheck::Beside))
        return 1;
    QString error;
    const auto snapshot = IncidentSnapshot::load(store, *cl.incident, &error,
                                                 IncidentSnapshot::Payloads::ParsedAndChecked);
    if (!store.integrityVerdict(&error) || !snapshot) {
        err() << "warroom: " << error << "\n";
        return 1;
    }
    ExportOptions options;
    options.fromMs = cl.fromMs;
    options.toMs = cl.toMs;
    options.includePrivateNotes = cl.includePrivate;
    options.allEvents = cl.allEvents;
    options.parts = PostmortemExporter::partsFor(*format);
    options.generatedUtcMs = QDateTime::currentMSecsSinceEpoch();
    const PostmortemReport report = PostmortemReport::build(
        snapshot->incident, snapshot->checklist, snapshot->events, options, snapshot->chain);
    if (!PostmortemExporter::write(report, *format, cl.output, &error)) {
        err() << "warroom: " << error << "\n";
        return 1;
    }
    out() << "wrote " << cl.output << " (" << exportFormatSuffix(*format) << ", "
          << report.exportedEvents << " of " << report.chain.eventCount << " events; "
          << report.chain.summary() << ")\n";
    if (report.exportedEvents == 0 && (cl.fromMs || cl.toMs) && !snapshot->events.isEmpty()) {
        // A span taken from a drill's screens, which show the drill clock, found nothing and
        // said only "0 of 184 events": the postmortem's T+, and the span's, are real time.
        const qint64 lastMs = snapshot->events.constLast().elapsedMs;
        err() << "warroom: the span exported no event (private notes are left out without "
              << "--include-private): --from and --to are real time since the declaration, as "
              << "the postmortem's T+ are, and its events run from T+00:00:00 to "
              << formatElapsed(lastMs)
              << (report.drillSpeed > 1 ? QStringLiteral(" (this drill ran at \u00D7%1: its "
                                                         "screens' drill clock went %1 times "
                                                         "faster)")
                                              .arg(report.drillSpeed)
                                        : QString())
              << "\n";
    }
    endWithoutFreeing(0);
    return 0;
}

int runVerify(const CommandLine &cl)
{
    std::optional<IncidentExport> exported;
    if (!cl.exportFile.isEmpty()) {
        exported = readExport(cl.exportFile);
        if (!exported)
            return 1;
    }
    if (!cl.incident) {
        // The export on its own: its chain, and its claimed head against that chain.
        const ChainReport r = exported->verify();
        const QString file = printableText(cl.exportFile, 400);
        (r.intact ? out() : err()) << file << ": " << r.summary() << "\n";
        if (!r.intact)
            return 1;
        const QString bad = firstRowProblem(exported->events, Payloads::Parsed, exported->omitted);
        return bad.isEmpty() ? 0 : refusedRow(file, bad, "warroom import refuses this export");
    }
    TimelineStore store;
    if (!openStoreToRead(store, cl.dbPath))
        return 1;
    const char *refusers = "the window and every export refuse this incident";
    QString error;
    const auto record = store.incident(*cl.incident, &error);
    if (record && !exported) {
        QString bad;
        if (const auto r = streamedVerify(store, *record, &bad)) {
            out() << "incident " << *cl.incident << ": " << r->summary() << "\n";
            return bad.isEmpty()
                       ? 0
                       : refusedRow(QStringLiteral("incident %1").arg(*cl.incident), bad, refusers);
        }
    }
    const auto events = record ? store.chainEvents(*cl.incident, &error) : std::nullopt;
    if (!events) {
        err() << "warroom: " << error << "\n";
        return 1;
    }
    std::optional<ChainAnchor> anchor;
    if (exported && exported->incident.uuid != record->uuid) {
        // Another incident's export is no evidence either way: it was called tampering ("the
        // history before it was rewritten").
        err() << "warroom: " << printableText(cl.exportFile, 400) << " is the export of incident "
              << printableText(exported->incident.uuid, 80) << " (\""
              << printableText(exported->incident.title, 120) << "\"), not of incident "
              << *cl.incident << " (" << record->uuid
              << "): nothing was compared; name an export of incident " << *cl.incident << "\n";
        return 1;
    }
    // The comparison reads only the export's head and count, which an edit of an event in it
    // leaves as they were: an export changed so passed as evidence, and a run with --against
    // printed the same line as one without. Its own chain is checked first, and what was
    // compared is said. An export whose every event was left out (a span with none) holds no
    // content to check: its links and head are, and they are what is compared.
    const QString file = exported ? printableText(cl.exportFile, 400) : QString();
    bool contentless = false;
    if (exported) {
        const ChainReport own = exported->verify();
        contentless = !own.intact && !exported->events.isEmpty()
                      && exported->omitted.size() == exported->events.size()
                      && (exported->claimedOmitted < 0
                          || exported->claimedOmitted == exported->omitted.size())
                      && ChainVerifier::verify(exported->incident, exported->events,
                                               exported->anchor, exported->omitted)
                             .intact;
        if (!own.intact && !contentless) {
            err() << file << ": " << own.summary() << ": this export is not as warroom wrote "
                  << "it, so it proves nothing about incident " << *cl.incident
                  << "; nothing was compared\n";
            return 1;
        }
        anchor = exported->anchor;
    }
    const ChainReport r = ChainVerifier::verify(*record, *events, anchor);
    (r.intact ? out() : err()) << "incident " << *cl.incident << ": " << r.summary() << "\n";
    if (r.intact) {
        if (const QString bad = firstRowProblem(*events, Payloads::AsStored); !bad.isEmpty())
            return refusedRow(QStringLiteral("incident %1").arg(*cl.incident), bad, refusers);
    }
    if (exported && r.intact)
        out() << file << ": "
              << (contentless ? "every event left out of it, its links hold; " : "chain intact; ")
              << "incident " << *cl.incident << " still holds its " << anchor->eventCount
              << " events as exported (head "
              << printableText(QString::fromLatin1(anchor->headHash), 64) << ")\n";
    return r.intact ? 0 : 1;
}

int runExportCommand(int &argc, char *argv[], const CommandLine &cl)
{
    // HTML and PDF exports carry the Gantt chart, whose text needs fonts and so a
    // QGuiApplication; an export shows no window, so the offscreen platform serves. The other
    // formats need neither.
    const QString format = cl.format.toLower();
    if (format != QLatin1String("html") && format != QLatin1String("pdf")) {
        QCoreApplication app(argc, argv);
        return runExport(cl);
    }
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    return runExport(cl);
}

} // namespace warroom
