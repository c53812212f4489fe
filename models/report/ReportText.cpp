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

namespace {

QString stepSpanAsMeasured(const PostmortemReport &r, const PostmortemReport::StepRow &step,
                           const std::optional<ScreenClock> &screens);

} // namespace

// A step not finished is measured to the last event: "13 min 00 s" read as the step's time, in an
// export made 22 minutes after that event (the demo drill, a reader who was not there).
QString stepSpan(const PostmortemReport &r, const PostmortemReport::StepRow &step,
                 const std::optional<ScreenClock> &screens)
{
    const QString measured = stepSpanAsMeasured(r, step, screens);
    if (step.actualMs < 0 || step.endedMs >= 0)
        return measured;
    return measured
           + (r.closed ? QStringLiteral(", not finished when the incident closed")
                       : QStringLiteral(" so far, not finished at the last event"));
}

namespace {

QString stepSpanAsMeasured(const PostmortemReport &r, const PostmortemReport::StepRow &step,
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

} // namespace

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
                                        "one person answering a poll for several roles, handovers "
                                        "of command and deferred items (with what became of "
                                        "them).");
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
    if (!p.held.isEmpty())
        text += QStringLiteral("; held %1").arg(p.held.join(QStringLiteral(", ")));
    if (!p.fallbackFor.isEmpty())
        text += QStringLiteral("; fallback for %1").arg(p.fallbackFor.join(QStringLiteral(", ")));
    return text;
}

QString foldedNote(const PostmortemReport &r)
{
    if (r.options.allEvents)
        return QStringLiteral("Every event is listed (--all-events).");
    qint64 folded = 0;
    qint64 rows = 0;
    for (const auto &row : r.documentRows) {
        folded += row.folded;
        rows += row.folded > 0 ? 1 : 0;
    }
    if (folded == 0)
        return QString();
    // Not "(in italics)": the PDF draws them upright, and said so (found walking a drill).
    // Events, not polls: a poll is its request and its answer, and "34 job polls and check
    // samples" stood above rows that counted 24 of them (a reader of the trouble drill).
    return QStringLiteral("%1 routine events (job polls and check samples, each a request and "
                          "its answer) are folded into %2 row(s), one per run and gate, which "
                          "say how many polls or samples there were and from when to when; "
                          "warroom export --all-events lists each, and the JSON and CSV exports "
                          "always keep every event.")
        .arg(folded)
        .arg(rows);
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
