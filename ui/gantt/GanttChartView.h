#pragma once

#include "checklist/Checklist.h"
#include "gantt/GanttGeometry.h"
#include "report/PostmortemReport.h"
#include "gantt/GanttPalette.h"
#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

#include <QChartView>

#include <functional>

class QAreaSeries;
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
    // Fit the incident: its actual span and forecast finish, so a 3-minute drill is not slivers
    // on a 65-minute plan. showWholePlan() fits everything, plan included.
    void zoomToFit();
    void showWholePlan();
    int paintedBars() const;
    const GanttBarsItem *barsItem() const { return m_bars; }
    // Where a note's tooltip finds its text (see GanttMarker::seq).
    void setNoteText(std::function<QString(qint64 seq)> noteText);
    // The time axis's labels as shown, left to right (tests: bounded for any span).
    QStringList timeAxisLabels() const;
    // Colours for everything drawn; the screen uses GanttPalette::dark().
    void setColours(const GanttPalette &palette);

    // Why an image of `size` pixels cannot be made (too small to read, too large to hold), or
    // empty when it can.
    static QString sizeProblem(QSize size);
    // PNG or SVG by the file's suffix, drawn at the given size in a view of its own.
    static bool exportImage(const GanttGeometry &gantt, const QString &path, QSize size,
                            QString *error);
    // The chart as an SVG document, for the postmortem exports.
    static QByteArray renderSvg(const GanttGeometry &gantt, QSize size,
                                const GanttPalette &palette = GanttPalette::dark());
    // The whole incident's chart, as it stood at its last event, sized for a document page.
    static QByteArray renderIncidentSvg(const IncidentRecord &incident, const Checklist &checklist,
                                        const TimelineEvents &events);

signals:
    void stepClicked(const QString &stepId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void setUpAxes(QChart *chart);
    // The now line, milestones, notes and the legend entries of the bar states.
    void addSeries(QChart *chart);
    void updateAxes();
    void updateTimeTicks(qreal minMinutes, qreal maxMinutes);
    void updateRowAxis();
    void updateMarkers();
    int labelChars() const;

    GanttGeometry m_gantt;
    QCategoryAxis *m_timeAxis; // categories end at the ticks TimeAxisTicks chose
    QCategoryAxis *m_rowAxis;
    QLineSeries *m_nowLine;
    QLineSeries *m_milestones;
    QScatterSeries *m_notes;
    GanttBarsItem *m_bars;
    GanttPalette m_palette = GanttPalette::dark();
    QList<QAreaSeries *> m_legendAreas;
    QList<std::pair<BarState, bool>> m_legendStates;
    bool m_followNow = true;
    bool m_wholePlan = false;
    qreal m_spanMinutes = 0; // 0: fit everything
    bool m_axesPending = false;
    QStringList m_axisLabels;
    QList<int> m_axisEnds;
    int m_axisChars = 0;
    QStringList m_timeLabels;
    QList<qint64> m_timeTicks;
    // The note marks drawn last: redone only when the notes or the bucket they share change.
    const GanttMarker *m_notesSeen = nullptr;
    qsizetype m_notesSeenCount = -1;
    qint64 m_notesBucket = 0;
};

} // namespace warroom
