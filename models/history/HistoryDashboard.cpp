#include "history/HistoryDashboard.h"

#include "history/HistoryText.h"

#include <QMap>

namespace warroom {

namespace {

// Empty when no rollback completed: lines() says so, and why some were not counted.
QString perClass(const QList<IncidentFacts> &incidents)
{
    QMap<QString, QList<DurationSample>> byClass;
    for (const IncidentFacts &f : incidents) {
        if (f.triggerToHealthyMs)
            byClass[f.rollbackClass.isEmpty() ? QStringLiteral("(class not chosen)")
                                              : f.rollbackClass]
                .append({f.id, f.declaredUtcMs, *f.triggerToHealthyMs});
    }
    QStringList parts;
    for (auto it = byClass.cbegin(); it != byClass.cend(); ++it) {
        const DurationStats s = DurationStats::compute(it.value());
        parts << QStringLiteral("%1: median %2 over %3 (%4)")
                     .arg(it.key(), HistoryText::span(s.medianMs))
                     .arg(s.n)
                     .arg(HistoryText::incidentList(s.incidentIds()));
    }
    return parts.join(QStringLiteral("; "));
}

// Empty when no check was resolved.
QString validation(const QList<IncidentFacts> &incidents)
{
    int measured = 0, clean = 0, byRun = 0, byHand = 0;
    QStringList handIds;
    for (const IncidentFacts &f : incidents) {
        byRun += f.checksByRun;
        byHand += f.checksByHand;
        if (f.checksByRun + f.checksByHand == 0)
            continue;
        ++measured;
        if (f.checksByHand == 0)
            ++clean;
        else
            handIds << QStringLiteral("#%1").arg(f.id);
    }
    if (measured == 0)
        return {};
    return QStringLiteral("%1 of %2 incidents (%3%) passed without manual intervention; checks "
                          "confirmed by their run %4, by hand %5%6")
        .arg(clean)
        .arg(measured)
        .arg(qRound(100.0 * clean / measured))
        .arg(byRun)
        .arg(byHand)
        .arg(handIds.isEmpty() ? QString()
                               : QStringLiteral(" (%1)").arg(handIds.join(u' ')));
}

QString coverage(const ChecklistHistory &h, qint64 nowUtcMs)
{
    // Any drill is practice, a sped-up tabletop one too, and a scripted one is a dry run of the
    // plan (seed 001's synthetic drills in CI): coverage counts them all.
    const qint64 last = h.lastDrillUtcMs();
    if (last < 0)
        return QStringLiteral("never drilled: OVERDUE (the seed asks for a drill monthly)");
    const qint64 days = HistoryText::daysSince(last, nowUtcMs);
    const qint64 left = HistoryDashboard::monthlyDays - days;
    return QStringLiteral("last drill %1%2")
        .arg(HistoryText::daysAgo(last, nowUtcMs))
        .arg(left < 0 ? QStringLiteral(": OVERDUE (monthly: every %1 days)")
                            .arg(HistoryDashboard::monthlyDays)
             : left == 0 ? QStringLiteral(" (monthly: due today)")
             : left == 1 ? QStringLiteral(" (monthly: due in 1 day)")
                         : QStringLiteral(" (monthly: due in %1 days)").arg(left));
}

QString executors(const ChecklistHistory &h)
{
    // People rotate, and a players' script signs with its own name: five nightly scripted drills
    // hid who in the team had executed one.
    QList<IncidentFacts> all = h.drills;
    for (const IncidentFacts &f : h.leftOut) {
        if (!f.scripted)
            all << f;
    }
    std::sort(all.begin(), all.end(), [](const IncidentFacts &a, const IncidentFacts &b) {
        return a.declaredUtcMs > b.declaredUtcMs;
    });
    QStringList parts;
    for (const IncidentFacts &f : all.first(std::min<qsizetype>(5, all.size())))
        parts << QStringLiteral("#%1 %2").arg(f.id).arg(
            f.executors.isEmpty() ? QStringLiteral("(not started)")
                                  : f.executors.join(QStringLiteral(", ")));
    if (!parts.isEmpty())
        return parts.join(QStringLiteral("; "));
    // Coverage above says "last drill today" of a scripted one: "no drill yet" contradicted it.
    QStringList scripted;
    for (const IncidentFacts &f : h.leftOut) {
        if (f.scripted)
            scripted << QStringLiteral("#%1").arg(f.id);
    }
    return scripted.isEmpty()
               ? QStringLiteral("no drill yet")
               : QStringLiteral("no drill people played yet (a players' script played %1)")
                     .arg(scripted.join(u' '));
}

// Medians over the incidents that recorded both impact start and detection, so the two figures
// describe the same incidents.
QString detectVersusRollback(const QList<IncidentFacts> &incidents)
{
    QList<qint64> detect, rollback;
    QList<qint64> ids;
    for (const IncidentFacts &f : incidents) {
        if (!f.timeToDetectMs || !f.triggerToHealthyMs)
            continue;
        detect << *f.timeToDetectMs;
        rollback << *f.triggerToHealthyMs;
        ids << f.id;
    }
    if (ids.isEmpty())
        return QStringLiteral("not recorded (no incident with a rollback declared its impact-start "
                              "and detection times)");
    return QStringLiteral("median %1 to detect vs %2 from trigger to healthy, over %3 (%4)")
        .arg(HistoryText::span(DurationStats::median(detect)),
             HistoryText::span(DurationStats::median(rollback)))
        .arg(ids.size())
        .arg(HistoryText::incidentList(ids));
}

} // namespace

QStringList HistoryDashboard::lines(const ChecklistHistory &h, qint64 nowUtcMs)
{
    const QList<IncidentFacts> counted = h.drills + h.live;
    // "no rollback completed yet" beside "Executed the last drills: #1" read as if the drill had
    // done nothing, when it was only left out for its speed or its script.
    const QString leftOut
        = h.leftOut.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(h.leftOutLine());
    const auto orNone = [&leftOut](const QString &text, const char *none) {
        return text.isEmpty() ? QLatin1String(none) + leftOut : text;
    };
    return {QStringLiteral("Duration per rollback class (trigger → healthy): ")
                + orNone(perClass(counted), "no rollback completed yet"),
            QStringLiteral("Validation: ") + orNone(validation(counted), "no check resolved yet"),
            QStringLiteral("Drill coverage: ") + coverage(h, nowUtcMs),
            QStringLiteral("Executed the last drills (newest first): ") + executors(h),
            QStringLiteral("Time to detect vs time to rollback: ") + detectVersusRollback(counted)};
}

} // namespace warroom
