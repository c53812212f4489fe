// The Resolution section's facts: the rollback's milestones, "time from rollback trigger to
// healthy" with its definition and what went against the checklist on the way, and the steps
// finished. Apart from ReportText.cpp, whose other sentences are the document's frame.
#include "report/ReportText.h"

#include "report/KeyMoments.h"
#include "util/TimeFormat.h"

#include <algorithm>

namespace warroom::ReportText {

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
        const auto m
            = std::find_if(r.checklist.milestones.cbegin(), r.checklist.milestones.cend(),
                           [id](const ChecklistMilestone &x) { return x.id == QLatin1String(id); });
        if (m == r.checklist.milestones.cend()) {
            ends
                << QStringLiteral("(the checklist names no milestone '%1')").arg(QLatin1String(id));
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
    QStringList unfinished; // a step still under way was counted among "finished, not by the book"
    QStringList notStarted;
    for (const auto &s : r.steps) {
        const bool finished
            = s.state == QLatin1String("done") || s.state == QLatin1String("skipped");
        done += finished ? 1 : 0;
        const QString step = QStringLiteral("step %1").arg(s.number);
        // A step skipped as a whole is finished, not by the book; its note counts only items.
        const bool skipped = s.state == QLatin1String("skipped");
        const QString note
            = skipped ? (s.stateNote.isEmpty() ? QStringLiteral("skipped")
                                               : QStringLiteral("skipped, ") + s.stateNote)
                      : s.stateNote;
        if (!finished && s.startedMs >= 0)
            unfinished << (note.isEmpty() ? QStringLiteral("%1 %2").arg(step, s.state)
                                          : QStringLiteral("%1 %2: %3").arg(step, s.state, note));
        else if (!finished)
            notStarted << QString::number(s.number);
        else if (!note.isEmpty())
            notes << QStringLiteral("%1: %2").arg(step, note);
    }
    // The steps never started are named too: "not finished: step 2 active; step 4 active" read
    // as the whole list when it named 2 of 6.
    if (!notStarted.isEmpty())
        unfinished << (notStarted.size() == 1 ? QStringLiteral("step %1 not started")
                                              : QStringLiteral("steps %1 not started"))
                          .arg(notStarted.join(QStringLiteral(", ")));
    lines << QStringLiteral("%1 of %2 checklist steps finished%3%4.")
                 .arg(QString::number(done), QString::number(r.steps.size()),
                      notes.isEmpty() ? QString()
                                      : QStringLiteral(", not all by the book (")
                                            + notes.join(QStringLiteral("; ")) + u')',
                      unfinished.isEmpty() ? QString()
                                           : QStringLiteral("; not finished: ")
                                                 + unfinished.join(QStringLiteral("; ")));
    return lines.join(u'\n');
}

} // namespace warroom::ReportText
