#include "facilitation/DebriefChart.h"

#include "facilitation/Debrief.h"
#include "gantt/GanttBuilder.h"
#include "gantt/SchedulePlanner.h"

#include <algorithm>

namespace warroom {

GanttGeometry DebriefChart::geometry(const Checklist &checklist, const TimelineEvents &events,
                                     const FacilitationRecord &record, qint64 declaredUtcMs)
{
    TimelineEvents onDrillClock = record.eventsToEnd(events);
    qint64 endMs = record.endDrillMs;
    for (TimelineEvent &e : onDrillClock) {
        e.elapsedMs = record.clock.drillMs(e.elapsedMs);
        endMs = std::max(endMs, e.elapsedMs);
    }
    // The events are in commit order; mapped through a pause two of them may share a moment,
    // never go back in time, so the fold's order holds.
    const QMap<QString, QString> variables; // the builder keeps a reference: it must outlive it
    const GanttBuilder builder(checklist, variables, SchedulePlanner::plan(checklist));
    return builder.build(onDrillClock, std::max<qint64>(0, endMs), declaredUtcMs);
}

DebriefChart DebriefChart::of(const Debrief &d)
{
    DebriefChart c;
    QList<const InjectState *> fired;
    for (const InjectState &i : d.record.board.injects()) {
        if (i.state == InjectState::State::Fired && i.firedAtMs >= 0)
            fired.append(&i);
    }
    std::stable_sort(fired.begin(), fired.end(), [](const InjectState *a, const InjectState *b) {
        return a->firedAtMs < b->firedAtMs;
    });
    for (const InjectState *i : fired) {
        Inject x{QString::number(c.injects.size() + 1),
                 i->inject.id,
                 i->firedAtMs,
                 i->inject.recipient(d.checklist),
                 {}};
        for (const StepScore &s : d.score.steps) {
            // Under way: started at or before it, not ended before it.
            if (s.startedMs >= 0 && s.startedMs <= i->firedAtMs
                && (s.endedMs < 0 || s.endedMs >= i->firedAtMs))
                x.onSteps.append(s.title);
        }
        c.injects.append(x);
    }
    const DrillClock &clock = d.record.clock;
    for (const auto &p : clock.pauses())
        c.pauses.append({clock.drillMs(p.first), p.second - p.first});
    if (clock.pausedSince() >= 0)
        c.pauses.append({clock.drillMs(clock.pausedSince()), -1});
    return c;
}

qint64 DebriefChart::axisEndMs(const GanttGeometry &gantt) const
{
    qint64 last = 0;
    for (const Inject &i : injects)
        last = std::max(last, i.atMs);
    for (const Pause &p : pauses)
        last = std::max(last, p.atMs);
    return ReportChart::fittedAxisEnd(gantt, last);
}

ReportChart DebriefChart::chart(const GanttGeometry &gantt, const QFont &font) const
{
    ReportChart chart(gantt, font);
    chart.setAxisEnd(axisEndMs(gantt));
    QList<ReportChart::InjectMarker> markers;
    for (const Inject &i : injects)
        markers.append({i.atMs, i.label});
    QList<ReportChart::Shade> shades;
    for (const Pause &p : pauses)
        shades.append({p.atMs, p.atMs});
    chart.setOverlay(markers, shades);
    return chart;
}

QString DebriefChart::svg(const GanttGeometry &gantt) const
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(15); // 8.5 pt when the 900-unit-wide chart is printed across A4
    QString out = QString::fromUtf8(chart(gantt, font).svg(900));
    // Inline SVG in HTML takes the <svg> element only, not the XML prologue.
    const qsizetype start = out.indexOf(QLatin1String("<svg"));
    return start > 0 ? out.mid(start) : out;
}

QImage DebriefChart::image(const GanttGeometry &gantt, int width, int dpi) const
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(8.5);
    return chart(gantt, font).image(width, dpi);
}

} // namespace warroom
