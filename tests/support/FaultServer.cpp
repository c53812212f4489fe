#include "FaultServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace warroom::test {

FaultServer::FaultServer(QObject *parent)
    : QObject(parent)
{
    // The benchmarks open 100 to 500 connections at once; with the default backlog of 50 the
    // kernel drops the rest of the SYNs and those connections wait a second for a retransmit.
    m_server.setListenBacklogSize(1024);
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &FaultServer::onConnection);
}

quint16 FaultServer::port() const
{
    return m_server.serverPort();
}

QString FaultServer::url(const char *path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(QString::fromLatin1(path));
}

int FaultServer::count(const QByteArray &path) const
{
    int n = 0;
    for (const Seen &s : m_seen)
        n += s.path == path;
    return n;
}

void FaultServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_buffers.remove(socket); });
    }
}

void FaultServer::onReadable(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    Seen request;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.path = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                   lines.at(i).mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < end + 4 + length)
        return;
    request.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    if (request.path != "/fast" && request.path != "/delay")
        m_seen.append(request); // the benchmark's paths are not recorded
    respond(socket, request);
    // A keep-alive client may already have sent its next request.
    if (m_buffers.contains(socket) && m_buffers.value(socket).contains("\r\n\r\n")) {
        const QPointer<QTcpSocket> alive(socket);
        QMetaObject::invokeMethod(
            this,
            [this, alive] {
                if (alive)
                    onReadable(alive);
            },
            Qt::QueuedConnection);
    }
}

void FaultServer::respond(QTcpSocket *socket, const Seen &r)
{
    auto reply = [socket](int status, const QByteArray &body, const QByteArray &extra = {}) {
        socket->write("HTTP/1.1 " + QByteArray::number(status)
                      + " X\r\nContent-Type: "
                        "application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n" + extra
                      + "Connection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    };
    // The query only keeps counts apart ("/503-twice?run=2" fails twice again); behaviour follows
    // the path.
    const QByteArray p = r.path.left(r.path.indexOf('?') < 0 ? r.path.size() : r.path.indexOf('?'));
    const int seenBefore = count(r.path) - 1;
    if (p == "/fast") {
        // Keep-alive, for the benchmark: the connection stays open for the next request.
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      "14\r\n\r\n{\"state\":\"ok\"}");
    } else if (p == "/delay") {
        QTimer::singleShot(1000, socket, [socket] {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        });
    } else if (p == "/ok") {
        reply(200, R"({"state":"done","progress":100})");
    } else if (p == "/stall") {
        // Says nothing, ever.
    } else if (p == "/slow-body") {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
        auto *drip = new QTimer(socket);
        connect(drip, &QTimer::timeout, socket, [socket] { socket->write("x"); });
        drip->start(500);
    } else if (p == "/reset") {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial");
        socket->flush();
        QTimer::singleShot(50, socket, [socket] { socket->abort(); });
    } else if (p == "/empty") {
        socket->disconnectFromHost();
    } else if (p == "/500") {
        reply(500, R"({"error":"boom"})");
    } else if (p == "/503-twice") {
        if (seenBefore < 2)
            reply(503, R"({"error":"busy"})");
        else
            reply(200, R"({"ok":true})");
    } else if (p == "/429-once") {
        if (seenBefore < 1)
            reply(429, R"({"error":"slow down"})", "Retry-After: 1\r\n");
        else
            reply(200, R"({"ok":true})");
    } else if (p == "/big") {
        reply(200, QByteArray(2 * 1024 * 1024, 'a'));
    } else if (p == "/loop") {
        socket->write("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
    } else if (p == "/echo") {
        // Echoes the credentials it was sent, in a field and in its error text, as careless APIs
        // do; ?status= picks the answer's status.
        const QUrlQuery query(QString::fromLatin1(r.path.mid(r.path.indexOf('?') + 1)));
        const QString credentials = QString::fromLatin1(
            r.headers.value("authorization", r.headers.value("x-api-key")));
        const int status = query.queryItemValue(QStringLiteral("status")).toInt();
        reply(status > 0 ? status : 200,
              QJsonDocument(QJsonObject{{QStringLiteral("id"), credentials},
                                        {QStringLiteral("error"),
                                         QStringLiteral("credentials '%1' not accepted here")
                                             .arg(credentials)}})
                  .toJson(QJsonDocument::Compact),
              "X-Echo: " + credentials.toLatin1() + "\r\n");
    } else if (p == "/id") {
        // Answers {"id": <?id=, decoded>}: an id of the test's choosing, CR and LF included.
        const QUrlQuery query(QString::fromLatin1(r.path.mid(r.path.indexOf('?') + 1)));
        reply(200, QJsonDocument(QJsonObject{{QStringLiteral("id"),
                                              query.queryItemValue(QStringLiteral("id"),
                                                                   QUrl::FullyDecoded)}})
                       .toJson(QJsonDocument::Compact));
    } else if (p == "/malformed") {
        reply(200, R"({"state": "done", )");
    } else {
        reply(404, R"({"error":"no such path"})");
    }
}

} // namespace warroom::test
