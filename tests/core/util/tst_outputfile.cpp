// OutputFile: every export, sheet, debrief and chart is written whole, and never in the place of
// something that is not a regular file, nor of a database or the files kept beside one. Run as
// root, `--output /dev/null` once replaced the device with a regular file, and a FIFO became a
// file.
#include "util/OutputFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace warroom;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

bool isFifo(const QString &path)
{
    struct stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

} // namespace

class TestOutputFile : public QObject
{
    Q_OBJECT

private slots:
    void writeOrRefuse_data();
    void writeOrRefuse();
    void deviceIsRefused();
    void databaseIsNeverAnOutput_data();
    void databaseIsNeverAnOutput();

private:
    QTemporaryDir m_dir;
};

void TestOutputFile::writeOrRefuse_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("refusal"); // empty: written
    QTest::newRow("new file") << s("new") << QString();
    QTest::newRow("file to replace") << s("file") << QString();
    QTest::newRow("link to a file") << s("link to file") << QString();
    QTest::newRow("folder") << s("folder") << s("it is a folder");
    QTest::newRow("FIFO") << s("fifo") << s("it is a FIFO");
    QTest::newRow("link to a FIFO") << s("link to fifo") << s("it is a FIFO");
}

void TestOutputFile::writeOrRefuse()
{
    QFETCH(QString, kind);
    QFETCH(QString, refusal);
    const QString path = m_dir.filePath(kind.replace(u' ', u'-'));
    const QString target = path + s(".target");
    if (kind == s("file") || kind == s("link-to-file")) {
        QFile f(kind == s("file") ? path : target);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old contents, longer than the new");
    }
    if (kind == s("folder"))
        QVERIFY(QDir().mkpath(path));
    if (kind == s("fifo") || kind == s("link-to-fifo"))
        QCOMPARE(::mkfifo(QFile::encodeName(kind == s("fifo") ? path : target).constData(), 0600),
                 0);
    if (kind.startsWith(s("link")))
        QVERIFY(QFile::link(target, path));

    QString error;
    const bool written = OutputFile::write(path, "new", &error);
    QCOMPARE(written, refusal.isEmpty());
    if (!written) {
        QVERIFY2(error.contains(path) && error.contains(refusal), qPrintable(error));
        QCOMPARE(OutputFile::check(path, nullptr), false);
        // What was there is still there, as it was.
        if (kind == s("folder"))
            QVERIFY(QFileInfo(path).isDir());
        else
            QVERIFY(isFifo(kind == s("fifo") ? path : target));
        return;
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("new"));
}

// Only asked, never written: a broken check here would replace the machine's /dev/null.
void TestOutputFile::deviceIsRefused()
{
    QString error;
    QVERIFY(!OutputFile::check(s("/dev/null"), &error));
    QVERIFY2(error.contains(s("/dev/null")) && error.contains(s("it is a device")),
             qPrintable(error));
}

void TestOutputFile::databaseIsNeverAnOutput_data()
{
    QTest::addColumn<QString>("name");    // the output, beside a database db.sqlite
    QTest::addColumn<QString>("refusal"); // empty: written
    QTest::newRow("the database") << s("db.sqlite") << s("it is an SQLite database");
    QTest::newRow("a link to it") << s("link") << s("it is an SQLite database");
    QTest::newRow("its journal") << s("db.sqlite-journal") << s("it belongs to the database");
    QTest::newRow("its WAL") << s("db.sqlite-wal") << s("it belongs to the database");
    QTest::newRow("its writers file") << s("db.sqlite-writers") << s("it belongs to the database");
    QTest::newRow("its drill runners' file")
        << s("db.sqlite-runners") << s("it belongs to the database");
    QTest::newRow("a journal of no database") << s("notes.txt-journal") << QString();
    QTest::newRow("a file beside it") << s("db.sqlite.md") << QString();
}

// `export -o timeline.sqlite` replaced the timeline with its own postmortem and said "wrote":
// every incident in it was gone. `-o timeline.sqlite-journal` planted a journal that made every
// reader refuse the database. Neither is ever written, and the database stays as it was.
void TestOutputFile::databaseIsNeverAnOutput()
{
    QFETCH(QString, name);
    QFETCH(QString, refusal);
    QTemporaryDir dir;
    const QString db = dir.filePath(s("db.sqlite"));
    const QByteArray database = QByteArray("SQLite format 3", 16) + QByteArray(4080, '\1');
    {
        QFile f(db);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(database), database.size());
        QFile notes(dir.filePath(s("notes.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
    }
    QVERIFY(QFile::link(db, dir.filePath(s("link"))));
    const QString path = dir.filePath(name);
    QString error;
    const bool written = OutputFile::write(path, "# Postmortem", &error);
    QCOMPARE(written, refusal.isEmpty());
    if (!written)
        QVERIFY2(error.contains(path) && error.contains(refusal), qPrintable(error));
    QFile f(db);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), database);
}

QTEST_GUILESS_MAIN(TestOutputFile)
#include "tst_outputfile.moc"
