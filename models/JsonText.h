#pragma once

#include <QByteArray>

namespace warroom {

// Appends text as a JSON string the way nlohmann_json's dump() writes it (and Python's json with
// ensure_ascii=False): quote, backslash and control characters escaped, everything else as UTF-8.
// Used where writing JSON by hand is much faster than building a tree: the chain hash of every
// event, and the events of an export.
void appendJsonString(QByteArray &out, const QByteArray &utf8Text);

} // namespace warroom
