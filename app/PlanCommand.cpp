#include "PlanCommand.h"

#include "CommandLine.h"
#include "Console.h"
#include "OutputFormat.h"
#include "StoreOpening.h"
#include "checklist/ChecklistParser.h"
#include "history/HistoryLoader.h"
#include "history/HistoryText.h"
#include "history/PlanSheet.h"
#include "store/TimelineStore.h"

#include <QDateTime>
#include <QFileInfo>

namespace warroom {

namespace {

// A file when CHECKLIST names one; otherwise the newest revision of that id the database ran.
std::optional<Checklist> findChecklist(const QString &name, const HistoryData *data)
{
    if (QFileInfo::exists(name)) {
        const ChecklistParseResult r = ChecklistParser::parseFile(name);
        if (!r.ok()) {
            err() << formatDiagnostics(r.diagnostics) << "\n";
            return std::nullopt;
        }
        return *r.checklist;
    }
    std::optional<Checklist> found;
    qint64 latest = -1;
    for (const IncidentFacts &f : data ? data->incidents : QList<IncidentFacts>{}) {
        if (f.checklistId == name && f.declaredUtcMs > latest) {
            latest = f.declaredUtcMs;
            found = data->checklists.value(ChecklistHistory::key(f)); // the content it ran
        }
    }
    // An incident left out of the history (a broken chain) may be the one that ran it.
    const qsizetype leftOut = data ? data->problems.size() : 0;
    if (!found)
        err() << "warroom: " << name << " is neither a checklist file nor a checklist the "
              << "database has run"
              << (leftOut > 0 ? QStringLiteral(" in an incident whose timeline verifies (%1 left "
                                               "out, named above)")
                                    .arg(leftOut)
                              : QString())
              << "\n";
    return found;
}

} // namespace

int runPlan(const CommandLine &cl)
{
    const QString format
        = outputFormat(cl, {QStringLiteral("md"), QStringLiteral("html"), QStringLiteral("pdf")},
                       QStringLiteral("md"))
              .toLower();
    if (format != QLatin1String("md") && format != QLatin1String("html")
        && format != QLatin1String("pdf")) {
        err() << "warroom: unknown plan format '" << cl.format << "' (use md, html or pdf)\n";
        return 2;
    }
    if (format == QLatin1String("pdf") && cl.output.isEmpty()) {
        err() << "warroom: a PDF plan needs --output FILE\n";
        return 2;
    }
    // No database yet is no history yet, not an error: the sheet says "not measured yet".
    std::optional<HistoryData> data;
    TimelineStore store;
    QString error;
    if (TimelineStore::isServer(cl.dbPath) || QFileInfo::exists(cl.dbPath)) {
        if (!openStoreToRead(store, cl.dbPath))
            return 1;
        if (!(data = HistoryData::load(store, &error))) {
            err() << "warroom: " << error << "\n";
            return 1;
        }
        for (const QString &problem : std::as_const(data->problems)) // as `history` names them
            err() << "warroom: " << problem << "\n";
    }
    const std::optional<Checklist> checklist = findChecklist(cl.planChecklist, data ? &*data : nullptr);
    if (!checklist)
        return 2;
    std::optional<ChecklistHistory> history;
    if (data) {
        const QList<ChecklistHistory> all = ChecklistHistory::build(data->incidents,
                                                                    data->checklists);
        if (const ChecklistHistory *h = ChecklistHistory::find(all, *checklist))
            history = *h;
        // Its revision also run with other steps or minutes: say which runs are not counted.
        for (const ChecklistHistory &h : all) {
            if (!h.isRevisionOf(*checklist) || h.sha256 == checklist->sourceSha256)
                continue;
            QList<qint64> ids;
            for (const QList<IncidentFacts> *group : {&h.drills, &h.live, &h.leftOut})
                for (const IncidentFacts &f : *group)
                    ids << f.id;
            err() << "warroom: " << checklist->id << " revision " << checklist->revision
                  << " was run with other content (sha256 "
                  << QString::fromLatin1(h.sha256.left(16)) << ": "
                  << HistoryText::incidentList(ids) << "), not counted for this file\n";
        }
    }
    const PlanSheet sheet
        = PlanSheet::build(*checklist, history, QDateTime::currentMSecsSinceEpoch());
    if (format == QLatin1String("pdf")) {
        if (!sheet.writePdf(cl.output, &error)) {
            err() << "warroom: " << error << "\n";
            return 1;
        }
        out() << "wrote " << cl.output << "\n";
        return 0;
    }
    return writeOutput(cl.output, format == QLatin1String("md") ? sheet.markdown() : sheet.html())
               ? 0
               : 1;
}

} // namespace warroom
