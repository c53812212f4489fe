#include "ImportCommand.h"

#include "CommandLine.h"
#include "Console.h"
#include "StoreOpening.h"

#include "report/formats/JsonExport.h"
#include "store/TimelineStore.h"
#include "transfer/IncidentImport.h"
#include "util/InputFile.h"

namespace warroom {

void parseImport(const QStringList &files, CommandLine &cl)
{
    cl.mode = CommandLine::Mode::Import;
    if (files.size() == 1) {
        cl.importFile = files.first();
        return;
    }
    err() << "usage: warroom import EXPORT.json [--db PATH]\n";
    cl.mode = CommandLine::Mode::Exit;
    cl.exitCode = 2;
}

int runImport(const CommandLine &cl)
{
    QString error;
    const auto data = InputFile::read(cl.importFile, IncidentExport::maxFileBytes, &error);
    if (!data) {
        err() << Diagnostic{cl.importFile, 0, 0, {}, error}.toString()
              << "\nnothing was imported\n";
        return 1;
    }
    // Checked before the database is opened: a broken file must not leave a new one behind.
    const IncidentImport::Checked checked = IncidentImport::read(*data, cl.importFile);
    if (!checked.diagnostics.isEmpty()) {
        err() << formatDiagnostics(checked.diagnostics) << "\nnothing was imported\n";
        return 1;
    }
    TimelineStore store;
    if (!openStoreToWrite(store, cl.dbPath, cl.dbGiven)) {
        err() << "nothing was imported\n";
        return 1;
    }
    const IncidentImport::Result r = IncidentImport::write(store, checked);
    if (!r.ok()) {
        err() << formatDiagnostics(r.diagnostics) << "\nnothing was imported\n";
        return 1;
    }
    out() << "imported " << printableText(cl.importFile, 400) << " into " << store.path()
          << " as incident " << *r.id;
    if (!r.keptId)
        out() << " (its id in the export is taken here or out of range; the uuid "
              << r.incident.uuid << " is its identity)";
    out() << ": " << printableText(r.incident.title, 200) << "; " << r.chain.summary() << "\n";
    return 0;
}

} // namespace warroom
