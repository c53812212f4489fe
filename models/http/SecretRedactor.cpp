#include "http/SecretRedactor.h"

#include "http/HttpRequest.h"
#include "util/JsonText.h"

#include <QJsonValue>
#include <QUrl>

#include <algorithm>

namespace warroom {

namespace {

// JSON as encoders that keep to ASCII write it (Python's json.dumps, PHP's json_encode): every
// character past U+007F as \uXXXX, in lower- or upper-case hex, from the compact form's text.
QByteArray asciiJson(const QByteArray &json, bool upper)
{
    QByteArray out;
    const QString text = QString::fromUtf8(json);
    for (const QChar c : text) {
        if (c.unicode() <= 0x7f) {
            out += char(c.unicode());
            continue;
        }
        QByteArray hex = QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
        out += "\\u" + (upper ? hex.toUpper() : hex);
    }
    return out;
}

// Percent-encoding in lower-case hex (%2f), which RFC 3986 allows and some servers write.
QByteArray lowerHex(QByteArray percent)
{
    for (qsizetype i = 0; i + 2 < percent.size(); ++i) {
        if (percent.at(i) == '%') {
            percent[i + 1] = char(std::tolower(static_cast<unsigned char>(percent.at(i + 1))));
            percent[i + 2] = char(std::tolower(static_cast<unsigned char>(percent.at(i + 2))));
        }
    }
    return percent;
}

} // namespace

void SecretRedactor::add(const QString &secret)
{
    if (secret.isEmpty())
        return;
    const QByteArray raw = secret.toUtf8();
    QByteArray json = compactJson(QJsonValue(secret));
    json = json.mid(1, json.size() - 2); // without the quotes
    QList<QByteArray> forms{raw, json};
    // A server echoes a secret however its encoder writes it: "\/" for a slash (PHP), non-ASCII
    // as \u00f6 (Python, PHP); a URL's percent-encoding in either case, its slashes kept in a
    // path. An external backend's token with a "/", a "+" or an umlaut came back in such a form
    // and was recorded whole.
    for (const QByteArray &ascii : {asciiJson(json, false), asciiJson(json, true)})
        forms << ascii << QByteArray(ascii).replace("/", "\\/");
    forms << QByteArray(json).replace("/", "\\/");
    for (const QByteArray &percent :
         {QUrl::toPercentEncoding(secret), QUrl::toPercentEncoding(secret, "/")})
        forms << percent << lowerHex(percent);
    for (const QByteArray &form : std::as_const(forms)) {
        if (!form.isEmpty() && !m_forms.contains(form))
            m_forms.append(form);
    }
    std::stable_sort(m_forms.begin(), m_forms.end(),
                     [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
}

QByteArray SecretRedactor::redacted(const QByteArray &bytes) const
{
    QByteArray out = bytes;
    const QByteArray mark = marker().toUtf8();
    for (const QByteArray &form : m_forms)
        out.replace(form, mark);
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
