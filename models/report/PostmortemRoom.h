#pragma once

#include "timeline/TimelineEvent.h"

#include <QList>
#include <QString>

namespace warroom {

class ChecklistEngine;

// What a postmortem says about the people in the room (PostmortemReport::room): who held which
// role from when to when, who commanded when, every go/no-go poll answer and every deferral, the
// ones still open at the end being action items. Filled by collect() from the incident's whole
// timeline.
struct PostmortemRoom
{
    // One holding of a role: a role handed on mid-incident has a row for each of its holders.
    struct RoleRow
    {
        QString role; // its title
        QString person; // empty: never held
        QString fallback;
        qint64 fromMs = -1; // elapsed; -1 when never held
        qint64 toMs = -1;   // -1: to the end
    };
    struct CommandRow
    {
        QString commander;
        qint64 fromMs = 0;
        qint64 toMs = -1; // -1: to the end
        QString briefing; // the briefing they were handed, one "Situation: …" line per part
    };
    struct PollRow
    {
        int stepNumber = 0;
        QString item;
        int round = 0;
        QString role;
        QString person;
        bool go = false;
        QString reason;
        qint64 atMs = 0;
        qint64 seq = 0;  // the poll.answered event
        QString itemKey; // "step/item": the rounds of one item's poll
        // The roles this person had already answered for in this round (titles): a poll is
        // meant to hear each role's own voice, and one person took a second role mid-poll and
        // answered for both, which read as two people saying GO.
        QStringList alsoAnsweredAs;
    };
    struct DeferralRow
    {
        int stepNumber = 0;
        QString item;
        QString target; // "step 8 (…)" or "follow-ups"
        QString reason;
        QString actor;
        qint64 atMs = 0;
        bool open = false; // still open at the end: an action item
    };

    QList<RoleRow> roles;
    QList<CommandRow> commandPeriods;
    QList<PollRow> polls;
    QList<DeferralRow> deferrals;

    static PostmortemRoom collect(const ChecklistEngine &engine, const TimelineEvents &events);
};

} // namespace warroom
