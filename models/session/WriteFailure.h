#pragma once

#include "store/TimelineStore.h"

#include <QString>

namespace warroom {

// What a command that could not be written tells its user. "Not recorded" only when that is
// known: a server that never answered a COMMIT may have recorded it (it is read back once the
// server answers again), and saying "not recorded" then would invite doing it twice.
inline QString writeFailedMessage(const TimelineStore &store, const QString &error)
{
    if (store.lastCommitOutcomeUnknown())
        return QStringLiteral("Not confirmed: the server did not answer the commit (%1).").arg(error);
    return QStringLiteral("Not recorded: the timeline could not be written (%1).").arg(error);
}

} // namespace warroom
