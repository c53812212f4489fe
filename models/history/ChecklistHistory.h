#pragma once

#include "checklist/Checklist.h"
#include "history/DurationStats.h"
#include "history/IncidentFacts.h"

namespace warroom {

// Every incident in a database that ran one checklist revision, measured: per step how long it
// really took, LIVE and DRILL apart. Drills run faster than real time (×N) are left out of every
// figure and listed, so nobody mistakes a ×50 walk-through for the team's number.
struct ChecklistHistory
{
    struct Step
    {
        QString id;
        QString title;
        qint64 expectedMs = 0; // the checklist's expected minutes
        DurationStats live;
        DurationStats drill;
    };

    QString checklistId;
    QString revision;
    QString title;
    QList<Step> steps;
    QList<IncidentFacts> live;    // counted, by declaration
    QList<IncidentFacts> drills;  // counted, by declaration
    QList<IncidentFacts> leftOut; // accelerated drills, by declaration
    DurationStats triggerToHealthyLive;
    DurationStats triggerToHealthyDrill;

    // "2 drills at ×50 left out (#4, #5)", or empty when none was.
    QString leftOutLine() const;
    // The drill median of each step that has one, for SchedulePlanner's measured plan.
    QHash<QString, qint64> measuredDrillMs() const;

    // One entry per checklist id and revision met in `incidents`, ordered by id then revision;
    // `checklists` gives each one's steps (keyed by key()).
    static QList<ChecklistHistory> build(const QList<IncidentFacts> &incidents,
                                         const QHash<QString, Checklist> &checklists);
    static QString key(const QString &checklistId, const QString &revision);
    // The entry of `checklistId` at `revision` in `histories`, or null when that revision has
    // no incident: the one lookup the plan sheet (window and `warroom plan`), the declare
    // dialog's line and HistoryCache share.
    static const ChecklistHistory *find(const QList<ChecklistHistory> &histories,
                                        const QString &checklistId, const QString &revision);
};

} // namespace warroom
