#pragma once

#include <QList>

namespace warroom {

// The PostgreSQL schema, step by step, with the same version numbers as SQLite's
// (SchemaMigrations): the same tables and columns, the same append-only rules as triggers.
struct PostgresMigration
{
    int version;
    const char *sql;
};
const QList<PostgresMigration> &postgresMigrations();

} // namespace warroom
