#include "util/ListWords.h"

namespace warroom {

QString joinAsList(const QStringList &parts)
{
    if (parts.size() < 2)
        return parts.value(0);
    return parts.first(parts.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ")
           + parts.constLast();
}

} // namespace warroom
