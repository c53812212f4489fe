#pragma once

#include "gantt/GanttBuilder.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace warroom {

class GanttChartView;
class IncidentSession;
class ReplayTime;

// The Gantt chart with its controls: follow now, zoom to fit, export, and the replay slider.
// It rebuilds the geometry from the session's events in memory, at most once per pass of the event
// loop however many events arrive, and once a second while something is running.
class GanttPanel : public QWidget
{
    Q_OBJECT

public:
    // replay is the page's replay moment, which the slider moves; a panel alone keeps its own.
    explicit GanttPanel(ReplayTime *replay = nullptr, QWidget *parent = nullptr);
    ~GanttPanel() override;

    void setSession(IncidentSession *session);
    GanttChartView *chartView() const { return m_view; }
    int rebuildCount() const { return m_rebuilds; }
    std::optional<qint64> replayTime() const;
    void setReplayTime(std::optional<qint64> elapsedMs);
    void zoomToFit();

public slots:
    void exportChart();
    void setFollowNow(bool follow);

signals:
    void stepClicked(const QString &stepId);
    // Replay moved to a moment (elapsed ms), or back to live (nullopt).
    void replayChanged(std::optional<qint64> elapsedMs);
    void followNowChanged(bool follow);

private:
    void startTimers();
    void scheduleRebuild();
    void rebuild();
    // The moment the chart is folded to and "now" stands at (live).
    qint64 foldedUntilMs() const;
    QString noteText(qint64 seq) const;
    void updateSlider();
    void replayMoved();
    // The plan from the expected or the measured durations (GanttPlanSwitch); the fold starts
    // over only when the durations changed.
    void replan();

    QPointer<IncidentSession> m_session;
    std::unique_ptr<GanttBuilder> m_builder;
    QList<PlannedStep> m_plan;
    QString m_planLegend;
    GanttChartView *m_view;
    QToolButton *m_follow;
    QSlider *m_slider;
    QLabel *m_replayLabel;
    QToolButton *m_live;
    QTimer *m_coalesce;
    QTimer *m_tick;
    ReplayTime *m_replay;
    int m_rebuilds = 0;
};

} // namespace warroom
