// libFuzzer target: a checklist file's bytes through everything `warroom validate` does with them,
// the parser, the validator it runs, and the diagnostics it prints. Any crash, hang, sanitizer
// report or memory blow-up is a finding (issue 9, section 4: no input crashes the app).

#include "checklist/ChecklistParser.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace warroom;
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const ChecklistParseResult result = ChecklistParser::parse(bytes, QStringLiteral("fuzz.json"));
    // What the user sees is part of the surface: messages quote ids, keys and source text.
    const QString text = formatDiagnostics(result.diagnostics);
    // The parser promises a checklist exactly when there is nothing to complain about.
    if (result.ok() == !result.diagnostics.isEmpty())
        __builtin_trap();
    (void)text;
    return 0;
}
