#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

class QIODevice;

namespace warroom {

// A byte buffer that goes to a device in chunks as it fills: an export of 100,000 events is
// written as it is made, instead of built whole in memory (40 MB for JSON, then copied once more
// to add its head and tail) and written at the end. Keeps the first write error.
class ChunkedOutput
{
public:
    explicit ChunkedOutput(QIODevice &device);
    // Without a device: everything stays in memory (InterleavedLines' blocks).
    ChunkedOutput();
    ~ChunkedOutput();
    ChunkedOutput(const ChunkedOutput &) = delete;
    ChunkedOutput &operator=(const ChunkedOutput &) = delete;

    ChunkedOutput &operator+=(QByteArrayView bytes)
    {
        if (bytes.size() >= chunkBytes && m_device)
            return writeThrough(bytes);
        append(bytes);
        flushIfFull();
        return *this;
    }
    ChunkedOutput &operator+=(char c)
    {
        m_buffer.push_back(c);
        flushIfFull();
        return *this;
    }
    void appendNumber(qint64 value);
    // A text's UTF-8 in `scratch`, a buffer kept for every field: ASCII (nearly every field) is
    // narrowed in place, without a new allocation.
    static QByteArrayView utf8(const QString &text, QByteArray &scratch);
    // A JSON string of UTF-8 text, escaped as appendJsonString escapes it; text with nothing to
    // escape (nearly all of it) is copied in one piece rather than byte by byte.
    void appendJsonString(QByteArrayView utf8);
    // A CSV field: quoted, with quotes doubled, when it holds a comma, a quote or a line break.
    void appendCsvField(QByteArrayView utf8);
    // Writes what is buffered; false if any write failed. Without a device, keeps it.
    bool flush();
    // Whether a write has failed already (a full disk): what follows would be made in vain.
    bool failed() const { return !m_ok; }
    // Without a device: what was appended, and emptying it for more (its memory is kept).
    QByteArrayView bytes() const
    {
        return QByteArrayView(m_buffer.data(), static_cast<qsizetype>(m_buffer.size()));
    }
    void clear() { m_buffer.clear(); }

private:
    // A plain vector: QByteArray::append went through its general insert() for every field,
    // about a quarter of making a JSON export's lines (perf).
    void append(QByteArrayView bytes)
    {
        m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
    }
    void flushIfFull()
    {
        if (m_buffer.size() >= std::size_t(chunkBytes) && m_device)
            flush();
    }
    // What is buffered, then `bytes` as they are: a block made elsewhere is not copied again.
    ChunkedOutput &writeThrough(QByteArrayView bytes);
    void writeAll(const char *data, qint64 size);
    // To a file: asks the kernel to start writing what was written so far to the disk.
    void startWriteback();

    static constexpr qsizetype chunkBytes = 1 << 20;
    QIODevice *m_device = nullptr;
    std::vector<char> m_buffer;
    bool m_ok = true;
    qint64 m_writebackFrom = 0; // where the file's writeback has not been started yet
};

} // namespace warroom
