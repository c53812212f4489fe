#pragma once

// What the durability suites share (tst_durability, tst_storefiles, tst_hostilefiles): databases
// made for a trial, foreign SQLite files to lay beside them, and the hash that proves a reader
// left a file as it was.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace warroom::test {

QByteArray fileHash(const QString &path);
// A checklist of tests/data/checklists/good/.
QString checklistPath(const char *name);
// A database of `incidents` DRILL incidents with `notesEach` notes each, closed and fsynced.
void makeDatabase(const QString &path, int incidents, int notesEach);
// A journal caught mid-transaction in `other`, a database of its own, put beside `db`: hot,
// since nobody holds its lock.
bool plantHotJournal(const QString &db, const QString &other);
// A raw SQLite database in WAL mode whose last transaction lives only in its -wal file.
void makeForeignWal(const QString &path);

} // namespace warroom::test
