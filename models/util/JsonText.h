#pragma once

#include <QByteArray>

class QJsonValue;

namespace warroom {

// Appends text as a JSON string the way nlohmann_json's dump() writes it (and Python's json with
// ensure_ascii=False): quote, backslash and control characters escaped, everything else as UTF-8.
// Used where writing JSON by hand is much faster than building a tree: the chain hash of every
// event, and the events of an export.
void appendJsonString(QByteArray &out, const QByteArray &utf8Text);

// Any JSON value (a scalar too) as compact JSON text, the way Qt writes it.
QByteArray compactJson(const QJsonValue &value);
// A JSON document's root (an object or an array), or an undefined value when it is not JSON.
QJsonValue parseJsonValue(const QByteArray &text);

} // namespace warroom
