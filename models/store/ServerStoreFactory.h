#pragma once

#include <memory>

class QString;

namespace warroom {

class StoreBackend;

// The store of a shared incident on the PostgreSQL server `uri` names (TimelineStore::isServer),
// opened as TimelineStore::openAs asks; null, with `error` said, if it cannot be.
//
// Defined apart from the core's archive, so that a program can be linked without libpq and the 21
// libraries it brings (Kerberos, LDAP, TLS): `warroom`, which exports and verifies files and
// becomes `warroom-room` for a server (app/main.cpp), defines it to refuse. Every other program
// gets PostgresStoreFactory.cpp with the core library (its CMake target links that object into
// each of them).
std::unique_ptr<StoreBackend> openServerStore(const QString &uri, bool readOnly, int targetVersion,
                                              QString *error);

} // namespace warroom
