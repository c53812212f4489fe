#pragma once

#include <QTcpServer>

class QTcpSocket;

namespace warroom {

// The drill backend's listening socket, with a deadline on every connection: a request has to
// arrive whole within readTimeout of the connection opening or of its last answer. A client that
// sends nothing, dribbles a byte now and then, or keeps an idle connection, is dropped then, so
// no one can hold the backend's sockets and memory for nothing. While the backend works on an
// answer (or holds it back, for a drill's latency or stall) the deadline is off.
class DrillTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit DrillTcpServer(QObject *parent = nullptr);

    void setReadTimeout(int ms) { m_readTimeoutMs = ms; }
    int readTimeout() const { return m_readTimeoutMs; }

    // The request on `socket` was read whole: no deadline while it is answered.
    static void requestRead(QTcpSocket *socket);
    // Its answer went out: the next request gets the full deadline.
    void answered(QTcpSocket *socket) const;

protected:
    void incomingConnection(qintptr handle) override;

private:
    int m_readTimeoutMs = 10'000;
};

} // namespace warroom
