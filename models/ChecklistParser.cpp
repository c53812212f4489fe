#include "ChecklistParser.h"

#include "ChecklistValidator.h"
#include "JsonSyntaxError.h"
#include "Sha256.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <string>

namespace warroom {

ChecklistParseResult ChecklistParser::parse(const QByteArray &data, const QString &fileName)
{
    ChecklistParseResult result;
    if (data.trimmed().isEmpty()) {
        result.diagnostics.append({fileName, 1, 1, {}, QStringLiteral("the file is empty")});
        return result;
    }

    nlohmann::ordered_json root;
    try {
        root = nlohmann::ordered_json::parse(data.cbegin(), data.cend());
    } catch (const nlohmann::json::parse_error &e) {
        result.diagnostics.append(jsonSyntaxDiagnostic(data, e.byte, e.what(), fileName));
        return result;
    }

    Checklist checklist;
    result.diagnostics = ChecklistValidator::validate(root, fileName, checklist);
    if (result.diagnostics.isEmpty()) {
        checklist.source = data;
        checklist.sourceSha256 = sha256Hex(data);
        result.checklist = std::move(checklist);
    }
    return result;
}

ChecklistParseResult ChecklistParser::parseFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ChecklistParseResult result;
        result.diagnostics.append(
            {path, 0, 0, {}, QStringLiteral("cannot read the file: ") + file.errorString()});
        return result;
    }
    constexpr qint64 maxSize = 4 * 1024 * 1024;
    if (file.size() > maxSize) {
        ChecklistParseResult result;
        result.diagnostics.append(
            {path, 0, 0, {}, QStringLiteral("the file is larger than 4 MiB; not a checklist?")});
        return result;
    }
    return parse(file.readAll(), path);
}

} // namespace warroom
