#pragma once

#include "report/EventFormatter.h"
#include "report/PostmortemReport.h"

#include <optional>

namespace warroom {

// The timeline's row of each event, made as a writer walks the events instead of kept for all of
// them: JSON and CSV write every one of 100,000 events, and a list of their rows, built in the
// report and read once, was a tenth of those exports in its own making and the fresh memory it
// filled. Walk the events in order: a check sample whose payload repeats the one before it reads
// as the same sentence, and shares it rather than making and keeping it once more.
// Keeps the sentence it made last, so one TimelineRows is for one thread at a time.
class TimelineRows
{
public:
    // A writer's (JSON, CSV): sentences made with the report's checklist and its final
    // variables, whole however long (EventFormatter::describeWhole): those formats keep every
    // character, where a document shows at most EventFormatter::longestShown of a sentence.
    explicit TimelineRows(const PostmortemReport &report);
    // The report's own, while it is built, with its formatter.
    TimelineRows(const Checklist &checklist, const EventFormatter &formatter);
    TimelineRows(const TimelineRows &) = delete;
    TimelineRows &operator=(const TimelineRows &) = delete;

    // `described` false leaves the sentence empty (a routine event that a document folds).
    PostmortemReport::TimelineRow row(const TimelineEvent &event, bool described = true);
    QString text(const TimelineEvent &event);

private:
    const Checklist &m_checklist;
    std::optional<EventFormatter> m_own;
    const EventFormatter &m_formatter;
    const TimelineEvent *m_last = nullptr;
    bool m_whole = false;
    QString m_text;
};

} // namespace warroom
