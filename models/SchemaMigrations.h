#pragma once

#include <QList>
#include <QString>

namespace warroom {

// Migration N takes a database from schema N-1 to N. Existing entries are never edited once
// released: a change to the schema is a new entry at the end.
struct SchemaMigration
{
    int version;
    QString sql;
};

const QList<SchemaMigration> &schemaMigrations();

} // namespace warroom
