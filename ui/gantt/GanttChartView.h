#pragma once

#include "checklist/Checklist.h"
#include "gantt/GanttGeometry.h"
#include "report/PostmortemReport.h"
#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

#include <QChartView>

class QCategoryAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace warroom {

class GanttBarsItem;

// Draws a GanttGeometry with Qt Charts: a time axis in T+ minutes, a row per step, planned bars
// behind actual ones, the now line, milestones and notes. It draws and nothing else; the geometry
// comes from the core's GanttBuilder.
class GanttChartView : public QChartView
{
    Q_OBJECT

public:
    explicit GanttChartView(QWidget *parent = nullptr);

    void setGantt(const GanttGeometry &gantt);
    const GanttGeometry &gantt() const { return m_gantt; }

    // Follow now: the time axis moves with the now line. Off: the view stays where it was put.
    void setFollowNow(bool follow);
    bool followNow() const { return m_followNow; }
    void zoomToFit();
    int paintedBars() const;

    // PNG or SVG by the file's suffix, drawn at the given size in a view of its own.
    static bool exportImage(const GanttGeometry &gantt, const QString &path, QSize size,
                            QString *error);
    // The chart as an SVG document, for the postmortem exports.
    static QByteArray renderSvg(const GanttGeometry &gantt, QSize size);
    // The whole incident's chart, as it stood at its last event, sized for a document page.
    static QByteArray renderIncidentSvg(const IncidentRecord &incident, const Checklist &checklist,
                                        const TimelineEvents &events);
    // Fills an export's chart fields: the SVG for HTML, a painter callback for PDF (vector).
    static void addChartToExport(ExportOptions &options, const IncidentRecord &incident,
                                 const Checklist &checklist, const TimelineEvents &events);

signals:
    void stepClicked(const QString &stepId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void setUpAxes(QChart *chart);
    // The now line, milestones, notes and the legend entries of the bar states.
    void addSeries(QChart *chart);
    void updateAxes();
    void updateMarkers();

    GanttGeometry m_gantt;
    QValueAxis *m_timeAxis;
    QCategoryAxis *m_rowAxis;
    QLineSeries *m_nowLine;
    QLineSeries *m_milestones;
    QScatterSeries *m_notes;
    GanttBarsItem *m_bars;
    bool m_followNow = true;
    qreal m_spanMinutes = 0; // 0: fit everything
    bool m_axesPending = false;
    QStringList m_axisLabels;
    QList<int> m_axisEnds;
};

} // namespace warroom
