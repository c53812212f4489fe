#pragma once

#include <QHash>
#include <QList>
#include <QTcpServer>

class QTcpSocket;

namespace warroom::test {

// A loopback HTTP server that misbehaves on purpose, one way per path, for the HTTP engine's fault
// matrix. Raw sockets, because a well-behaved server library cannot stall, reset mid-body or hang
// up without a word. It records every request it sees.
class FaultServer : public QObject
{
    Q_OBJECT

public:
    struct Seen
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };

    explicit FaultServer(QObject *parent = nullptr);
    quint16 port() const;
    QString url(const char *path) const;
    const QList<Seen> &seen() const { return m_seen; }
    int count(const QByteArray &path) const;

private:
    void onConnection();
    void onReadable(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Seen &request);

    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Seen> m_seen;
    // Last, so that it goes first: its sockets' destroyed() handlers still find m_buffers.
    QTcpServer m_server;
};

} // namespace warroom::test
