#pragma once

#include "report/EventFormatter.h"
#include "report/PostmortemReport.h"

#include <QHash>

namespace warroom {

// Folds the routine events of a run (a job's polls and their answers, a check's samples) into one
// row per run (per stage of a ramp), where the run's first such event was: how many, from when to
// when, when it first passed and the last value. 131 of 390 rows of a short drill were polls; a
// reader wants to know that the job was watched and what it said last, not each look.
class RoutineFold
{
public:
    explicit RoutineFold(const EventFormatter &formatter)
        : m_formatter(formatter)
    {}

    static bool isRoutine(const TimelineEvent &event);
    // Appends `row` to `rows`, or, for a routine event, counts it in its run's row.
    void add(QList<PostmortemReport::TimelineRow> &rows, const TimelineEvent &event,
             const PostmortemReport::TimelineRow &row);
    // Writes each folded row's sentence, once every event is counted.
    void finish(QList<PostmortemReport::TimelineRow> &rows) const;

private:
    struct Run
    {
        qsizetype row = 0;
        QString item;
        int polls = 0;
        int samples = 0;
        qint64 firstMs = 0;
        qint64 lastMs = 0;
        qint64 firstPassMs = -1;
        // The run's last answer or sample: its value is put in words once, at finish(), not for
        // each of a long check's samples. Points into the report's events, which outlive the fold.
        const TimelineEvent *lastValued = nullptr;
        QString lastValue;
    };
    static QString sentence(const Run &run);

    const EventFormatter &m_formatter;
    QHash<QString, Run> m_runs;
};

} // namespace warroom
