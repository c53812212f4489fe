#pragma once

#include "checklist/Checklist.h"
#include "util/Diagnostic.h"

#include <nlohmann/json_fwd.hpp>

namespace warroom {

// Walks a parsed JSON document, fills a Checklist and reports every structural problem with its
// JSON path. Internal to the core: callers go through ChecklistParser.
class ChecklistValidator
{
public:
    // `nameRules`: a name's length and lines (ChecklistParser::Origin::File); the checklist's
    // title is one line without bidirectional controls either way.
    [[nodiscard]] static Diagnostics validate(const nlohmann::ordered_json &root,
                                              const QString &fileName, Checklist &out,
                                              bool nameRules = true);
};

} // namespace warroom
