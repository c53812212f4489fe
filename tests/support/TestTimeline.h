#pragma once

#include "engine/ChecklistEngine.h"

#include <QString>

namespace warroom::test {

Checklist loadChecklist(const QString &path);
// Runs SQL on a database file through SQLite itself, bypassing TimelineStore, as a tamperer
// would; returns SQLite's error message, or an empty string.
QString rawSql(const QString &databasePath, const QString &sql);
Checklist shippedChecklist();
Checklist parallelChecklist();

// An engine with an in-memory timeline: what the store does (number and time the drafts), without
// the store, so engine tests stay about the engine.
class TestTimeline
{
public:
    explicit TestTimeline(const Checklist &checklist);

    ChecklistEngine &engine() { return m_engine; }
    const TimelineEvents &events() const { return m_events; }
    // Commits a plan's drafts at the given elapsed time; fails the test if the plan was refused.
    bool commit(const EnginePlan &plan, qint64 elapsedMs = -1);
    qint64 now() const { return m_now; }
    void advance(qint64 ms) { m_now += ms; }

private:
    ChecklistEngine m_engine;
    TimelineEvents m_events;
    qint64 m_now = 0;
};

} // namespace warroom::test
