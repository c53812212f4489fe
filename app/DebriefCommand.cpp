#include "DebriefCommand.h"

#include "CommandLine.h"
#include "Console.h"
#include "OutputFormat.h"
#include "facilitation/Debrief.h"
#include "store/TimelineStore.h"

#include <QFileInfo>

namespace warroom {

int runDebrief(const CommandLine &cl)
{
    const auto format = Debrief::formatFromName(
        outputFormat(cl, {QStringLiteral("md"), QStringLiteral("html"), QStringLiteral("pdf")},
                     QStringLiteral("md")));
    if (!format) {
        err() << "warroom: unknown debrief format '" << cl.format << "' (use md, html or pdf; debrief-md, debrief-html or debrief-pdf with export)\n";
        return 2;
    }
    if (*format == Debrief::Format::Pdf && cl.output.isEmpty()) {
        err() << "warroom: a PDF debrief needs -o FILE\n";
        return 2;
    }
    if (!TimelineStore::isServer(cl.dbPath) && !QFileInfo::exists(cl.dbPath)) {
        err() << "warroom: there is no database " << cl.dbPath << "\n";
        return 2;
    }
    TimelineStore store;
    QString error;
    if (!store.openReadOnly(cl.dbPath, &error)) {
        err() << "warroom: " << error << "\n";
        return 1;
    }
    const auto debrief = Debrief::load(store, cl.incident.value_or(0), &error);
    if (!debrief) {
        err() << "warroom: " << error << "\n";
        return 1;
    }
    if (*format == Debrief::Format::Pdf) {
        if (!debrief->writePdf(cl.output, &error)) {
            err() << "warroom: " << error << "\n";
            return 1;
        }
        out() << "wrote " << cl.output << " (debrief, pdf)\n";
        return 0;
    }
    const QString text = *format == Debrief::Format::Html ? debrief->html() : debrief->markdown();
    return writeOutput(cl.output, text,
                       *format == Debrief::Format::Html ? QStringLiteral("debrief, html")
                                                        : QStringLiteral("debrief, md"))
               ? 0
               : 1;
}

} // namespace warroom
