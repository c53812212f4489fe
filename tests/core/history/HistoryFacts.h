#pragma once

// Incident facts made by hand, without a store, for the history suites that build a
// ChecklistHistory straight from them (tst_historycontent, tst_drillage).

#include "history/ChecklistHistory.h"
#include "support/ScriptedIncident.h"

#include <QHash>
#include <QList>

namespace warroom::test {

// A drill of `checklist` (its id, revision and content) declared at `declaredUtcMs`, whose
// execute step took `executeMs`.
inline IncidentFacts drillFacts(qint64 id, qint64 declaredUtcMs, const Checklist &checklist,
                                qint64 executeMs)
{
    IncidentFacts f;
    f.id = id;
    f.mode = IncidentMode::Drill;
    f.declaredUtcMs = declaredUtcMs;
    f.checklistId = checklist.id;
    f.checklistRevision = checklist.revision;
    f.checklistSha256 = checklist.sourceSha256;
    f.stepMs.insert(QStringLiteral("execute"), executeMs);
    return f;
}

// The checklists as ChecklistHistory::build looks them up: by id, revision and content.
inline QHash<QString, Checklist> byKey(const QList<Checklist> &checklists)
{
    QHash<QString, Checklist> out;
    for (const Checklist &c : checklists)
        out.insert(ChecklistHistory::key(c.id, c.revision, c.sourceSha256), c);
    return out;
}

} // namespace warroom::test
