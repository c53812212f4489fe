#pragma once

// Files the suites read: golden files of expected output, and folders of inputs that each become a
// data row. Header-only, so a suite that links nothing but the core can use it.

#include <QDir>
#include <QFile>
#include <QStringList>
#include <QTest>

// Compares `actual` with the golden file at `goldenPath`; with WARROOM_UPDATE_GOLDEN set, rewrites
// the golden file instead and skips. A macro, because QCOMPARE and QSKIP end the test function.
#define WARROOM_COMPARE_GOLDEN(actual, goldenPath)                                                \
    do {                                                                                          \
        QFile golden_(goldenPath);                                                                \
        if (qEnvironmentVariableIsSet("WARROOM_UPDATE_GOLDEN")) {                                 \
            QVERIFY(golden_.open(QIODevice::WriteOnly | QIODevice::Truncate));                    \
            golden_.write((actual).toUtf8());                                                     \
            QSKIP("golden file rewritten");                                                       \
        }                                                                                         \
        QVERIFY2(golden_.open(QIODevice::ReadOnly), qPrintable(golden_.fileName()));              \
        QCOMPARE((actual), QString::fromUtf8(golden_.readAll()));                                 \
    } while (false)

namespace warroom::test {

// One data row per file in `dir` matching `pattern`, named after the file, with its path in the
// column "path". No file at all fails the test: a renamed folder must not pass by testing nothing.
inline void addFileRows(const QString &dir, const QString &pattern)
{
    QTest::addColumn<QString>("path");
    const QDir folder(dir);
    const QStringList files = folder.entryList({pattern}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), qPrintable(dir + u'/' + pattern));
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << folder.filePath(f);
}

} // namespace warroom::test
