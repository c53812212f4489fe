#include "report/formats/ChunkedOutput.h"

#include "util/JsonText.h"

#include <QIODevice>

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

bool ChunkedOutput::flush()
{
    if (!m_device)
        return true;
    const auto size = static_cast<qint64>(m_buffer.size());
    if (size > 0 && m_device->write(m_buffer.data(), size) != size)
        m_ok = false;
    m_buffer.clear();
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
