// libFuzzer target: a JSON export's bytes through what `warroom verify --export FILE` does with
// them: the export reader, then the chain verifier on what it read, then the summary it prints;
// and what `warroom import FILE` checks before it writes anything (IncidentImport::check).
// Any crash, hang, sanitizer report or memory blow-up is a finding (issue 9, section 5).

#include "chain/ChainVerifier.h"
#include "report/formats/JsonExport.h"
#include "transfer/IncidentImport.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace warroom;
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const IncidentExport x = IncidentExport::read(bytes, QStringLiteral("fuzz.json"));
    if (!x.ok()) {
        const QString text = formatDiagnostics(x.diagnostics);
        (void)text;
        return 0;
    }
    const ChainReport report = x.verify();
    const QString text = report.summary();
    (void)text;
    const QString imported = formatDiagnostics(IncidentImport::check(x, QStringLiteral("fuzz.json")));
    (void)imported;
    return 0;
}
