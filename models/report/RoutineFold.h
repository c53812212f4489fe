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
    // Sees every event of the timeline, also those a slice leaves out, before add(): a run's
    // start (its request, a check's or ramp's start, a re-send with the same key) begins a new
    // row for its routine events. A re-send keeps the run's key, and folded with it the polls of
    // a screen that died and those of the screen that re-sent read as one run, signed by the
    // first, across the outcome unknown and the re-send.
    void see(const TimelineEvent &event);
    // Appends the row `makeRow()` gives to `rows`, or, for a routine event, counts it in its
    // run's row. A routine event's row is made only when it starts a run: a check sampled once a
    // second made 100,000 rows to keep one.
    template<typename MakeRow>
    void add(QList<PostmortemReport::TimelineRow> &rows, const TimelineEvent &event,
             const MakeRow &makeRow)
    {
        if (!isRoutine(event)) {
            rows.append(makeRow());
            return;
        }
        const QString id = runId(event);
        Run *run = findRun(id);
        if (!run)
            run = &start(rows, event, id, makeRow());
        count(rows, *run, event);
    }
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
    QString runId(const TimelineEvent &event) const;
    Run *findRun(const QString &id);
    Run &start(QList<PostmortemReport::TimelineRow> &rows, const TimelineEvent &event,
               const QString &id, PostmortemReport::TimelineRow row);
    static void count(QList<PostmortemReport::TimelineRow> &rows, Run &run,
                      const TimelineEvent &event);
    static QString sentence(const Run &run);

    const EventFormatter &m_formatter;
    QHash<QString, Run> m_runs;
    QHash<QString, qint64> m_attempt; // a run's key → the seq of its newest start
};

} // namespace warroom
