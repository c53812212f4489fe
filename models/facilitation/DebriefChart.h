#pragma once

#include "gantt/GanttGeometry.h"
#include "report/ReportChart.h"
#include "timeline/TimelineEvent.h"

#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

namespace warroom {

struct Debrief;
struct FacilitationRecord;
struct Checklist;

// The debrief's Gantt chart: the drill's steps planned against actual as the postmortem's chart
// draws them (report/ReportChart), on the drill clock, with a numbered vertical line per fired
// inject and a shaded band where the facilitator paused. Its legend (what each number is, when
// it fired, which steps the room was on) is a table in the document's text, so the Markdown,
// which has no chart, carries the same facts as a table.
struct DebriefChart
{
    struct Inject
    {
        QString label; // "1", in firing order
        QString id;
        qint64 atMs = -1;
        QString to;          // DrillInject::recipient: a role's title, "the room" or "the backend"
        QStringList onSteps; // the steps under way when it fired
    };
    struct Pause
    {
        qint64 atMs = 0;   // on the drill clock, which stood still
        qint64 realMs = 0; // how long, in real time
    };
    QList<Inject> injects;
    QList<Pause> pauses;

    static DebriefChart of(const Debrief &debrief);
    // The timeline folded on the drill clock: every event's real elapsed time mapped through
    // the record's clock, so the pauses are out of it as they are out of every figure.
    static GanttGeometry geometry(const Checklist &checklist, const TimelineEvents &events,
                                  const FacilitationRecord &record, qint64 declaredUtcMs);

    // Where the chart's time axis ends (ReportChart::fittedAxisEnd): a little after the drill's
    // end, its last bar, inject or pause, when that came before a third of the plan; 0: the
    // whole plan. A drill at ×100 ended 8 minutes into a 65-minute plan: its bars, both
    // injects and its milestones were crowded into the chart's first eighth.
    qint64 axisEndMs(const GanttGeometry &gantt) const;
    // `gantt` drawn with this overlay, text in `font` as given.
    ReportChart chart(const GanttGeometry &gantt, const QFont &font) const;
    // For HTML: an inline <svg> element 900 units wide (labels 8.5 pt when printed across A4).
    QString svg(const GanttGeometry &gantt) const;
    // For the PDF: `width` device pixels wide at `dpi`, labels 8.5 pt as printed.
    QImage image(const GanttGeometry &gantt, int width, int dpi) const;
};

} // namespace warroom
