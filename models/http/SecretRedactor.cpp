#include "http/SecretRedactor.h"

#include "http/HttpRequest.h"
#include "util/JsonText.h"

#include <QJsonValue>
#include <QUrl>

#include <algorithm>
#include <cctype>

namespace warroom {

namespace {

// JSON as encoders that keep to ASCII write it (Python's json.dumps, PHP's json_encode): every
// character past U+007F as \uXXXX, from the compact form's text. (The hex digits' case is left to
// the match: SecretRedactor::Form.)
QByteArray asciiJson(const QByteArray &json)
{
    QByteArray out;
    const QString text = QString::fromUtf8(json);
    for (const QChar c : text) {
        if (c.unicode() <= 0x7f) {
            out += char(c.unicode());
            continue;
        }
        out += "\\u" + QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
    }
    return out;
}

// JSON as Go's encoding/json writes it by default: "<", ">" and "&" as \u003c, \u003e, \u0026,
// so that it can sit in HTML.
QByteArray goJson(QByteArray json)
{
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
}

bool isHex(char c)
{
    return std::isxdigit(static_cast<unsigned char>(c));
}

char lower(char c)
{
    return char(std::tolower(static_cast<unsigned char>(c)));
}

} // namespace

void SecretRedactor::add(const QString &secret)
{
    if (secret.isEmpty())
        return;
    const QByteArray raw = secret.toUtf8();
    QByteArray json = compactJson(QJsonValue(secret));
    json = json.mid(1, json.size() - 2); // without the quotes
    QList<QByteArray> forms{raw, json, goJson(json)};
    // A server echoes a secret however its encoder writes it: "\/" for a slash (PHP), non-ASCII
    // as \u00f6 (Python, PHP), "<" as \u003c (Go); a URL's percent-encoding, its slashes kept in
    // a path, a space as "+" in a form. An external backend's token with a "/", a "+" or an
    // umlaut came back in such a form and was recorded whole.
    const QByteArray ascii = asciiJson(json);
    forms << ascii << QByteArray(ascii).replace("/", "\\/");
    forms << QByteArray(json).replace("/", "\\/");
    // Which characters stay unescaped differs by encoder: RFC 3986 (Qt, curl, Go), a form as
    // HTML and Java write it ("*" raw, "~" escaped), JavaScript's encodeURIComponent ("!'()*"
    // raw).
    for (const QByteArray &percent :
         {QUrl::toPercentEncoding(secret), QUrl::toPercentEncoding(secret, "/"),
          QUrl::toPercentEncoding(secret, "*", "~"), QUrl::toPercentEncoding(secret, "!'()*")})
        forms << percent << QByteArray(percent).replace("%20", "+");
    for (const QByteArray &bytes : std::as_const(forms)) {
        if (bytes.isEmpty())
            continue;
        Form form = formOf(bytes);
        if (std::none_of(m_forms.cbegin(), m_forms.cend(),
                         [&form](const Form &f) { return f.bytes == form.bytes; }))
            m_forms.append(std::move(form));
    }
    std::stable_sort(m_forms.begin(), m_forms.end(),
                     [](const Form &a, const Form &b) { return a.bytes.size() > b.bytes.size(); });
}

SecretRedactor::Form SecretRedactor::formOf(const QByteArray &bytes)
{
    Form form{bytes, QList<bool>(bytes.size(), false)};
    const auto hexRun = [&bytes](qsizetype from, qsizetype count) {
        if (from + count > bytes.size())
            return false;
        for (qsizetype k = from; k < from + count; ++k) {
            if (!isHex(bytes.at(k)))
                return false;
        }
        return true;
    };
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        qsizetype digits = 0;
        if (bytes.at(i) == '%' && hexRun(i + 1, 2))
            digits = 2;
        else if (bytes.at(i) == '\\' && i + 1 < bytes.size() && bytes.at(i + 1) == 'u'
                 && hexRun(i + 2, 4))
            digits = 4;
        const qsizetype first = bytes.at(i) == '%' ? i + 1 : i + 2;
        for (qsizetype k = first; digits > 0 && k < first + digits; ++k) {
            form.bytes[k] = lower(bytes.at(k));
            form.caseless[k] = true;
        }
        if (digits > 0)
            i = first + digits - 1;
    }
    return form;
}

bool SecretRedactor::matchesAt(const QByteArray &text, qsizetype at, const Form &form)
{
    if (at + form.bytes.size() > text.size())
        return false;
    for (qsizetype j = 0; j < form.bytes.size(); ++j) {
        const char c = text.at(at + j);
        if ((form.caseless.at(j) ? lower(c) : c) != form.bytes.at(j))
            return false;
    }
    return true;
}

QByteArray SecretRedactor::redacted(const QByteArray &bytes) const
{
    QByteArray out = bytes;
    const QByteArray mark = marker().toUtf8();
    for (const Form &form : m_forms) {
        if (!form.caseless.contains(true)) {
            out.replace(form.bytes, mark);
            continue;
        }
        // An escape's first byte ('%' or '\\') is never one of its hex digits: the search
        // for it is exact, and each place it occurs is matched in full.
        QByteArray kept;
        qsizetype from = 0;
        for (qsizetype at = out.indexOf(form.bytes.at(0)); at >= 0;
             at = out.indexOf(form.bytes.at(0), at)) {
            if (!matchesAt(out, at, form)) {
                ++at;
                continue;
            }
            kept += QByteArrayView(out).sliced(from, at - from);
            kept += mark;
            at += form.bytes.size();
            from = at;
        }
        if (from > 0)
            out = kept + QByteArrayView(out).sliced(from);
    }
    return out;
}

QString SecretRedactor::redacted(const QString &text) const
{
    if (m_forms.isEmpty())
        return text;
    return QString::fromUtf8(redacted(text.toUtf8()));
}

HttpResult SecretRedactor::redacted(const HttpResult &result) const
{
    HttpResult out = result;
    if (m_forms.isEmpty())
        return out;
    out.body = redacted(result.body);
    out.error = redacted(result.error);
    for (auto &[name, value] : out.headers)
        value = redacted(value);
    return out;
}

} // namespace warroom
