#include "HistoryCommand.h"

#include "CommandLine.h"
#include "Console.h"
#include "OutputFormat.h"
#include "StoreOpening.h"
#include "history/ChecklistHistory.h"
#include "history/HistoryLoader.h"
#include "history/HistoryText.h"
#include "store/TimelineStore.h"

#include <QDateTime>

namespace warroom {

int runHistory(const CommandLine &cl)
{
    // "--output h.md" printed the history on the terminal and wrote no file: it is written now.
    const auto format = HistoryText::formatFromName(outputFormat(
        cl, {QStringLiteral("md"), QStringLiteral("json"), QStringLiteral("csv")}, cl.format));
    if (!format) {
        err() << "warroom: unknown history format '" << cl.format
              << "' (use text, md, json or csv)\n";
        return 2;
    }
    TimelineStore store;
    if (!openStoreToRead(store, cl.dbPath))
        return 1;
    QString error;
    const auto data = HistoryData::load(store, &error);
    if (!data) {
        err() << "warroom: " << error << "\n";
        return 1;
    }
    QList<ChecklistHistory> histories = ChecklistHistory::build(data->incidents, data->checklists);
    // --checklist names a checklist id here (the GUI's --checklist is a file to offer).
    if (!cl.checklists.isEmpty()) {
        histories.removeIf([&cl](const ChecklistHistory &h) {
            return !cl.checklists.contains(h.checklistId);
        });
        if (histories.isEmpty()) {
            err() << "warroom: no incident in " << cl.dbPath << " ran checklist "
                  << cl.checklists.join(QStringLiteral(", ")) << "\n";
            return 1;
        }
    }
    const QString text = HistoryText::write(histories, *format, data->problems,
                                            QDateTime::currentMSecsSinceEpoch());
    return writeOutput(cl.output, text) ? 0 : 1;
}

} // namespace warroom
