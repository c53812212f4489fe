#include "report/ReportText.h"
#include "report/ReportChart.h"

#include "timeline/ScreenClock.h"
#include "util/TimeFormat.h"

#include <algorithm>

namespace warroom::ReportText {

QString duration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("\u2014");
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0'));
}

QString speedNote(const PostmortemReport &r)
{
    return r.drillSpeed > 1 ? QStringLiteral(" (drill at \u00D7%1 speed)")
                                  .arg(QString::number(r.drillSpeed, 'g', 3))
                            : QString();
}

QString span(const PostmortemReport &r, qint64 ms)
{
    return ms < 0 ? duration(ms) : duration(ms) + speedNote(r);
}

QString commanderLine(const PostmortemReport &r)
{
    const QList<PostmortemRoom::CommandRow> &periods = r.room.commandPeriods;
    if (periods.size() < 2)
        return r.incident.commander;
    QStringList turns{periods.first().commander};
    for (qsizetype i = 1; i < periods.size(); ++i)
        turns << QStringLiteral("%1 from %2")
                     .arg(periods.at(i).commander,
                          momentTime(screensClock(r), periods.at(i).fromMs));
    return turns.join(QStringLiteral(", then "));
}

QString statusLine(const PostmortemReport &r)
{
    return r.closed ? QStringLiteral("closed %1 after declaration").arg(span(r, r.durationMs))
                    : QStringLiteral("still open at export; last event %1 after declaration")
                          .arg(span(r, r.durationMs));
}

namespace {

// "chain BROKEN at event 2: …" in capitals where a document shouts it (it was prefixed with
// "CHAIN BROKEN: " and read "CHAIN BROKEN: chain BROKEN …").
QString loudSummary(const ChainReport &chain)
{
    const QString said = chain.summary();
    const QString quiet = QStringLiteral("chain BROKEN");
    return said.startsWith(quiet) ? said.toUpper().left(quiet.size()) + said.mid(quiet.size())
                                  : QStringLiteral("CHAIN BROKEN: ") + said;
}

// The room recorded it after the drill's end: the runner's own end note, and its close of a
// scripted drill a few ms later, are its end (every headless drill's postmortem said otherwise).
bool recordedAfterEnd(const ScreenClock &clock, qint64 elapsedMs, const QString &actor)
{
    return clock.isAfterEnd(elapsedMs) && actor != ScreenClock::facilitator;
}

} // namespace

std::optional<ScreenClock> screensClock(const PostmortemReport &r)
{
    // By the record's mode, which the chain's genesis covers: a LIVE incident has no drill clock
    // whatever its notes or its declaration's payload say.
    if (!r.isDrill())
        return std::nullopt;
    ScreenClock clock = ScreenClock::fromEvents(r.events);
    if (!clock.isShifted() || r.events.isEmpty())
        return std::nullopt;
    return clock;
}

QString stepSpan(const PostmortemReport &r, const PostmortemReport::StepRow &step,
                 const std::optional<ScreenClock> &screens)
{
    // An older timeline's clock (pauses only, no runner's drill clock) is real time: said as is.
    if (step.actualMs < 0 || step.startedMs < 0 || !screens || !screens->isDrillClock())
        return span(r, step.actualMs);
    const qint64 end = step.endedMs >= 0 ? step.endedMs : step.startedMs + step.actualMs;
    const qint64 shown = screens->shownMs(end) - screens->shownMs(step.startedMs);
    if (duration(shown) == duration(step.actualMs)) // "3 s (3 s on …)" says nothing
        return span(r, step.actualMs);
    const QString onClock = duration(shown) + QStringLiteral(" on the screens' drill clock");
    return duration(step.actualMs)
           + (r.drillSpeed > 1 ? QStringLiteral(" (drill at \u00D7%1 speed; %2)")
                                     .arg(QString::number(r.drillSpeed, 'g', 3), onClock)
                               : QStringLiteral(" (%1)").arg(onClock));
}

QString screensTime(const std::optional<ScreenClock> &screens, qint64 elapsedMs,
                    const QString &actor)
{
    if (!screens || elapsedMs < 0)
        return {};
    // After the end the screens' clock stood still at the end's T+ (ScreenClock::shownMs), and
    // the time says so: two moments at one T+ must not read as one.
    return (screens->isDrillClock() ? QStringLiteral("drill ") : QStringLiteral("screens "))
           + screens->shownText(elapsedMs)
           + (recordedAfterEnd(*screens, elapsedMs, actor)
                  ? QStringLiteral(", after the drill's end")
                  : QString());
}

QString momentTime(const std::optional<ScreenClock> &screens, qint64 elapsedMs,
                   const QString &actor)
{
    const QString shown = screensTime(screens, elapsedMs, actor);
    return shown.isEmpty() ? formatElapsed(elapsedMs)
                           : QStringLiteral("%1 (%2)").arg(formatElapsed(elapsedMs), shown);
}

namespace {

// "the ×20 drill clock, its pause left out", "real time with its 2 pauses left out".
QString clockName(const ScreenClock &clock)
{
    const int pauses = clock.pauseCount();
    const QString paused
        = pauses == 1 ? QStringLiteral("its pause") : QStringLiteral("its %1 pauses").arg(pauses);
    if (!clock.isDrillClock())
        return QStringLiteral("real time with %1 left out").arg(paused);
    return (clock.speed() > 1 ? QStringLiteral("the \u00D7%1 drill clock")
                                    .arg(QString::number(clock.speed(), 'g', 3))
                              : QStringLiteral("the drill clock"))
           + (pauses > 0 ? QStringLiteral(", %1 left out").arg(paused) : QString());
}

// Whether the runner's end stopped the screens' clock within the incident: an end at or past
// the last event (a forged one) stopped nothing the incident reached.
bool endStopped(const ScreenClock &clock, const PostmortemReport &r)
{
    return clock.hasEnded() && clock.endedAt() <= r.durationMs;
}

} // namespace

QString screensClockLine(const PostmortemReport &r)
{
    const std::optional<ScreenClock> screens = screensClock(r);
    if (!screens)
        return {};
    const ScreenClock &clock = *screens;
    const QString shown = clockName(clock);
    // Where the screens stopped: a drill's at its runner's end (ScreenClock::liveAt). A ×10
    // drill closed four seconds after its end read forty seconds of drill time past what every
    // screen had shown.
    const qint64 at = clock.liveAt(r.durationMs);
    return QStringLiteral("T+ in this document is real time since the declaration. The room's "
                          "screens showed %1, which read %2 %3 (real %4).%5")
        .arg(shown, clock.shownText(at),
             endStopped(clock, r)
                 ? clock.endedWithoutRunner()
                       ? QStringLiteral("when a screen found its runner gone and ended the "
                                        "drill")
                       : QStringLiteral("when its runner ended the drill")
             : r.closed ? QStringLiteral("when the incident closed")
                        : QStringLiteral("at the last event"),
             formatElapsed(at),
             // Said where a key moment is so marked (a plain note or close has no marker).
             std::any_of(
                 r.keyMoments.cbegin(), r.keyMoments.cend(),
                 [&clock](const auto &k) { return recordedAfterEnd(clock, k.elapsedMs, k.actor); })
                 ? QStringLiteral(" Their clock stood still from then on: a key moment after "
                                  "the end has that T+ beside its own, marked \"after the "
                                  "drill's end\".")
                 : QString());
}

// Said in the caption's own paragraph: the PDF keeps the heading and the one paragraph before
// the chart with it (KeepWithNext), and a second one left them at the foot of a page.
QString chartAxisSentences(const PostmortemReport &r, const ReportChart::Postmortem &drawn)
{
    QString out;
    if (const std::optional<ScreenClock> &screens = drawn.screens) {
        out = QStringLiteral(" The chart's time axis is the clock the room's screens and its own "
                             "chart showed: %1; T+ and durations in the text are real time since "
                             "the declaration.")
                  .arg(clockName(*screens));
        // As on the screens, what came after the runner's end is drawn at the end's T+.
        if (endStopped(*screens, r))
            out += QStringLiteral(" That clock stood still from the drill's end, at %1: what "
                                  "came after it is drawn there.")
                       .arg(screens->shownText(screens->endedAt()));
    }
    if (drawn.axisEndMs > 0)
        out += QStringLiteral(" The time axis ends at %1, shortly after the last thing that "
                              "happened; the plan runs on to %2, past its right edge (\u2192).")
                   .arg(formatElapsed(drawn.axisEndMs), formatElapsed(drawn.geometry.extentMs));
    return out;
}

QString chainLine(const PostmortemReport &r)
{
    return r.chain.intact ? QStringLiteral("%1 events, chain head %2")
                                .arg(r.chain.eventCount)
                                .arg(QString::fromLatin1(r.chain.headHash))
                          : loudSummary(r.chain);
}

QString sliceLine(const PostmortemReport &r)
{
    if (!r.options.fromMs && !r.options.toMs)
        return QStringLiteral("the whole timeline");
    return QStringLiteral("%1 to %2")
        .arg(r.options.fromMs ? formatElapsed(*r.options.fromMs) : QStringLiteral("declaration"),
             r.options.toMs ? formatElapsed(*r.options.toMs) : QStringLiteral("the end"));
}

QString triggerToHealthy(const PostmortemReport &r)
{
    if (r.rollbackStartMs && r.rollbackCompleteMs)
        return span(r, *r.rollbackCompleteMs - *r.rollbackStartMs);
    return QStringLiteral("not measured (rollback %1)")
        .arg(r.rollbackStartMs ? QStringLiteral("not complete") : QStringLiteral("not started"));
}

QString triggerToHealthyDefinition(const PostmortemReport &r)
{
    QStringList ends;
    for (const char *id : {"rollback-start", "rollback-complete"}) {
        const auto m = std::find_if(r.checklist.milestones.cbegin(), r.checklist.milestones.cend(),
                                    [id](const ChecklistMilestone &x) {
                                        return x.id == QLatin1String(id);
                                    });
        if (m == r.checklist.milestones.cend()) {
            ends << QStringLiteral("(the checklist names no milestone '%1')")
                        .arg(QLatin1String(id));
            continue;
        }
        const int i = r.checklist.stepIndex(m->stepId);
        ends << QStringLiteral("step %1 \u201c%2\u201d %3 (milestone \u201c%4\u201d)")
                    .arg(i + 1)
                    .arg(i >= 0 ? r.steps.value(i).title : m->stepId,
                         m->when == ChecklistMilestone::When::Started ? QStringLiteral("started")
                                                                      : QStringLiteral("done"),
                         m->label);
    }
    QString text = QStringLiteral("Measured from the moment %1 to the moment %2, as the timeline "
                                  "recorded them")
                       .arg(ends.value(0), ends.value(1));
    if (r.awayMs > 0)
        text += QStringLiteral("; it includes any time warroom was not running (%1 in all)")
                    .arg(duration(r.awayMs));
    return text + u'.';
}

// What went against the checklist between the two milestones: "healthy" is the milestone as
// people reached it, and a reader took it for a measured state while the ramp's last weight was
// 0 % and the item was skipped (the trouble drill). Empty when nothing did.
QString triggerToHealthyCaveat(const PostmortemReport &r)
{
    // A slice's key moments are its own, the milestones the whole timeline's: a slice from
    // T+00:23:00 named only the skip (the review helper), so a slice says nothing here.
    if (!r.rollbackStartMs || !r.rollbackCompleteMs || r.options.fromMs || r.options.toMs)
        return {};
    static constexpr KeyMoment against[]
        = {KeyMoment::StepFailed,  KeyMoment::RunFailed,      KeyMoment::RunStopped,
           KeyMoment::CheckMissed, KeyMoment::RampHalted,     KeyMoment::WeightSetBack,
           KeyMoment::RunCutShort, KeyMoment::OutcomeUnknown, KeyMoment::Skip,
           KeyMoment::ByHand,      KeyMoment::NoGo,           KeyMoment::Override};
    // Each kind once, in the order it first happened: six hand confirmations are one entry.
    QList<QPair<KeyMoment, QList<qint64>>> kinds;
    for (const auto &k : r.keyMoments) {
        if (k.elapsedMs < *r.rollbackStartMs || k.elapsedMs > *r.rollbackCompleteMs
            || std::find(std::begin(against), std::end(against), k.kind) == std::end(against))
            continue;
        auto it = std::find_if(kinds.begin(), kinds.end(),
                               [&k](const auto &x) { return x.first == k.kind; });
        if (it == kinds.end())
            kinds.append({k.kind, {k.elapsedMs}});
        else
            it->second.append(k.elapsedMs);
    }
    if (kinds.isEmpty())
        return {};
    QStringList parts;
    for (const auto &[kind, times] : std::as_const(kinds)) {
        parts << (times.size() == 1
                      ? QStringLiteral("%1 at %2")
                            .arg(keyMomentName(kind), formatElapsed(times.first()))
                      : QStringLiteral("%1 %2 times, from %3 to %4")
                            .arg(keyMomentName(kind))
                            .arg(times.size())
                            .arg(formatElapsed(times.first()), formatElapsed(times.last())));
    }
    return QStringLiteral("On the way there: %1 (see Key moments). \u201cHealthy\u201d here is the "
                          "milestone as people reached it, not a state warroom measured.")
        .arg(parts.join(QStringLiteral("; ")));
}

QString resolutionFacts(const PostmortemReport &r)
{
    QStringList lines;
    for (const auto &d : r.decisions)
        lines << QStringLiteral("%1: %2 (%3, %4).")
                     .arg(d.question, d.answer, d.actor, formatElapsed(d.atMs));
    if (r.rollbackStartMs)
        lines << QStringLiteral("Rollback started at %1.").arg(formatElapsed(*r.rollbackStartMs));
    if (r.rollbackCompleteMs)
        lines
            << QStringLiteral("Rollback complete at %1.").arg(formatElapsed(*r.rollbackCompleteMs));
    lines << QStringLiteral("Time from rollback trigger to healthy: %1. %2")
                 .arg(triggerToHealthy(r), triggerToHealthyDefinition(r));
    if (const QString caveat = triggerToHealthyCaveat(r); !caveat.isEmpty())
        lines << caveat;
    int done = 0;
    QStringList notes;
    for (const auto &s : r.steps) {
        done += s.state == QLatin1String("done") || s.state == QLatin1String("skipped");
        if (!s.stateNote.isEmpty())
            notes << QStringLiteral("step %1: %2").arg(QString::number(s.number), s.stateNote);
    }
    lines << QStringLiteral("%1 of %2 checklist steps finished%3.")
                 .arg(QString::number(done), QString::number(r.steps.size()),
                      notes.isEmpty() ? QString()
                                      : QStringLiteral(", not all by the book (")
                                            + notes.join(QStringLiteral("; ")) + u')');
    return lines.join(u'\n');
}

QString rolesLine(const PostmortemReport &r)
{
    QStringList roles;
    for (const ChecklistRole &role : r.checklist.roles)
        roles << role.title;
    return roles.isEmpty() ? QStringLiteral("none named") : roles.join(QStringLiteral(", "));
}

QString keyMomentsIntro(const PostmortemReport &r)
{
    const auto isEnd = [](const auto &m) {
        return m.kind == KeyMoment::DrillEnded || m.kind == KeyMoment::DrillClosed;
    };
    const auto isClose = [](const auto &m) {
        return m.kind == KeyMoment::DrillClosed;
    };
    const bool closed = std::any_of(r.keyMoments.cbegin(), r.keyMoments.cend(), isClose);
    // A drill whose only moment is its end: "What went wrong" stood above a single "the drill
    // passed" row, where a drill with no end note says nothing went wrong.
    // Not in a slice: its runs may have failed before it.
    const bool onlyTheEnd = !r.options.fromMs && !r.options.toMs && !r.keyMoments.isEmpty()
                            && std::all_of(r.keyMoments.cbegin(), r.keyMoments.cend(), isEnd);
    QString text = onlyTheEnd && closed
                       ? QStringLiteral("No run failed, and nothing was skipped or went against "
                                        "the checklist's order. Whether the drill passed is its "
                                        "runner's verdict, which is not in this timeline: the "
                                        "room closed the incident before the runner ended the "
                                        "drill (below).")
                   : onlyTheEnd
                       ? QStringLiteral("No run failed, and nothing was skipped or went against "
                                        "the checklist's order. Whether the drill passed is its "
                                        "runner's verdict, below: what its scenario expects "
                                        "includes what the room did not do, or not in time.")
                       : QStringLiteral("What went wrong or went against the checklist, in the "
                                        "order it happened: failed and halted runs, unknown "
                                        "outcomes and how they were resolved, stops of warroom, "
                                        "overrides, skips, confirmations by hand, NO-GO answers, "
                                        "handovers of command and deferred items (with what "
                                        "became of them).");
    if (std::any_of(r.keyMoments.cbegin(), r.keyMoments.cend(),
                    [](const auto &m) { return m.kind == KeyMoment::FaultInjected; }))
        text += QStringLiteral(" Each fault the drill sent to its backend is listed where it was "
                               "sent: what fails after it is the drill's doing, not a "
                               "regression, unless a later line says the backend did not take "
                               "it.");
    if (!onlyTheEnd && closed)
        text += QStringLiteral(" The room closed the incident before the drill's runner ended "
                               "the drill: its verdict on what the scenario expects is not in "
                               "this timeline.");
    else if (!onlyTheEnd && std::any_of(r.keyMoments.cbegin(), r.keyMoments.cend(), isEnd))
        text += QStringLiteral(" The drill's end is listed with its runner's verdict: whether "
                               "the room did what its scenario expects.");
    if (r.drillSpeed > 1)
        text += QStringLiteral(" This drill ran at \u00D7%1 speed: its runs' waits, polls and "
                               "holds were %1 times shorter than they would be live (HTTP "
                               "requests and their time limits ran in real time).")
                    .arg(QString::number(r.drillSpeed, 'g', 3));
    if (const std::optional<ScreenClock> screens = screensClock(r))
        text += screens->isDrillClock()
                    ? QStringLiteral(" Beside each T+, the drill clock the room's screens showed.")
                    : QStringLiteral(" Beside each T+, the T+ the room's screens showed, pauses "
                                     "left out.");
    return text;
}

QStringList keyMomentColumns()
{
    return {QStringLiteral("T+"), QStringLiteral("Who"), QStringLiteral("What"),
            QStringLiteral("Details")};
}

QString noKeyMoments()
{
    return QStringLiteral("Nothing failed, was skipped or went against the checklist's order.");
}

QString personLine(const PostmortemReport::Person &p)
{
    QString text = p.name + QStringLiteral(": ");
    text += p.eventsSigned > 0 ? QStringLiteral("signed %1 event(s)").arg(p.eventsSigned)
                               : QStringLiteral("signed no event");
    if (!p.secondPersonFor.isEmpty())
        text += QStringLiteral("; second person for %1")
                    .arg(p.secondPersonFor.join(QStringLiteral(", ")));
    return text;
}

QString foldedNote(const PostmortemReport &r)
{
    if (r.options.allEvents)
        return QStringLiteral("Every event is listed (--all-events).");
    qint64 folded = 0;
    for (const auto &row : r.documentRows)
        folded += row.folded;
    if (folded == 0)
        return QString();
    // Not "(in italics)": the PDF draws them upright, and said so (found walking a drill).
    return QStringLiteral("%1 job polls and check samples are folded into one row per run, which "
                          "says how many there were and from when to when; warroom export "
                          "--all-events lists each, and the JSON and CSV exports always keep "
                          "every event.")
        .arg(folded);
}

QStringList sectionsBeforeResolution()
{
    return {QStringLiteral("Summary"), QStringLiteral("Impact"), QStringLiteral("Root causes"),
            QStringLiteral("Trigger")};
}

QStringList lessonsLearned()
{
    return {QStringLiteral("What went well"), QStringLiteral("What went wrong"),
            QStringLiteral("Where we got lucky")};
}

QStringList actionItemColumns()
{
    return {QStringLiteral("Action item"), QStringLiteral("Type"), QStringLiteral("Owner"),
            QStringLiteral("Bug")};
}

QStringList actionItemTypes()
{
    return {QStringLiteral("prevent"), QStringLiteral("mitigate"), QStringLiteral("process")};
}

QStringList timelineColumns()
{
    return {QStringLiteral("UTC"), QStringLiteral("T+"), QStringLiteral("Who"),
            QStringLiteral("Event")};
}

QStringList stepColumns()
{
    return {QStringLiteral("#"),
            QStringLiteral("Step"),
            QStringLiteral("Owner"),
            QStringLiteral("State"),
            QStringLiteral("Planned"),
            QStringLiteral("Actual"),
            QStringLiteral("Confirmed by"),
            QStringLiteral("Overrides and skips")};
}

QStringList runColumns()
{
    return {QStringLiteral("#"),          QStringLiteral("Item"),
            QStringLiteral("Kind"),       QStringLiteral("Outcome"),
            QStringLiteral("Runs"),       QStringLiteral("Requests (last run)"),
            QStringLiteral("Last value"), QStringLiteral("Last answer")};
}

QString noDecisions()
{
    return QStringLiteral("No choice was recorded.");
}

QString noRuns()
{
    return QStringLiteral("This checklist has no actions, checks or ramps.");
}

} // namespace warroom::ReportText
