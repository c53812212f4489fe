#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace warroom {

class SqliteDatabase;

// Migration N takes a database from schema N-1 to N. Existing entries are never edited once
// released: a change to the schema is a new entry at the end.
struct SchemaMigration
{
    int version;
    QString sql;
    // Runs after `sql`, in the same transaction, for changes SQL alone cannot make.
    std::function<bool(SqliteDatabase &, QString *)> code = {};
};

const QList<SchemaMigration> &schemaMigrations();

} // namespace warroom
