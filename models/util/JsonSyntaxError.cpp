#include "util/JsonSyntaxError.h"

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

QString syntaxMessage(const char *what)
{
    const std::string text(what);
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 3, column 5: ";
    // we print our own position, so keep only the explanation.
    const auto syntax = text.find("syntax error");
    if (syntax != std::string::npos)
        return printableText(QString::fromStdString(text.substr(syntax)), 300);
    const auto colon = text.find(": ");
    return printableText(
        QString::fromStdString(colon == std::string::npos ? text : text.substr(colon + 2)), 300);
}

} // namespace

Diagnostic jsonSyntaxDiagnostic(const QByteArray &data, std::size_t bytesRead, const char *what,
                                const QString &fileName)
{
    const TextPosition pos = positionOfByte(data, bytesRead > 0 ? bytesRead - 1 : 0);
    return {fileName, pos.line, pos.column, {}, syntaxMessage(what)};
}

Diagnostic jsonDiagnosticAt(const QByteArray &data, std::size_t offset, const QString &message,
                            const QString &fileName)
{
    const TextPosition pos = positionOfByte(data, offset);
    return {fileName, pos.line, pos.column, {}, message};
}

QString jsonPlaceOf(const QByteArray &data, std::size_t offset)
{
    const TextPosition pos = positionOfByte(data, offset);
    return QStringLiteral("%1:%2").arg(pos.line).arg(pos.column);
}

} // namespace warroom
