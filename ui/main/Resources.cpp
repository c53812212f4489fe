#include "ui/main/Resources.h"

#include <QtCore/qglobal.h>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initWarroomResources()
{
    Q_INIT_RESOURCE(warroom);
}

namespace warroom {

void initResources()
{
    initWarroomResources();
}

} // namespace warroom
