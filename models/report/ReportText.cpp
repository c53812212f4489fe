#include "report/ReportText.h"

#include "util/TimeFormat.h"

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

QString statusLine(const PostmortemReport &r)
{
    return r.closed ? QStringLiteral("closed %1 after declaration").arg(duration(r.durationMs))
                    : QStringLiteral("still open at export; last event %1 after declaration")
                          .arg(duration(r.durationMs));
}

QString chainLine(const PostmortemReport &r)
{
    return r.chain.intact ? QStringLiteral("%1 events, chain head %2")
                                .arg(r.chain.eventCount)
                                .arg(QString::fromLatin1(r.chain.headHash))
                          : QStringLiteral("CHAIN BROKEN: %1").arg(r.chain.summary());
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
        return duration(*r.rollbackCompleteMs - *r.rollbackStartMs);
    return QStringLiteral("not measured (rollback %1)")
        .arg(r.rollbackStartMs ? QStringLiteral("not complete") : QStringLiteral("not started"));
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
    lines << QStringLiteral("Time from rollback trigger to healthy: %1.").arg(triggerToHealthy(r));
    int done = 0;
    for (const auto &s : r.steps)
        done += s.state == QLatin1String("done") || s.state == QLatin1String("skipped");
    lines << QStringLiteral("%1 of %2 checklist steps finished.").arg(done).arg(r.steps.size());
    return lines.join(u'\n');
}

QString rolesLine(const PostmortemReport &r)
{
    QStringList roles;
    for (const ChecklistRole &role : r.checklist.roles)
        roles << role.title;
    return roles.isEmpty() ? QStringLiteral("none named") : roles.join(QStringLiteral(", "));
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
    return {QStringLiteral("#"),          QStringLiteral("Item"),       QStringLiteral("Kind"),
            QStringLiteral("Outcome"),    QStringLiteral("Runs"),       QStringLiteral("Requests"),
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
