#include "report/formats/ChunkedOutput.h"

#include "util/JsonText.h"

#include <QFileDevice>
#include <QIODevice>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#endif

#include <algorithm>
#include <charconv>

namespace warroom {

ChunkedOutput::ChunkedOutput(QIODevice &device)
    : m_device(&device)
{
    m_buffer.reserve(std::size_t(chunkBytes) + 64 * 1024);
}

ChunkedOutput::ChunkedOutput() = default;

ChunkedOutput::~ChunkedOutput() = default;

QByteArrayView ChunkedOutput::utf8(const QString &text, QByteArray &scratch)
{
    scratch.resize(text.size());
    char *p = scratch.data();
    for (const QChar ch : text) {
        if (ch.unicode() >= 0x80) {
            scratch = text.toUtf8();
            return scratch;
        }
        *p++ = static_cast<char>(ch.unicode());
    }
    return scratch;
}

void ChunkedOutput::appendNumber(qint64 value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    append(QByteArrayView(digits, end - digits));
    flushIfFull();
}

void ChunkedOutput::appendJsonString(QByteArrayView utf8)
{
    const bool plain = std::all_of(utf8.begin(), utf8.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 0x20 && c != '"' && c != '\\';
    });
    if (plain) {
        m_buffer.push_back('"');
        append(utf8);
        m_buffer.push_back('"');
    } else {
        QByteArray escaped;
        warroom::appendJsonString(escaped, utf8.toByteArray());
        append(escaped);
    }
    flushIfFull();
}

void ChunkedOutput::appendCsvField(QByteArrayView utf8)
{
    const bool plain = std::none_of(utf8.begin(), utf8.end(), [](char c) {
        return c == ',' || c == '"' || c == '\n' || c == '\r';
    });
    if (plain) {
        append(utf8);
        flushIfFull();
        return;
    }
    m_buffer.push_back('"');
    for (const char c : utf8) {
        if (c == '"')
            m_buffer.push_back('"');
        m_buffer.push_back(c);
    }
    m_buffer.push_back('"');
    flushIfFull();
}

// The rest of a short write is written again: a file that cannot grow (a full disk) takes what
// fits and answers the next write with the reason (ENOSPC), which the device then tells;
// QFileDevice sets no error on a short write, and the export said "Unknown error".
void ChunkedOutput::writeAll(const char *data, qint64 size)
{
    while (m_ok && size > 0) {
        const qint64 written = m_device->write(data, size);
        if (written <= 0) {
            m_ok = false;
        } else {
            data += written;
            size -= written;
        }
    }
}

bool ChunkedOutput::flush()
{
    if (!m_device)
        return true;
    writeAll(m_buffer.data(), static_cast<qint64>(m_buffer.size()));
    m_buffer.clear();
    startWriteback();
    return m_ok;
}

ChunkedOutput &ChunkedOutput::writeThrough(QByteArrayView bytes)
{
    flush();
    writeAll(bytes.data(), bytes.size());
    startWriteback();
    return *this;
}

// QSaveFile makes a written export durable with fdatasync at its commit, and that waited for all
// of a 50 MB JSON to reach the disk at once (20 ms of a 0.21 s export). Each chunk's writeback is
// started as it is written instead, while the rest is still being made; the fdatasync stays, and
// now finds little left to wait for.
void ChunkedOutput::startWriteback()
{
#ifdef Q_OS_LINUX
    auto *file = qobject_cast<QFileDevice *>(m_device);
    if (!file || file->handle() < 0 || !file->flush())
        return;
    const qint64 end = file->pos();
    if (end > m_writebackFrom)
        ::sync_file_range(file->handle(), m_writebackFrom, end - m_writebackFrom,
                          SYNC_FILE_RANGE_WRITE);
    m_writebackFrom = end;
#endif
}

} // namespace warroom
