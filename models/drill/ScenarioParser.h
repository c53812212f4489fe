#pragma once

#include "checklist/Checklist.h"
#include "drill/Scenario.h"
#include "util/Diagnostic.h"

#include <optional>

namespace warroom {

struct [[nodiscard]] ScenarioParseResult
{
    std::optional<Scenario> scenario;   // set only when diagnostics is empty
    std::optional<Checklist> checklist; // the checklist it drills, parsed
    Diagnostics diagnostics;

    bool ok() const { return scenario.has_value() && checklist.has_value(); }
};

// Reads a drill scenario (checklists/scenario.schema.json), then the checklist it names, and
// checks the one against the other: every step, item, role and variable the scenario names
// exists, and each act answers the kind of question its item asks. Every problem is reported
// with its place (line:column for syntax, a JSON path for the rest), as ChecklistParser does.
class ScenarioParser
{
public:
    static constexpr qint64 maxFileBytes = 1024 * 1024;
    // The checklist "builtin" names (a Qt resource of the app).
    static QString builtinChecklist()
    {
        return QStringLiteral(":/checklists/rollback-eight-step.json");
    }

    static ScenarioParseResult parse(const QByteArray &data, const QString &fileName);
    static ScenarioParseResult parseFile(const QString &path);
    // A drill of a checklist with no scenario file: the defaults, the given variables.
    static ScenarioParseResult fromChecklist(const QString &checklistPath,
                                             const QMap<QString, QString> &variables);
    // True when the document says it is a scenario (it has a top-level "scenario" key), so
    // `warroom validate` knows which reader to use.
    static bool looksLikeScenario(const QByteArray &data);
};

} // namespace warroom
