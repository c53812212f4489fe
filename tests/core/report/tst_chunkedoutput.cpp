// ChunkedOutput, which the JSON and CSV exports write through: its JSON strings are what
// appendJsonString writes, its CSV fields follow RFC 4180, text longer than a chunk arrives whole
// and in order, and a device that refuses a write is reported.
#include "report/formats/ChunkedOutput.h"
#include "util/JsonText.h"

#include <QBuffer>
#include <QTest>

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

QTEST_MAIN(TestChunkedOutput)
#include "tst_chunkedoutput.moc"
