#include "ValidateCommand.h"

#include "Console.h"
#include "DrillCommand.h"

#include "checklist/ChecklistParser.h"
#include "util/Diagnostic.h"

#include <QTextStream>

namespace warroom {

int runValidate(const QStringList &files)
{
    int failures = 0;
    for (const QString &file : files) {
        if (const std::optional<bool> scenario = validateIfScenario(file)) {
            failures += *scenario ? 0 : 1;
            continue;
        }
        const ChecklistParseResult r = ChecklistParser::parseFile(file);
        if (r.ok()) {
            // The revision is free text from the file.
            out() << printableText(file, 400) << ": ok (" << r.checklist->id << " revision "
                  << printableText(r.checklist->revision, 80) << ", " << r.checklist->steps.size()
                  << (r.checklist->steps.size() == 1 ? " step)\n" : " steps)\n");
        } else {
            ++failures;
            err() << formatDiagnostics(r.diagnostics) << "\n";
        }
    }
    out().flush();
    err().flush();
    return failures == 0 ? 0 : 1;
}

} // namespace warroom
