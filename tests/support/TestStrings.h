#pragma once

// Short spellings for the strings the suites write by the hundred. The build forbids implicit
// casts from char * (QT_NO_CAST_FROM_ASCII), so without this every literal would be a
// QStringLiteral; s() keeps a test's data readable.

#include <QString>

namespace warroom::test {

// A QString from a UTF-8 literal.
inline QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace warroom::test
