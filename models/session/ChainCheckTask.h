#pragma once

#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

#include <QObject>

#include <thread>

namespace warroom {

// Checks an incident's chain on a worker thread and says the verdict on the thread that made it
// (finished). The events are a copy of the session's list: implicitly shared, so the copy costs a
// reference, and the worker reads only what the hash covers (payloadText, the hashes), never a
// payload the GUI thread may be parsing. Destroying the task waits for the worker; a verdict not
// yet delivered is then dropped with the object.
class ChainCheckTask : public QObject
{
    Q_OBJECT

public:
    ChainCheckTask(IncidentRecord incident, TimelineEvents events, QObject *parent = nullptr);
    ~ChainCheckTask() override;

signals:
    // summary is ChainReport::summary(), for the words of a broken chain.
    void finished(bool intact, const QString &summary);

private:
    std::thread m_worker;
};

} // namespace warroom
