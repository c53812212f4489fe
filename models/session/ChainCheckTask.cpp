#include "session/ChainCheckTask.h"

#include "chain/ChainVerifier.h"

namespace warroom {

ChainCheckTask::ChainCheckTask(IncidentRecord incident, TimelineEvents events, QObject *parent)
    : QObject(parent)
{
    m_worker = std::thread([this, incident = std::move(incident), events = std::move(events)] {
        const ChainReport report = ChainVerifier::verify(incident, events);
        const bool intact = report.intact;
        const QString summary = report.summary();
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
