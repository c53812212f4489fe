#include "JsonSyntaxError.h"

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

Diagnostic jsonSyntaxDiagnostic(const QByteArray &data, std::size_t bytesRead, const char *what,
                                const QString &fileName)
{
    const TextPosition pos = positionOfByte(data, bytesRead > 0 ? bytesRead - 1 : 0);
    return {fileName, pos.line, pos.column, {}, syntaxMessage(what)};
}

} // namespace warroom
