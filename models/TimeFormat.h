#pragma once

#include <QString>

namespace warroom {

// "T+01:02:03": the clock a war room reads, counted from the declaration.
QString formatElapsed(qint64 elapsedMs);
// "2026-11-21 22:21:41Z": wall-clock time, always UTC so screens in different zones agree.
QString formatUtc(qint64 utcMs);

} // namespace warroom
