#include "history/ChecklistHistory.h"

#include "util/ListWords.h"

#include <QHash>

#include <algorithm>

namespace warroom {

namespace {

DurationStats stepStats(const QList<IncidentFacts> &incidents, const QString &stepId)
{
    QList<DurationSample> samples;
    for (const IncidentFacts &f : incidents) {
        const auto it = f.stepMs.constFind(stepId);
        if (it != f.stepMs.cend())
            samples.append({f.id, f.declaredUtcMs, *it});
    }
    return DurationStats::compute(samples);
}

DurationStats triggerStats(const QList<IncidentFacts> &incidents)
{
    QList<DurationSample> samples;
    for (const IncidentFacts &f : incidents) {
        if (f.triggerToHealthyMs)
            samples.append({f.id, f.declaredUtcMs, *f.triggerToHealthyMs});
    }
    return DurationStats::compute(samples);
}

QString speedText(double speed)
{
    return QStringLiteral("\u00D7") + QString::number(speed, 'g', 3);
}

ChecklistHistory measure(const Checklist &checklist, QList<IncidentFacts> incidents)
{
    std::stable_sort(incidents.begin(), incidents.end(),
                     [](const IncidentFacts &a, const IncidentFacts &b) {
                         return a.declaredUtcMs != b.declaredUtcMs ? a.declaredUtcMs < b.declaredUtcMs
                                                                   : a.id < b.id;
                     });
    ChecklistHistory h;
    h.checklistId = checklist.id;
    h.revision = checklist.revision;
    h.title = checklist.title;
    for (const IncidentFacts &f : std::as_const(incidents)) {
        if (!f.isDrill())
            h.live << f;
        else if (f.isAccelerated() || f.scripted)
            h.leftOut << f;
        else
            h.drills << f;
    }
    for (const ChecklistStep &s : checklist.steps)
        h.steps.append({s.id, s.title, qRound64(s.expectedMinutes * 60'000),
                        stepStats(h.live, s.id), stepStats(h.drills, s.id)});
    h.triggerToHealthyLive = triggerStats(h.live);
    h.triggerToHealthyDrill = triggerStats(h.drills);
    return h;
}

} // namespace

QString ChecklistHistory::key(const QString &checklistId, const QString &revision,
                              const QByteArray &sha256)
{
    return checklistId + u'\n' + revision + u'\n' + QString::fromLatin1(sha256);
}

const ChecklistHistory *ChecklistHistory::find(const QList<ChecklistHistory> &histories,
                                               const Checklist &checklist)
{
    const auto it
        = std::find_if(histories.cbegin(), histories.cend(), [&](const ChecklistHistory &h) {
              return h.isRevisionOf(checklist) && h.sha256 == checklist.sourceSha256;
          });
    return it == histories.cend() ? nullptr : &*it;
}

qint64 ChecklistHistory::lastDrillUtcMs() const
{
    qint64 last = -1;
    for (const QList<IncidentFacts> *list : {&drills, &leftOut}) {
        for (const IncidentFacts &f : *list)
            last = std::max(last, f.declaredUtcMs);
    }
    return last;
}

QString ChecklistHistory::leftOutLine() const
{
    // A sped-up drill is named for its speed, scripted or not; a scripted one at real speed for
    // its script. Each reason is said once, after its incidents.
    QList<IncidentFacts> spedUp, scripted;
    for (const IncidentFacts &f : leftOut)
        (f.isAccelerated() ? spedUp : scripted) << f;
    const auto ids = [](const QList<IncidentFacts> &list) {
        QStringList out;
        for (const IncidentFacts &f : list)
            out << QStringLiteral("#%1").arg(f.id);
        return out.join(QStringLiteral(", "));
    };
    const auto drillsText = [](qsizetype n) {
        return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? QStringLiteral("drill")
                                                         : QStringLiteral("drills"));
    };
    QStringList reasons;
    if (!spedUp.isEmpty()) {
        // Grouped by speed: "2 drills at ×50 and 1 drill at ×10 left out (#4, #5, #7)".
        QList<double> speeds;
        for (const IncidentFacts &f : std::as_const(spedUp)) {
            if (!speeds.contains(f.speed))
                speeds << f.speed;
        }
        std::sort(speeds.begin(), speeds.end(), std::greater<>());
        QStringList parts;
        for (double speed : std::as_const(speeds)) {
            const auto n = std::count_if(spedUp.cbegin(), spedUp.cend(),
                                         [speed](const auto &f) { return f.speed == speed; });
            parts << QStringLiteral("%1 at %2").arg(drillsText(n), speedText(speed));
        }
        reasons << QStringLiteral("%1 left out (%2): %3 sped up")
                       .arg(joinAsList(parts), ids(spedUp),
                            spedUp.size() == 1 ? QStringLiteral("its runs were")
                                               : QStringLiteral("their runs were"));
    }
    if (!scripted.isEmpty())
        reasons << QStringLiteral("%1 played by a players' script left out (%2): the script "
                                  "answered for the people, so %3 not a team's")
                       .arg(drillsText(scripted.size()), ids(scripted),
                            scripted.size() == 1 ? QStringLiteral("its times are")
                                                 : QStringLiteral("their times are"));
    return reasons.join(QStringLiteral("; "));
}

QHash<QString, qint64> ChecklistHistory::measuredDrillMs() const
{
    QHash<QString, qint64> ms;
    for (const Step &s : steps) {
        if (!s.drill.isEmpty())
            ms.insert(s.id, s.drill.medianMs);
    }
    return ms;
}

QList<ChecklistHistory> ChecklistHistory::build(const QList<IncidentFacts> &incidents,
                                                const QHash<QString, Checklist> &checklists)
{
    QMap<QString, QList<IncidentFacts>> byKey; // ordered by checklist id, revision, content
    for (const IncidentFacts &f : incidents)
        byKey[key(f)] << f;
    QList<ChecklistHistory> out;
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it) {
        const auto checklist = checklists.constFind(it.key());
        if (checklist != checklists.cend()) {
            out << measure(*checklist, it.value());
            out.last().sha256 = it.value().constFirst().checklistSha256;
        }
    }
    for (ChecklistHistory &h : out) {
        for (const ChecklistHistory &other : std::as_const(out)) {
            if (other.checklistId == h.checklistId && other.revision == h.revision
                && other.sha256 != h.sha256)
                h.otherContents << other.sha256;
        }
    }
    return out;
}

} // namespace warroom
