#include "session/ChainCheckTask.h"

#include "chain/ChainVerifier.h"
#include "timeline/EventRowRules.h"

namespace warroom {

ChainCheckTask::ChainCheckTask(IncidentRecord incident, TimelineEvents events, QObject *parent)
    : QObject(parent)
{
    m_worker = std::thread([this, incident = std::move(incident), events = std::move(events)] {
        const ChainReport report = ChainVerifier::verify(incident, events);
        // The payload texts the chain vouches for are JSON objects too (the session parses
        // each when first read): here, beside the window's first frame, not before it.
        const QString payload
            = report.intact ? EventRowRules::firstPayloadProblem(events) : QString();
        const bool intact = report.intact && payload.isEmpty();
        const QString summary = payload.isEmpty() ? report.summary() : payload;
        // Queued to this object's thread; ~QObject drops it if the task goes first.
        QMetaObject::invokeMethod(
            this, [this, intact, summary] { emit finished(intact, summary); },
            Qt::QueuedConnection);
    });
}

ChainCheckTask::~ChainCheckTask()
{
    if (m_worker.joinable())
        m_worker.join();
}

} // namespace warroom
