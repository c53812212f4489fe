#pragma once

// What the HTTP suites share (tst_httpengine, tst_httptls): one request run to its result, and a
// loopback port that nothing listens on.

#include "http/HttpEngine.h"

#include <QSignalSpy>
#include <QTcpServer>

namespace warroom::test {

// Waits for the engine's result for one request; the deadline only guards against a hang.
inline HttpResult run(HttpEngine &engine, const HttpRequest &request)
{
    QSignalSpy done(&engine, &HttpEngine::finished);
    const quint64 id = engine.start(request);
    if (!done.wait(30'000) && done.isEmpty())
        qFatal("the request to %s never finished", qPrintable(request.url));
    const QList<QVariant> args = done.takeFirst();
    if (args.at(0).toULongLong() != id)
        qFatal("result for another request");
    return args.at(1).value<HttpResult>();
}

inline quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when probe goes out of scope
}

} // namespace warroom::test
