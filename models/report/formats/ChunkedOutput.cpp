#include "report/formats/ChunkedOutput.h"

#include "util/JsonText.h"

#include <QIODevice>

#include <algorithm>
#include <charconv>

namespace warroom {

ChunkedOutput::ChunkedOutput(QIODevice &device)
    : m_device(&device)
{
    m_buffer.reserve(chunkBytes + 64 * 1024);
}

ChunkedOutput::ChunkedOutput() = default;

ChunkedOutput::~ChunkedOutput() = default;

void ChunkedOutput::appendNumber(qint64 value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_buffer.append(digits, end - digits);
    flushIfFull();
}

void ChunkedOutput::appendJsonString(QByteArrayView utf8)
{
    const bool plain = std::all_of(utf8.begin(), utf8.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 0x20 && c != '"' && c != '\\';
    });
    if (plain) {
        m_buffer.append('"');
        m_buffer.append(utf8.data(), utf8.size());
        m_buffer.append('"');
    } else {
        warroom::appendJsonString(m_buffer, utf8.toByteArray());
    }
    flushIfFull();
}

void ChunkedOutput::appendCsvField(QByteArrayView utf8)
{
    const bool plain = std::none_of(utf8.begin(), utf8.end(), [](char c) {
        return c == ',' || c == '"' || c == '\n' || c == '\r';
    });
    if (plain) {
        m_buffer.append(utf8.data(), utf8.size());
        flushIfFull();
        return;
    }
    m_buffer.append('"');
    for (const char c : utf8) {
        if (c == '"')
            m_buffer.append('"');
        m_buffer.append(c);
    }
    m_buffer.append('"');
    flushIfFull();
}

bool ChunkedOutput::flush()
{
    if (!m_device)
        return true;
    if (!m_buffer.isEmpty() && m_device->write(m_buffer) != m_buffer.size())
        m_ok = false;
    m_buffer.resize(0);
    return m_ok;
}

ChunkedOutput &ChunkedOutput::writeThrough(QByteArrayView bytes)
{
    flush();
    if (m_device->write(bytes.data(), bytes.size()) != bytes.size())
        m_ok = false;
    return *this;
}

} // namespace warroom
