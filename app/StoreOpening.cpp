#include "StoreOpening.h"

#include "Console.h"

#include "store/TimelineStore.h"

#include <QFileInfo>

namespace warroom {

bool openStoreToRead(TimelineStore &store, const QString &db, ReadCheck check)
{
    QString error;
    if (check == ReadCheck::Beside ? store.openReadOnlyCheckingBeside(db, &error)
                                   : store.openReadOnly(db, &error))
        return true;
    err() << "warroom: " << error << "\n";
    return false;
}

bool openStoreToWrite(TimelineStore &store, const QString &db, bool dbGiven)
{
    QString error;
    const bool folderReady = dbGiven || TimelineStore::isServer(db)
                             || TimelineStore::createPrivateFolder(QFileInfo(db).absolutePath(),
                                                                   &error);
    if (folderReady && store.open(db, &error))
        return true;
    err() << "warroom: " << error << "\n";
    return false;
}

} // namespace warroom
