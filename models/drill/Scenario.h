#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace warroom {

struct Checklist;

// A moment on the drill clock: a fixed time ("at": "T+0:12:00"), or a time after an event of the
// drill ("on": "step-started:reenable", "after": "0:00:30"). Resolved by the DrillRunner as the
// events happen, in drill time, so a pause (a later facilitation feature) moves nothing.
struct DrillMoment
{
    enum class Event { None, StepStarted, StepDone, RunStarted, ItemDone, Inject };
    qint64 atMs = -1; // with Event::None: the drill time
    Event event = Event::None;
    QString target;     // step id, "step/item", or an inject id
    qint64 afterMs = 0; // after the event, in drill time

    QString describe() const; // "T+0:12:00", "0:00:30 after step reenable started"
};

// Something the facilitator throws into the drill.
struct DrillInject
{
    QString id;
    DrillMoment when;
    QJsonObject fault; // keys of the drill backend's POST /api/faults
    QString message;   // a message to the room, recorded as a note
    QString toRole;    // the role it is addressed to (a checklist role id), may be empty

    // Whom it reaches: "the backend" for a fault (the debrief's inject table said "the room" of
    // a fault the room was never told of), else the role's title or "the room".
    QString recipient(const Checklist &checklist) const;
};

// One line of the players' script: who answers what, with what, after how long. What it answers
// is named generically, so new kinds of questions (a go/no-go poll) are answered by the same
// script: kind "item" (confirm, or skip with a reason), "choice" (value), "two-person" (the
// second person of an irreversible action), "poll" (a poll by id, value).
struct DrillAct
{
    enum class Kind { Item, Choice, TwoPerson, Poll };
    Kind kind = Kind::Item;
    QString target; // "step/item", or a poll id
    QString actor;  // who does it; empty: the script's default actor
    QString value;  // the choice or poll answer
    bool skip = false;
    QString reason;      // for a skip
    qint64 afterMs = -1; // delay after the question is open; -1: the script's default

    static QString kindName(Kind kind);
};

struct DrillPlayers
{
    QString actor = QStringLiteral("drill bot");
    QString secondPerson = QStringLiteral("drill partner");
    qint64 afterMs = 15'000; // default delay before an act, in drill time
    QList<DrillAct> acts;

    // The act for this kind and target, or nullptr (the defaults then apply).
    const DrillAct *find(DrillAct::Kind kind, const QString &target) const;
};

// What the scenario expects of the drill. Each becomes a test case of the JUnit report.
struct DrillExpectation
{
    enum class Kind { StepDoneBy, RunOutcome, DrillOutcome };
    QString id;
    Kind kind = Kind::StepDoneBy;
    QString target;       // step id, or "step/item" for RunOutcome
    qint64 byMs = -1;     // StepDoneBy: drill time
    QString outcome;      // RunOutcome: succeeded|failed|halted|unknown; drill: completed|stopped
    qint64 withinMs = -1; // RunOutcome: within this long of the inject
    QString ofInject;     // RunOutcome: the inject the time counts from

    QString describe() const;
};

// A capability the scenario names for the facilitator to rate (HSEEP's P / S / M / U), over
// the steps that exercise it: "halt on a bad signal" over re-enable and validate.
struct DrillCapability
{
    QString id;   // unlike any step id: a rating names one or the other
    QString name; // one line, in words
    QStringList steps;
};

// A drill: the checklist and its variables, where the backend is, what is injected when, how the
// players answer, and what must come out of it. Read by ScenarioParser.
struct Scenario
{
    static constexpr int currentFormat = 1;

    QString file; // where it was read from; empty for one made from the command line
    QString id;
    QString title;
    QString description;
    QStringList objectives; // what the drill is to teach, for the facilitator and the debrief
    QString checklistPath;  // as resolved: a file or a Qt resource
    QMap<QString, QString> variables;
    QString commander = QStringLiteral("drill bot");
    bool bundledBackend = true;
    QStringList urlVariables = {QStringLiteral("backend"), QStringLiteral("prometheus")};
    QJsonObject initialFaults; // bundled backend: its scenario at start
    QString faultsUrl;         // external backend: where POST /api/faults goes
    double drillSpeed = 0;     // 0: not set (the command line's, else 1)
    qint64 deadlineMs = -1;    // drill time; -1: three times the checklist's expected minutes
    DrillPlayers players;
    QList<DrillInject> injects;
    QList<DrillExpectation> expectations;
    QList<DrillCapability> capabilities;

    const DrillInject *inject(const QString &injectId) const;
    const DrillCapability *capability(const QString &capabilityId) const;
    // The capabilities a step exercises, in the scenario's order.
    QList<DrillCapability> capabilitiesOf(const QString &stepId) const;
};

} // namespace warroom
