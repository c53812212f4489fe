#include "http/SecretRedactor.h"

#include "http/HttpRequest.h"
#include "util/JsonText.h"

#include <QJsonValue>
#include <QUrl>

#include <algorithm>

namespace warroom {

void SecretRedactor::add(const QString &secret)
{
    if (secret.isEmpty())
        return;
    const QByteArray raw = secret.toUtf8();
    QByteArray json = compactJson(QJsonValue(secret));
    json = json.mid(1, json.size() - 2); // without the quotes
    for (const QByteArray &form : {raw, json, QUrl::toPercentEncoding(secret)}) {
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
