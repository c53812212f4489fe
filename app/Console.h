#pragma once

#include <QTextStream>

#include <cstdio>

namespace warroom {

// Standard output and error for the command-line commands, shared so that their writes interleave
// in order.
inline QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

inline QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

} // namespace warroom
