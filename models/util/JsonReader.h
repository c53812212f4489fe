#pragma once

// Internal to the core: it includes nlohmann, so no public header may include it.

#include "util/Diagnostic.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace warroom {

// Parses JSON from a file that may be hostile, into a document the readers can walk without
// fear: nesting is limited (the walkers recurse, the stack does not grow without bound), a number
// too large for a double is a located error instead of an exception, and a key given twice in one
// object is an error naming both places (nlohmann would silently keep the last one). Runs in time
// linear in the input: objects are built without the ordered map's linear lookup per key.
class JsonReader
{
public:
    static constexpr int defaultMaxDepth = 64;

    // The document, or nothing with the problems (line:column) appended to `diagnostics`.
    static std::optional<nlohmann::ordered_json> parse(const QByteArray &data,
                                                       const QString &fileName,
                                                       Diagnostics &diagnostics,
                                                       int maxDepth = defaultMaxDepth);
    // A whole file's text, as the checklist and scenario parsers read it: an empty (or blank)
    // file is "the file is empty" at 1:1, anything else is parse()d.
    static std::optional<nlohmann::ordered_json> parseFile(const QByteArray &data,
                                                           const QString &fileName,
                                                           Diagnostics &diagnostics);
};

} // namespace warroom
