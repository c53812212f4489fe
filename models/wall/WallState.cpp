#include "wall/WallState.h"

namespace warroom {

QString wallToneName(WallTone tone)
{
    switch (tone) {
    case WallTone::Pending:
        return QStringLiteral("pending");
    case WallTone::Active:
        return QStringLiteral("active");
    case WallTone::Done:
        return QStringLiteral("done");
    case WallTone::Deferred:
        return QStringLiteral("deferred");
    case WallTone::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

} // namespace warroom
