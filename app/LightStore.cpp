// `warroom` reads database files only: a PostgreSQL server's incident is for warroom-room, which
// main.cpp becomes before any store is opened. ServerStoreFactory.h says why this stands in for
// the core's factory here.
#include "store/ServerStoreFactory.h"
#include "store/StoreBackend.h"

#include <QString>

namespace warroom {

std::unique_ptr<StoreBackend> openServerStore(const QString &uri, bool, int, QString *error)
{
    if (error)
        *error = QStringLiteral("%1: this program reads no PostgreSQL server (warroom-room does)")
                     .arg(uri);
    return nullptr;
}

} // namespace warroom
