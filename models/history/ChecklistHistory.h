#pragma once

#include "checklist/Checklist.h"
#include "history/DurationStats.h"
#include "history/IncidentFacts.h"

namespace warroom {

// Every incident in a database that ran one checklist revision, measured: per step how long it
// really took, LIVE and DRILL apart. A revision is its content too (its SHA-256): a file edited
// and run again under the same id and revision is measured apart, not pooled with the steps and
// minutes of whichever content was run last. Drills run faster than real time (×N) are left out of
// every figure and listed, so nobody mistakes a ×50 walk-through for the team's number.
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
    QByteArray sha256; // of the content the incidents ran
    QString title;
    // The other contents run under this id and revision (their SHA-256, in order), measured in
    // entries of their own; empty when the revision was never reused.
    QList<QByteArray> otherContents;
    QList<Step> steps;
    QList<IncidentFacts> live;    // counted, by declaration
    QList<IncidentFacts> drills;  // counted, by declaration
    QList<IncidentFacts> leftOut; // sped-up and scripted drills, by declaration
    DurationStats triggerToHealthyLive;
    DurationStats triggerToHealthyDrill;

    // Whether this entry measured `checklist`'s id and revision, whatever the content it ran:
    // compared field by field, not through key(), as an id may hold the separator.
    bool isRevisionOf(const Checklist &checklist) const
    {
        return checklistId == checklist.id && revision == checklist.revision;
    }
    // "2 drills at ×50 left out (#4, #5): their runs were sped up; 1 drill played by a players'
    // script left out (#8): the script answered for …", or empty when none was.
    QString leftOutLine() const;
    // When the last drill of any kind was declared (UTC ms), a sped-up or scripted one too: how
    // recently the team practised, not how fresh its number is; -1 before the first.
    qint64 lastDrillUtcMs() const;
    // The drill median of each step that has one, for SchedulePlanner's measured plan.
    QHash<QString, qint64> measuredDrillMs() const;

    // One entry per checklist id, revision and content met in `incidents`, ordered by id, then
    // revision, then content; `checklists` gives each one's steps (keyed by key()).
    static QList<ChecklistHistory> build(const QList<IncidentFacts> &incidents,
                                         const QHash<QString, Checklist> &checklists);
    static QString key(const QString &checklistId, const QString &revision,
                       const QByteArray &sha256);
    static QString key(const IncidentFacts &incident)
    {
        return key(incident.checklistId, incident.checklistRevision, incident.checklistSha256);
    }
    // The entry of `checklist` (its id, revision and content) in `histories`, or null when no
    // incident ran it: the one lookup the plan sheet (window and `warroom plan`), the declare
    // dialog's line, the console's measured plan and the debrief share.
    static const ChecklistHistory *find(const QList<ChecklistHistory> &histories,
                                        const Checklist &checklist);
};

} // namespace warroom
