#pragma once

// A client of the drill backend on loopback, through the app's own HTTP engine: what the
// checklist's actions and polls send, one request at a time, waited for.

#include "http/HttpEngine.h"
#include "support/TestStrings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

namespace warroom::test {

class Client
{
public:
    explicit Client(quint16 port)
        : m_base(QStringLiteral("http://127.0.0.1:%1").arg(port))
    {}

    HttpResult call(const char *method, const char *path, const QByteArray &body = {},
                    const QString &key = {}, int attempts = 1)
    {
        HttpRequest r;
        r.method = QString::fromLatin1(method);
        r.url = m_base + QString::fromLatin1(path);
        r.body = body;
        r.idempotencyKey = key;
        r.maxAttempts = attempts;
        r.headers = {{s("Content-Type"), s("application/json")}};
        QSignalSpy done(&m_engine, &HttpEngine::finished);
        m_engine.start(r);
        if (!done.wait(10'000))
            qFatal("no answer from the drill backend for %s", path);
        return done.first().at(1).value<HttpResult>();
    }
    QJsonObject object(const char *method, const char *path, const QByteArray &body = {},
                       const QString &key = {})
    {
        return QJsonDocument::fromJson(call(method, path, body, key).body).object();
    }
    HttpEngine &engine() { return m_engine; }

private:
    QString m_base;
    HttpEngine m_engine;
};

} // namespace warroom::test
