#include "util/BidiControls.h"

#include <algorithm>

namespace warroom {

bool BidiControls::isControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

QString BidiControls::shown(QString text)
{
    const auto *begin = reinterpret_cast<const char16_t *>(text.constData());
    const auto *end = begin + text.size();
    // Whole documents are scanned: nearly every character is let through by the first comparison.
    const auto *first
        = std::find_if(begin, end, [](char16_t c) { return c >= 0x202A && isControl(c); });
    if (first == end)
        return text;
    QChar *data = text.data(); // detaches only now
    for (qsizetype i = first - begin; i < text.size(); ++i) {
        if (isControl(data[i].unicode()))
            data[i] = QChar(0xFFFD);
    }
    return text;
}

} // namespace warroom
