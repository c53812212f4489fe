// Linked into every program that links the core library (models/CMakeLists.txt):
// ServerStoreFactory.h says why it is not in the library itself.
#include "store/PostgresStore.h"
#include "store/ServerStoreFactory.h"

namespace warroom {

std::unique_ptr<StoreBackend> openServerStore(const QString &uri, bool readOnly, int targetVersion,
                                              QString *error)
{
    auto server = std::make_unique<PostgresStore>();
    if (!server->open(uri, readOnly, targetVersion, error))
        return nullptr;
    return server;
}

} // namespace warroom
