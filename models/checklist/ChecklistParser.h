#pragma once

#include "checklist/Checklist.h"
#include "util/Diagnostic.h"

#include <optional>

namespace warroom {

struct [[nodiscard]] ChecklistParseResult
{
    std::optional<Checklist> checklist; // set only when diagnostics is empty
    Diagnostics diagnostics;

    bool ok() const { return checklist.has_value(); }
};

// Reads the checklist JSON format (checklists/checklist.schema.json) and checks everything the
// schema cannot say: unique ids, known dependency targets, no cycles, declared variables.
// Collects every problem it can find rather than stopping at the first, so one run of
// `warroom validate` shows all the work an author has to do.
class ChecklistParser
{
public:
    // Limits on what a checklist file may be (README, "Input limits"); JSON nesting is limited
    // to JsonReader's 64 levels.
    static constexpr qint64 maxFileBytes = 4 * 1024 * 1024;

    // Where a checklist comes from. A file is offered for a new incident (validate, declare,
    // drill) and meets every rule. A checklist recorded with an incident, maybe by an older
    // build, is read without the name rules added on 2026-12-01 (Checklist::maxNameCharacters,
    // one line for a step's, role's or milestone's name): what was committed stays readable, and
    // every display bounds what it draws of a name (ReportChart).
    enum class Origin { File, Recorded };

    static ChecklistParseResult parse(const QByteArray &data, const QString &fileName,
                                      Origin origin = Origin::File);
    static ChecklistParseResult parseFile(const QString &path);
};

} // namespace warroom
