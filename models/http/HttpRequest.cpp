#include "http/HttpRequest.h"

#include <QHostAddress>
#include <QStringList>

namespace warroom {

bool HttpRequest::isSafeToRetry() const
{
    static const QSet<QString> idempotent
        = {QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("PUT"),
           QStringLiteral("DELETE"), QStringLiteral("OPTIONS")};
    return idempotent.contains(method.toUpper()) || !idempotencyKey.isEmpty();
}

bool HttpRequest::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool HttpRequest::isSecretHeaderName(const QString &name)
{
    const QString n = name.toLower();
    return n == QLatin1String("authorization") || n == QLatin1String("cookie")
           || n == QLatin1String("proxy-authorization") || n == QLatin1String("set-cookie")
           || n == QLatin1String("x-api-key");
}

QString HttpRequest::redactedDescription() const
{
    QStringList lines{method.toUpper() + u' ' + url};
    for (const HttpHeader &h : headers)
        lines << h.name + QStringLiteral(": ")
                     + (h.secret || isSecretHeaderName(h.name) ? QStringLiteral("[redacted]")
                                                               : h.value);
    if (!idempotencyKey.isEmpty())
        lines << QStringLiteral("Idempotency-Key: ") + idempotencyKey;
    return lines.join(u'\n');
}

} // namespace warroom
