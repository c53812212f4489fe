#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

namespace warroom {

struct HttpHeader
{
    QString name;
    QString value;
    bool secret = false; // redacted wherever the request is shown or recorded
};

// One request as the HTTP engine performs it. Every deadline is explicit: nothing is left to
// libcurl's defaults, which wait for minutes.
struct HttpRequest
{
    QString method = QStringLiteral("GET");
    QString url;
    QList<HttpHeader> headers;
    QByteArray body;
    int connectTimeoutMs = 5'000;
    int lowSpeedBytesPerSecond = 1; // below this for lowSpeedTimeS seconds: give up
    int lowSpeedTimeS = 10;
    int totalTimeoutMs = 30'000;
    qint64 maxResponseBytes = 1024 * 1024;
    int maxRedirects = 0;         // 0: redirects are not followed
    QString caFile;               // extra CA bundle; verification itself is always on
    QSet<QString> plainHttpHosts; // hosts besides loopback that may be reached over http://
    QString idempotencyKey;       // sent as Idempotency-Key; makes any method safe to retry
    int maxAttempts = 3;

    bool isSafeToRetry() const;
    // "POST https://host/path" with headers, secrets shown as "[redacted]".
    QString redactedDescription() const;
    static bool isSecretHeaderName(const QString &name);
    // "localhost" or a loopback address: reached without TLS, and only from this machine.
    static bool isLoopbackHost(const QString &host);
};

struct [[nodiscard]] HttpResult
{
    int status = 0; // HTTP status of the last attempt; 0 when no response came
    QByteArray body;
    QList<QPair<QString, QString>> headers;
    qint64 durationMs = 0; // all attempts, including waits between them
    int attempts = 0;
    int curlCode = 0; // libcurl's code for the last attempt (0: CURLE_OK)
    // libcurl's CURLE_COULDNT_CONNECT, for those that tell it apart without libcurl's header:
    // nothing listens at the address (in a drill, most often the drill backend not started).
    static constexpr int couldNotConnect = 7;
    QString error;    // empty on success; otherwise what went wrong, in words
    // Some attempt put the request on the wire (libcurl had connected, through TLS and any proxy,
    // and sent bytes of it). False only when no attempt got that far: nothing can have happened.
    bool requestSent = false;
    // Some attempt went out and got no whole answer (a timeout, a dropped connection, a body cut
    // off): whatever the last attempt says, a side effect may have happened.
    bool answerLost = false;

    bool ok() const { return error.isEmpty() && status >= 200 && status < 300; }
};

} // namespace warroom
