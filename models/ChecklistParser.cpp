#include "ChecklistParser.h"

#include "ChecklistValidator.h"
#include "Sha256.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <string>

namespace warroom {

namespace {

struct TextPosition
{
    int line = 1;
    int column = 1;
};

// Columns count characters, not bytes, so the position matches what an editor shows.
TextPosition positionOfByte(const QByteArray &data, std::size_t byteOffset)
{
    TextPosition pos;
    const auto end = std::min<qsizetype>(static_cast<qsizetype>(byteOffset), data.size());
    for (qsizetype i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(data.at(i));
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++pos.column;
        }
    }
    return pos;
}

// The parser quotes what it last read, which in a binary file can be control characters that a
// terminal would act on; show those as \u escapes instead.
QString printable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.isPrint())
            out += c;
        else
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return out;
}

QString syntaxMessage(const char *what)
{
    const std::string text(what);
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 3, column 5: ";
    // we print our own position, so keep only the explanation.
    const auto syntax = text.find("syntax error");
    if (syntax != std::string::npos)
        return printable(QString::fromStdString(text.substr(syntax)));
    const auto colon = text.find(": ");
    return printable(
        QString::fromStdString(colon == std::string::npos ? text : text.substr(colon + 2)));
}

} // namespace

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
        // e.byte counts the characters read including the offending one.
        const TextPosition pos = positionOfByte(data, e.byte > 0 ? e.byte - 1 : 0);
        result.diagnostics.append({fileName, pos.line, pos.column, {}, syntaxMessage(e.what())});
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
