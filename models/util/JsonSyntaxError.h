#pragma once

#include "util/Diagnostic.h"

#include <cstddef>

namespace warroom {

// A JSON syntax error from nlohmann_json as a Diagnostic with line and column (in characters, as
// an editor counts them). `bytesRead` is the parse error's byte count, which includes the
// offending character.
Diagnostic jsonSyntaxDiagnostic(const QByteArray &data, std::size_t bytesRead, const char *what,
                                const QString &fileName);

// A Diagnostic pointing at the character that starts at byte `offset` (0-based) of `data`.
Diagnostic jsonDiagnosticAt(const QByteArray &data, std::size_t offset, const QString &message,
                            const QString &fileName);

// "line:column" of the character at byte `offset`, for messages that name a second place.
QString jsonPlaceOf(const QByteArray &data, std::size_t offset);

} // namespace warroom
