#include "checklist/ChecklistParser.h"

#include "checklist/ChecklistValidator.h"
#include "util/InputFile.h"
#include "util/JsonReader.h"
#include "util/Sha256.h"

namespace warroom {

namespace {

// Beyond this many, the rest of a file's problems are counted, not listed: a file of 100,000
// unknown keys must not print 100,000 lines.
constexpr qsizetype maxDiagnostics = 100;

void limit(Diagnostics &diagnostics, const QString &fileName)
{
    if (diagnostics.size() <= maxDiagnostics)
        return;
    const qsizetype more = diagnostics.size() - maxDiagnostics;
    diagnostics.resize(maxDiagnostics);
    diagnostics.append({fileName,
                        0,
                        0,
                        {},
                        QStringLiteral("%1 more problems not shown; fix these first").arg(more)});
}

} // namespace

ChecklistParseResult ChecklistParser::parse(const QByteArray &data, const QString &fileName,
                                            Origin origin)
{
    ChecklistParseResult result;
    const auto root = JsonReader::parseFile(data, fileName, result.diagnostics);
    if (!root)
        return result;

    Checklist checklist;
    result.diagnostics
        = ChecklistValidator::validate(*root, fileName, checklist, origin == Origin::File);
    limit(result.diagnostics, fileName);
    if (result.diagnostics.isEmpty()) {
        checklist.source = data;
        checklist.sourceSha256 = sha256Hex(data);
        result.checklist = std::move(checklist);
    }
    return result;
}

ChecklistParseResult ChecklistParser::parseFile(const QString &path)
{
    QString error;
    const auto data = InputFile::read(path, maxFileBytes, &error);
    if (!data) {
        ChecklistParseResult result;
        result.diagnostics.append({path, 0, 0, {}, error});
        return result;
    }
    return parse(*data, path);
}

} // namespace warroom
