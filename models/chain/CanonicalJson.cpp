#include "chain/CanonicalJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLocale>
#include <QVarLengthArray>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace warroom {

namespace {

constexpr int maxDepth = 256; // deeper objects go the long way (no payload comes near)

const char hexDigits[] = "0123456789abcdef";

// One byte of a string as nlohmann's dump() writes it (ensure_ascii off): quote, backslash and
// control characters escaped, every other byte as it is.
void appendEscapedByte(QByteArray &out, unsigned char c)
{
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
        out += "\\u00";
        out += hexDigits[c >> 4];
        out += hexDigits[c & 0xf];
    }
}

bool needsEscape(char16_t c)
{
    return c < 0x20 || c == u'"' || c == u'\\';
}

// A string of UTF-8 bytes; runs of plain bytes are copied at once.
void appendEscaped(QByteArray &out, const QByteArray &utf8)
{
    out += '"';
    const char *run = utf8.constData();
    const char *const end = run + utf8.size();
    for (const char *p = run; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (!needsEscape(c))
            continue;
        out.append(run, p - run);
        run = p + 1;
        appendEscapedByte(out, c);
    }
    out.append(run, end - run);
    out += '"';
}

bool isAscii(QStringView text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

// ASCII text is written from the QString itself, without a UTF-8 copy (straight into the buffer
// when nothing needs escaping). Anything else through QString::toUtf8, which makes a lone
// surrogate '?' (the long way throws on the escape Qt writes for it).
void appendString(QByteArray &out, const QString &text)
{
    bool plain = true;
    for (const QChar ch : text) {
        if (ch.unicode() >= 0x80) {
            appendEscaped(out, text.toUtf8());
            return;
        }
        plain = plain && !needsEscape(ch.unicode());
    }
    if (plain) {
        const qsizetype start = out.size();
        out.resize(start + text.size() + 2);
        char *p = out.data() + start;
        *p++ = '"';
        for (const QChar ch : text)
            *p++ = static_cast<char>(ch.unicode());
        *p = '"';
        return;
    }
    out += '"';
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (needsEscape(c))
            appendEscapedByte(out, static_cast<unsigned char>(c));
        else
            out += static_cast<char>(c);
    }
    out += '"';
}

void appendInteger(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end - digits);
}

// What nlohmann makes of the number Qt writes: Qt writes an integer's digits, and a double in
// its shortest form ('g'); nlohmann reads plain digits as an integer and anything else as the
// same double (the shortest form reads back exactly), which it writes in its own form.
bool appendNumber(QByteArray &out, const QJsonValue &value)
{
    const QVariant v = value.toVariant();
    if (v.typeId() == QMetaType::LongLong) {
        appendInteger(out, v.toLongLong());
        return true;
    }
    const double d = value.toDouble();
    if (!std::isfinite(d)) {
        out += "null"; // Qt writes null for these
        return true;
    }
    const QByteArray qt = QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    const bool digitsOnly = std::all_of(qt.cbegin() + (qt.startsWith('-') ? 1 : 0), qt.cend(),
                                        [](char c) { return c >= '0' && c <= '9'; });
    if (!digitsOnly) {
        out += nlohmann::json(d).dump();
        return true;
    }
    if (qt.size() > 18)
        return false; // nlohmann's integer or float: not worth deciding here
    appendInteger(out, qt.toLongLong()); // "-0" reads as the integer 0
    return true;
}

bool appendValue(QByteArray &out, const QJsonValue &value, int depth);

// Whether the keys are ASCII and already in ascending order, as Qt iterates them (it keeps them
// sorted by UTF-16, which for ASCII is the byte order): the usual payload, written as it comes.
bool asciiAndSorted(const QVarLengthArray<QString, 16> &keys)
{
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (!isAscii(keys[i]) || (i > 0 && !(keys[i - 1] < keys[i])))
            return false;
    }
    return true;
}

bool appendObject(QByteArray &out, const QJsonObject &object, int depth)
{
    // Each key made once: it.key() builds a QString from Qt's storage every time it is asked.
    QVarLengthArray<QString, 16> keys;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        keys.append(it.key());
    out += '{';
    if (asciiAndSorted(keys)) {
        qsizetype i = 0;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it, ++i) {
            if (i > 0)
                out += ',';
            appendString(out, keys[i]);
            out += ':';
            if (!appendValue(out, it.value(), depth + 1))
                return false;
        }
        out += '}';
        return true;
    }
    // Sorted by the keys' UTF-8 bytes, as nlohmann's std::map orders them (Qt orders by UTF-16,
    // which differs above the surrogates).
    QVarLengthArray<std::pair<QByteArray, QJsonObject::const_iterator>, 16> sorted;
    qsizetype i = 0;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it, ++i)
        sorted.append({keys[i].toUtf8(), it});
    std::sort(sorted.begin(), sorted.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    for (qsizetype k = 0; k < sorted.size(); ++k) {
        if (k > 0)
            out += ',';
        appendEscaped(out, sorted[k].first);
        out += ':';
        if (!appendValue(out, sorted[k].second.value(), depth + 1))
            return false;
    }
    out += '}';
    return true;
}

bool appendValue(QByteArray &out, const QJsonValue &value, int depth)
{
    if (depth > maxDepth)
        return false;
    switch (value.type()) {
    case QJsonValue::Null:
        out += "null";
        return true;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return true;
    case QJsonValue::Double:
        return appendNumber(out, value);
    case QJsonValue::String:
        appendString(out, value.toString());
        return true;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ',';
            if (!appendValue(out, array.at(i), depth + 1))
                return false;
        }
        out += ']';
        return true;
    }
    case QJsonValue::Object:
        return appendObject(out, value.toObject(), depth);
    case QJsonValue::Undefined:
        break;
    }
    return false;
}

} // namespace

QByteArray CanonicalJson::write(const QJsonObject &object)
{
    QByteArray out;
    out.reserve(256);
    if (appendObject(out, object, 0))
        return out;
    return viaNlohmann(object);
}

QByteArray CanonicalJson::viaNlohmann(const QJsonObject &object)
{
    const QByteArray compact = QJsonDocument(object).toJson(QJsonDocument::Compact);
    // nlohmann's object type is a std::map: dump() writes keys sorted, without whitespace.
    return QByteArray::fromStdString(nlohmann::json::parse(compact.cbegin(), compact.cend()).dump());
}

} // namespace warroom
