#pragma once

#include "report/PostmortemRoom.h"
#include "timeline/TimelineEvent.h"

namespace warroom {

class ChecklistEngine;
class EventFormatter;

// The sentence of a line of "Key moments". Most are the timeline's sentence; a few say more
// than the event alone can, because a reader who was not there needs what came of it: how long
// warroom was away, what a NO-GO held up and when the poll went through, when a handover took
// effect, where a deferred item came back and whether it was ever resolved, and what became of
// an item whose run failed, missed, halted or whose outcome was not known.
class KeyMomentText
{
public:
    // `engine` has folded the whole timeline; `room` is PostmortemRoom::collect of it.
    // `events`, the whole timeline in order, if given, tells how an item was confirmed.
    KeyMomentText(const EventFormatter &formatter, const ChecklistEngine &engine,
                  const PostmortemRoom &room, const TimelineEvents *events = nullptr);

    // `before` is the event just before `event` in the timeline, or nullptr.
    QString describe(const TimelineEvent &event, const TimelineEvent *before) const;

private:
    QString gap(const TimelineEvent &event, const TimelineEvent &before) const;
    const PostmortemRoom::PollRow *pollRow(const TimelineEvent &event) const;
    QString pollAnswer(const TimelineEvent &event) const;
    QString noGo(const TimelineEvent &event, const PostmortemRoom::PollRow &row) const;
    QString handover(const TimelineEvent &event) const;
    QString deferral(const TimelineEvent &event) const;
    QString deferralOutcome(const TimelineEvent &event) const;
    QString runOutcome(const TimelineEvent &event) const;
    const TimelineEvent *eventAt(qint64 seq) const;

    const EventFormatter &m_formatter;
    const ChecklistEngine &m_engine;
    const PostmortemRoom &m_room;
    const TimelineEvents *m_events;
};

} // namespace warroom
