// ChunkedOutput, which the JSON and CSV exports write through: its JSON strings are what
// appendJsonString writes, its CSV fields follow RFC 4180, text longer than a chunk arrives whole
// and in order, and a device that refuses a write is reported. InterleavedLines, which makes a
// long export's lines on two threads, writes the bytes one pass in order makes.
#include "report/formats/ChunkedOutput.h"
#include "report/formats/InterleavedLines.h"
#include "util/JsonText.h"

#include <QBuffer>
#include <QMutex>
#include <QSet>
#include <QTemporaryFile>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace warroom;

namespace {

// Accepts nothing: every write fails, as on a full disk.
class RefusingDevice : public QIODevice
{
protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64) override { return -1; }
};

} // namespace

class TestChunkedOutput : public QObject
{
    Q_OBJECT

private slots:
    void jsonString_data();
    void jsonString();
    void csvField_data();
    void csvField();
    void longerThanAChunk();
    void refusedWrite();
    void blockLargerThanAChunk();
    void interleavedInOrder_data();
    void interleavedInOrder();
    void interleavedOnTwoThreads();
    void blockRefused();
    void interleavedStopsAfterARefusedWrite();
    void fileGetsEveryByteInOrder();
};

void TestChunkedOutput::jsonString_data()
{
    QTest::addColumn<QByteArray>("utf8");
    QTest::newRow("plain") << QByteArray("scribe");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("quote and backslash") << QByteArray("a \"b\" \\ c");
    QTest::newRow("controls") << QByteArray("line\nbreak\ttab\x01\x1f");
    QTest::newRow("non-ASCII") << QByteArray("Zo\xc3\xab \xe2\x80\x94 ok");
}

void TestChunkedOutput::jsonString()
{
    QFETCH(QByteArray, utf8);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ChunkedOutput out(buffer);
    out.appendJsonString(utf8);
    QVERIFY(out.flush());
    QByteArray expected;
    appendJsonString(expected, utf8);
    QCOMPARE(buffer.data(), expected);
}

void TestChunkedOutput::csvField_data()
{
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QByteArray("note.added") << QByteArray("note.added");
    QTest::newRow("comma") << QByteArray("a,b") << QByteArray("\"a,b\"");
    QTest::newRow("quotes") << QByteArray("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("line break") << QByteArray("a\r\nb") << QByteArray("\"a\r\nb\"");
    QTest::newRow("empty") << QByteArray("") << QByteArray("");
}

void TestChunkedOutput::csvField()
{
    QFETCH(QByteArray, utf8);
    QFETCH(QByteArray, expected);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ChunkedOutput out(buffer);
    out.appendCsvField(utf8);
    QVERIFY(out.flush());
    QCOMPARE(buffer.data(), expected);
}

void TestChunkedOutput::longerThanAChunk()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ChunkedOutput out(buffer);
    QByteArray expected;
    for (qint64 n = 0; n < 300'000; ++n) {
        out.appendNumber(n);
        out += ',';
        expected += QByteArray::number(n) + ',';
    }
    QVERIFY(buffer.data().size() > 0); // chunks went out before the end
    QVERIFY(out.flush());
    QCOMPARE(buffer.data().size(), expected.size());
    QCOMPARE(buffer.data(), expected);
}

void TestChunkedOutput::refusedWrite()
{
    RefusingDevice device;
    device.open(QIODevice::WriteOnly);
    ChunkedOutput out(device);
    out += QByteArrayView("anything");
    QVERIFY(!out.flush());
}

// A block made elsewhere (InterleavedLines' worker's) goes out after what was buffered before it.
void TestChunkedOutput::blockLargerThanAChunk()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ChunkedOutput out(buffer);
    out += QByteArrayView("head,");
    const QByteArray block(3 << 20, 'x');
    out += block;
    out += QByteArrayView(",tail");
    QVERIFY(out.flush());
    QCOMPARE(buffer.data(), QByteArray("head,") + block + QByteArray(",tail"));
}

// To a file, each chunk's writeback is started as it goes (sync_file_range on Linux): what the
// file holds at the end is still every byte, in order, small appends and blocks alike.
void TestChunkedOutput::fileGetsEveryByteInOrder()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    QByteArray expected;
    {
        ChunkedOutput out(file);
        for (qint64 n = 0; n < 400'000; ++n) {
            out.appendNumber(n);
            out += ',';
            expected += QByteArray::number(n) + ',';
            if (n % 100'000 == 0) {
                const QByteArray block((2 << 20) + n % 7, char('a' + n % 26));
                out += block;
                expected += block;
            }
        }
        QVERIFY(out.flush());
    }
    QVERIFY(file.seek(0));
    const QByteArray written = file.readAll();
    QCOMPARE(written.size(), expected.size());
    QVERIFY(written == expected);
}

namespace {

// Item i's line, which a single pass would write: a comma before every item but the first, so
// that a half starting anywhere but at 0 must still start with one.
void numberLines(ChunkedOutput &out, qsizetype from, qsizetype to)
{
    for (qsizetype i = from; i < to; ++i) {
        if (i > 0)
            out += ',';
        out.appendNumber(i * 7);
    }
}

} // namespace

void TestChunkedOutput::interleavedInOrder_data()
{
    QTest::addColumn<qsizetype>("n");
    QTest::newRow("none") << qsizetype(0);
    QTest::newRow("one") << qsizetype(1);
    QTest::newRow("below the threshold") << TwoHalves::worthAThread - 1;
    QTest::newRow("threshold") << TwoHalves::worthAThread;
    QTest::newRow("odd, long") << 9 * TwoHalves::worthAThread + 1;
}

void TestChunkedOutput::interleavedInOrder()
{
    QFETCH(qsizetype, n);
    QBuffer halved;
    halved.open(QIODevice::WriteOnly);
    ChunkedOutput out(halved);
    out += QByteArrayView("[");
    InterleavedLines::write(out, n, numberLines);
    out += QByteArrayView("]");
    QVERIFY(out.flush());
    QBuffer single;
    single.open(QIODevice::WriteOnly);
    ChunkedOutput one(single);
    one += QByteArrayView("[");
    numberLines(one, 0, n);
    one += QByteArrayView("]");
    QVERIFY(one.flush());
    QCOMPARE(halved.data().size(), single.data().size());
    QCOMPARE(halved.data(), single.data());
}

void TestChunkedOutput::interleavedOnTwoThreads()
{
    if (std::thread::hardware_concurrency() < 2)
        QSKIP("one core: one pass, by design");
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ChunkedOutput out(buffer);
    QMutex mutex;
    QSet<std::thread::id> threads;
    QList<std::pair<qsizetype, qsizetype>> ranges;
    const qsizetype n = 4 * TwoHalves::worthAThread + 1;
    InterleavedLines::write(out, n, [&](ChunkedOutput &, qsizetype from, qsizetype to) {
        QMutexLocker lock(&mutex);
        threads.insert(std::this_thread::get_id());
        ranges.append({from, to});
    });
    QCOMPARE(threads.size(), 2);
    QVERIFY(threads.contains(std::this_thread::get_id()));
    // The blocks tile the list: each item made once, none forgotten.
    std::sort(ranges.begin(), ranges.end());
    qsizetype next = 0;
    for (const auto &[from, to] : ranges) {
        QCOMPARE(from, next);
        QVERIFY(to > from);
        next = to;
    }
    QCOMPARE(next, n);
}

// A block written through, with nothing buffered before it, still reports a refused write.
void TestChunkedOutput::blockRefused()
{
    RefusingDevice device;
    device.open(QIODevice::WriteOnly);
    ChunkedOutput out(device);
    out += QByteArray(3 << 20, 'x');
    QVERIFY(!out.flush());
}

// A full disk: once a write is refused, the lines still to come are not made (a 100,000-event
// export went on making every row before it reported the error).
void TestChunkedOutput::interleavedStopsAfterARefusedWrite()
{
    RefusingDevice device;
    device.open(QIODevice::WriteOnly);
    ChunkedOutput out(device);
    constexpr qsizetype blocks = 40;
    std::atomic<int> made = 0;
    const QByteArray line(512, 'x'); // a block of them is a chunk: each is flushed as it is made
    InterleavedLines::write(out, blocks * InterleavedLines::blockItems,
                            [&](ChunkedOutput &to, qsizetype from, qsizetype end) {
                                ++made;
                                for (qsizetype i = from; i < end; ++i)
                                    to += line;
                            });
    QVERIFY(out.failed());
    QVERIFY(!out.flush());
    // The first block fails its write; the worker may have made a block or two ahead by then.
    QVERIFY2(made <= 4, qPrintable(QStringLiteral("%1 of %2 blocks made").arg(made).arg(blocks)));
}

QTEST_MAIN(TestChunkedOutput)
#include "tst_chunkedoutput.moc"
