#include "facilitation/Debrief.h"

#include "facilitation/DebriefChart.h"
#include "gantt/SchedulePlanner.h"
#include "history/ChecklistHistory.h"
#include "history/HistoryLoader.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"
#include "timeline/ScreenClock.h"

namespace warroom {

namespace {

// The newest drill with a facilitation record.
std::optional<qint64> newestFacilitated(const TimelineStore &store, QString *error)
{
    const auto list = store.incidents(error);
    if (!list)
        return std::nullopt;
    for (const IncidentSummary &i : *list) { // newest first
        if (i.mode != IncidentMode::Drill)
            continue;
        const auto entries = store.facilitation(i.id, error);
        if (!entries)
            return std::nullopt;
        if (!entries->isEmpty())
            return i.id;
    }
    *error = QStringLiteral("no facilitated drill in %1 (a drill run with a facilitation record)")
                 .arg(store.path());
    return std::nullopt;
}

// Past drills of the same checklist revision people played at real speed (history's counted
// drills), declared before this one.
void addHistory(const TimelineStore &store, const IncidentRecord &incident, const Checklist &cl,
                DrillScore::Input &in)
{
    QString ignored;
    const auto data = HistoryData::load(store, &ignored);
    if (!data)
        return;
    QList<IncidentFacts> past;
    for (const IncidentFacts &f : data->incidents) {
        if (f.id != incident.id && f.declaredUtcMs < incident.declaredUtcMs)
            past.append(f);
    }
    // The drill's own checklist as it ran (id, revision and content: its kept source hashes to
    // the record's, or the chain check refused the debrief), through the one lookup history has.
    const QList<ChecklistHistory> histories = ChecklistHistory::build(past, data->checklists);
    const ChecklistHistory *h = ChecklistHistory::find(histories, cl);
    if (!h || h->drills.isEmpty())
        return;
    in.historyStepMs = h->measuredDrillMs();
    in.historyDrills = int(h->drills.size());
    in.historyDrillMs = SchedulePlanner::finishMs(SchedulePlanner::plan(cl, in.historyStepMs));
}

} // namespace

std::optional<Debrief::Format> Debrief::formatFromName(const QString &name)
{
    QString n = name.toLower();
    // `warroom export --format debrief-pdf` names the same formats.
    if (n.startsWith(QLatin1String("debrief-")))
        n = n.mid(8);
    if (n == QLatin1String("md") || n == QLatin1String("markdown"))
        return Format::Markdown;
    if (n == QLatin1String("html"))
        return Format::Html;
    if (n == QLatin1String("pdf"))
        return Format::Pdf;
    return std::nullopt;
}

std::optional<Debrief> Debrief::load(const TimelineStore &store, qint64 incidentId,
                                     QString *error)
{
    if (incidentId <= 0) {
        const auto newest = newestFacilitated(store, error);
        if (!newest)
            return std::nullopt;
        incidentId = *newest;
    }
    // The chain checked on the second core while this one reads the rest.
    const auto snap = IncidentSnapshot::load(store, incidentId, error,
                                             IncidentSnapshot::Payloads::ParsedAndChecked);
    if (!snap)
        return std::nullopt;
    // Scores read as fact by the players: a step's time moved in the file would turn a missed
    // expectation into a met one. The postmortem still writes a damaged timeline, marked.
    if (const ChainReport chain = snap->chain.get(); !chain.intact) {
        *error = QStringLiteral("the timeline of drill %1 is damaged (%2): a debrief scores only "
                                "a timeline that verifies; `warroom export --incident %1` still "
                                "writes what can be read, marked BROKEN")
                     .arg(QString::number(incidentId), chain.summary());
        return std::nullopt;
    }
    if (snap->incident.mode != IncidentMode::Drill) {
        *error = QStringLiteral("incident %1 is a live incident: a debrief is for drills (its "
                                "postmortem is `warroom export`)")
                     .arg(incidentId);
        return std::nullopt;
    }
    auto record = FacilitationRecord::load(store, incidentId, error);
    if (!record)
        return std::nullopt;
    if (!record->started) {
        *error = QStringLiteral("drill %1 has no facilitation record (it was run before "
                                "schema 4, or without a facilitator)")
                     .arg(incidentId);
        return std::nullopt;
    }
    // A runner that went away wrote no `drill.finished`; its own end in the timeline, or the one
    // a screen that found it gone wrote, is where every clock stopped. The debrief ends there
    // too: it said "not ended", "0 met, 3 pending" and the last entry's time, beside a
    // postmortem that had ended.
    record->settleEnd(ScreenClock::fromEvents(snap->events));
    DrillScore::Input in{snap->checklist, snap->events, *record, {}, -1, 0};
    addHistory(store, snap->incident, snap->checklist, in);
    Debrief d;
    d.incident = snap->incident;
    d.checklist = snap->checklist;
    d.score = DrillScore::compute(in);
    d.gantt = DebriefChart::geometry(snap->checklist, snap->events, *record,
                                     snap->incident.declaredUtcMs);
    d.record = std::move(*record);
    return d;
}

} // namespace warroom
