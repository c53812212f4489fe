#pragma once

#include <QList>
#include <QString>

namespace warroom {

// One problem found in an input file, located as precisely as the problem allows: a line and
// column for syntax errors, a JSON path for structural ones.
struct Diagnostic
{
    QString file;
    int line = 0;   // 1-based; 0 when unknown
    int column = 0; // 1-based; 0 when unknown
    QString path;   // JSON path such as $.steps[2].items[0].kind; empty for syntax errors
    QString message;

    // "file:line:column: error: message" or "file: error: $.path: message", the shape compilers
    // and editors recognise, so a click in a terminal or an IDE jumps to the spot. Every part
    // goes through printableText: a hostile file cannot drive the terminal or flood it.
    QString toString() const;
};

using Diagnostics = QList<Diagnostic>;

QString formatDiagnostics(const Diagnostics &diagnostics);

// Text that came from an input file, made safe to show: control and format characters (escape
// sequences, bidi overrides, NUL) written as \uXXXX, and anything longer than maxChars cut with
// an ellipsis. Every message that quotes input goes through this one function.
QString printableText(const QString &text, qsizetype maxChars = 120);

} // namespace warroom
