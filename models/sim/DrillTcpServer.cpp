#include "sim/DrillTcpServer.h"

#include <QTcpSocket>
#include <QTimer>

namespace warroom {

namespace {

// Lives as a child of its socket, so it goes with it.
QTimer *deadlineOf(QTcpSocket *socket)
{
    return socket->findChild<QTimer *>(QStringLiteral("warroom-read-deadline"),
                                       Qt::FindDirectChildrenOnly);
}

} // namespace

DrillTcpServer::DrillTcpServer(QObject *parent)
    : QTcpServer(parent)
{}

void DrillTcpServer::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    auto *deadline = new QTimer(socket);
    deadline->setObjectName(QStringLiteral("warroom-read-deadline"));
    deadline->setSingleShot(true);
    // Not restarted by the bytes that come in: a byte a second must not keep it alive.
    connect(deadline, &QTimer::timeout, socket, &QAbstractSocket::abort);
    deadline->start(m_readTimeoutMs);
    addPendingConnection(socket);
}

void DrillTcpServer::requestRead(QTcpSocket *socket)
{
    if (QTimer *deadline = socket ? deadlineOf(socket) : nullptr)
        deadline->stop();
}

void DrillTcpServer::answered(QTcpSocket *socket) const
{
    if (QTimer *deadline = socket ? deadlineOf(socket) : nullptr)
        deadline->start(m_readTimeoutMs);
}

} // namespace warroom
