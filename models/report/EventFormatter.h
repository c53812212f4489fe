#pragma once

#include "checklist/Checklist.h"
#include "engine/AutomationStatus.h"
#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"
#include "util/TimeFormat.h"

#include <optional>

namespace warroom {

// Turns a stored event into the sentence a person reads in the timeline and the postmortem.
// Keeps the last item's text it made (a run's events follow one another), so one formatter is
// for one thread at a time.
class ScreenClock;

class EventFormatter
{
public:
    EventFormatter(const Checklist &checklist, const QMap<QString, QString> &variables);

    QString describe(const TimelineEvent &event) const;
    // The sentence whole, however long: for the JSON and CSV exports, which keep every character.
    QString describeWhole(const TimelineEvent &event) const;
    // The most of one event's sentence a screen or a document shows, the words saying what was
    // left out included (OneLine::shownStart); describeWhole gives it all. The longest note the
    // engine takes (10,000 characters) with "Private note: " before it shows whole; a reason has
    // no bound, and a row forged into the file or the server may hold anything: a note of 100 MB
    // took the PDF export 9 s and 2.2 GB (its cells were cut, but only after every sentence was
    // made whole), made the Markdown 100 MB and drew a blank cell in the window. The PDF's cells
    // and the documents' other texts (DocumentText) cut at the same length, so a sentence cut
    // here is not cut again there with a count of its own.
    static constexpr qsizetype longestShown = 10'016;
    // The words after such a cut, in every screen and document alike.
    static constexpr QStringView keptWhole = u"the JSON export keeps them all";
    // How a sentence writes a T+ inside it ("… opened at T+…"): a screen gives the clock its T+
    // column shows (a drill's runner clock), so the sentence and its row's time agree. Without
    // one, formatElapsed: the real time since the declaration, as the postmortem writes every
    // time (and says a drill's speed beside them).
    void setTimeText(TimeText timeText) { m_timeText = std::move(timeText); }
    // True for events that went against the checklist's order or skipped something: the UI and
    // exports show them so that no override is silent.
    static bool isOverride(const TimelineEvent &event);
    // A fault the drill's runner sent to its backend (or its refusal): never announced to the
    // room, and its note names it ("fault {"job_fails":true}"), so the players' screens must
    // not show it while the drill runs: the console's timeline reads hiddenFaultText instead,
    // the wall leaves it out. The record and the facilitator's window keep it whole.
    static bool isDrillFault(const TimelineEvent &event);
    static QString hiddenFaultText();
    // Whether the room's screens show a drill's faults now: not a drill, or its runner ended it,
    // or the incident is closed. Decided here once for the console's timeline, its Gantt's note
    // tooltips and the wall.
    static bool faultsShown(IncidentMode mode, const ScreenClock &clock, bool closed);
    // `text` in curly double quotes. Quotation marks inside it become single ones, as a quote
    // within a quote is written, so a checklist text that quotes ("Rollback start" marker) never
    // reads as two quotes in a row, on screen or in CSV, where a straight one would be doubled.
    static QString quoted(const QString &text);
    // When warroom was opened again, for an incident.resumed (its opened_ms), if it is believed:
    // a time from the declaration up to, not including, the first command that recorded it. The
    // timeline's row and the key moments' gap line both read it here, so they never disagree.
    static std::optional<qint64> reopenedAt(const TimelineEvent &event);
    // An item's text, variables expanded, quoted: “Write rate measured at zero”.
    QString itemText(const QString &stepId, const QString &itemId) const;
    // Step 8 “Capture audit trail, …”, or step 'id' for a step not in the checklist.
    QString stepName(const QString &stepId) const;

private:
    QString describeIncident(const TimelineEvent &event) const;
    QString describeStep(const TimelineEvent &event) const;
    QString describeConfirmation(const TimelineEvent &event) const;
    QString describeRun(const TimelineEvent &event) const;
    // role.assigned, command.handed_over, poll.*, item.deferred (EventFormatterRoom.cpp).
    QString describeRoom(const TimelineEvent &event) const;
    static QString describeRequest(const QJsonObject &payload, const QString &reason);
    static QString describeResponse(const QJsonObject &payload);
    static QString describeSample(const QJsonObject &payload);
    static QString raw(const TimelineEvent &event);

    const Checklist &m_checklist;
    const QMap<QString, QString> &m_variables;
    // The last itemText() and the variables it was made with: a copy that shares the map, so
    // any change to the variables (a new map, or one written in place) tells it is stale.
    struct LastItem
    {
        QString stepId;
        QString itemId;
        QMap<QString, QString> variables;
        QString text;
    };
    mutable LastItem m_lastItem;
    TimeText m_timeText;
};

} // namespace warroom
