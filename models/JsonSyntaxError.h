#pragma once

#include "Diagnostic.h"

#include <cstddef>

namespace warroom {

// A JSON syntax error from nlohmann_json as a Diagnostic with line and column (in characters, as
// an editor counts them). `bytesRead` is the parse error's byte count, which includes the
// offending character.
Diagnostic jsonSyntaxDiagnostic(const QByteArray &data, std::size_t bytesRead, const char *what,
                                const QString &fileName);

} // namespace warroom
