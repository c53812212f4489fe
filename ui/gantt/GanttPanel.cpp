#include "ui/gantt/GanttPanel.h"

#include "gantt/GanttClock.h"
#include "gantt/GanttForecast.h"
#include "gantt/ScheduleForecast.h"
#include "history/HistoryCache.h"
#include "history/MeasuredPlan.h"
#include "report/EventFormatter.h"
#include "session/IncidentSession.h"
#include "ui/gantt/GanttChartView.h"
#include "ui/gantt/GanttPlanSwitch.h"
#include "ui/timeline/ReplayTime.h"
#include "util/TimeFormat.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QSlider>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace warroom {

GanttPanel::GanttPanel(ReplayTime *replay, QWidget *parent)
    : QWidget(parent)
    , m_view(new GanttChartView(this))
    , m_follow(new QToolButton(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_replayLabel(new QLabel(this))
    , m_live(new QToolButton(this))
    , m_coalesce(new QTimer(this))
    , m_tick(new QTimer(this))
    , m_replay(replay ? replay : new ReplayTime(this))
{
    m_follow->setText(tr("Follow now"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the now line in view as time passes"));
    auto *fit = new QToolButton(this);
    fit->setText(tr("Zoom to fit"));
    fit->setToolTip(tr("Fit the incident so far and its forecast finish (mouse wheel zooms)"));
    auto *wholePlan = new QToolButton(this);
    wholePlan->setText(tr("Whole plan"));
    wholePlan->setToolTip(tr("Show the whole plan, however short the incident"));
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export\u2026"));
    exportButton->setToolTip(tr("Save the chart as PNG or SVG"));
    m_slider->setObjectName(QStringLiteral("replaySlider"));
    m_slider->setToolTip(tr("Replay: drag to see the chart and the checklist as they stood then"));
    m_replayLabel->setObjectName(QStringLiteral("muted"));
    m_live->setText(tr("Live"));
    m_live->setToolTip(tr("Leave replay and show the incident as it is now"));
    m_live->setEnabled(false);
    auto *measured = new QToolButton(this);
    measured->setObjectName(QStringLiteral("measuredPlanButton"));
    measured->setDefaultAction(GanttPlanSwitch::instance()->action());

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_follow);
    bar->addWidget(fit);
    bar->addWidget(wholePlan);
    bar->addWidget(exportButton);
    bar->addWidget(measured);
    bar->addSpacing(16);
    bar->addWidget(new QLabel(tr("Replay:"), this));
    bar->addWidget(m_slider, 1);
    bar->addWidget(m_replayLabel);
    bar->addWidget(m_live);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    startTimers();
    connect(m_follow, &QToolButton::toggled, m_view, &GanttChartView::setFollowNow);
    connect(m_follow, &QToolButton::toggled, this, &GanttPanel::followNowChanged);
    connect(fit, &QToolButton::clicked, m_view, &GanttChartView::zoomToFit);
    connect(wholePlan, &QToolButton::clicked, m_view, &GanttChartView::showWholePlan);
    connect(exportButton, &QToolButton::clicked, this, &GanttPanel::exportChart);
    connect(m_view, &GanttChartView::stepClicked, this, &GanttPanel::stepClicked);
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (!m_session)
            return;
        // The slider works in seconds; its right end is live.
        setReplayTime(value >= m_slider->maximum() ? std::nullopt
                                                   : std::optional<qint64>(qint64(value) * 1000));
    });
    connect(m_live, &QToolButton::clicked, this, [this] { setReplayTime(std::nullopt); });
    connect(m_replay, &ReplayTime::changed, this, &GanttPanel::replayMoved);
    connect(GanttPlanSwitch::instance(), &GanttPlanSwitch::planChanged, this, [this] {
        replan();
        rebuild();
    });
}

GanttPanel::~GanttPanel() = default;

void GanttPanel::startTimers()
{
    // Events coalesce into one rebuild per pass of the event loop; the clock ticks once a second.
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(0);
    connect(m_coalesce, &QTimer::timeout, this, &GanttPanel::rebuild);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &GanttPanel::scheduleRebuild);
    m_view->setNoteText([this](qint64 seq) { return noteText(seq); });
}

QString GanttPanel::noteText(qint64 seq) const
{
    // seq runs 1, 2, 3... without gaps (the store and the chain check see to it).
    if (!m_session || seq < 1 || seq > m_session->events().size())
        return {};
    const TimelineEvent &e = m_session->events().at(seq - 1);
    // A drill's fault is not told to the room while the drill runs, here as in the timeline.
    if (EventFormatter::isDrillFault(e)
        && !EventFormatter::faultsShown(m_session->incident().mode, m_session->screenClock(),
                                        m_session->engine().isClosed()))
        return EventFormatter::hiddenFaultText();
    return e.payload.value(PayloadKey::Text).toString();
}

void GanttPanel::setSession(IncidentSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_builder.reset();
    if (m_session) {
        const Checklist &c = m_session->checklist();
        m_plan.clear();
        replan();
        // Room for every step's row, the axis, the legend and the buttons: below that Qt Charts
        // elides every label to "…" (seen at 1280x720). In lines of text, so a zoom keeps it.
        const int line = fontMetrics().height();
        setMinimumHeight(line * (static_cast<int>(c.steps.size()) * 6 / 5 + 7));
        connect(m_session, &IncidentSession::eventsAppended, this, &GanttPanel::scheduleRebuild);
    }
    rebuild();
}

std::optional<qint64> GanttPanel::replayTime() const
{
    return m_replay->at();
}

void GanttPanel::setReplayTime(std::optional<qint64> elapsedMs)
{
    m_replay->setAt(elapsedMs);
}

void GanttPanel::replayMoved()
{
    m_live->setEnabled(m_replay->isReplaying());
    if (!m_replay->isReplaying()) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(m_slider->maximum());
    }
    rebuild();
    emit replayChanged(m_replay->at());
}

void GanttPanel::replan()
{
    if (!m_session)
        return;
    const Checklist &c = m_session->checklist();
    const GanttPlanSwitch *planSwitch = GanttPlanSwitch::instance();
    MeasuredPlan measured;
    if (planSwitch->isMeasured()) {
        HistoryCache *history = planSwitch->history();
        measured = MeasuredPlan::from(history ? history->find(c) : nullptr, c);
        if (history && !history->isLoaded()) {
            history->refresh(); // planChanged follows when it is read
            measured.legend = tr("Plan: measured (reading past drills\u2026)");
        }
    }
    m_planLegend = planSwitch->isMeasured() ? measured.legend : QString();
    QList<PlannedStep> plan = SchedulePlanner::plan(c, measured.durationsMs);
    if (m_builder && plan == m_plan)
        return;
    m_plan = std::move(plan);
    m_builder = std::make_unique<GanttBuilder>(c, m_session->textVariables(), m_plan);
}

void GanttPanel::zoomToFit()
{
    m_view->zoomToFit();
}

void GanttPanel::setFollowNow(bool follow)
{
    m_follow->setChecked(follow);
}

void GanttPanel::scheduleRebuild()
{
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void GanttPanel::updateSlider()
{
    const QSignalBlocker block(m_slider);
    const qint64 endMs = m_session ? foldedUntilMs() : 0;
    const int end = static_cast<int>(endMs / 1000) + 1;
    m_slider->setEnabled(m_session);
    m_slider->setRange(0, end);
    const std::optional<qint64> replay = m_replay->at();
    if (replay)
        m_slider->setValue(static_cast<int>(*replay / 1000));
    else
        m_slider->setValue(end);
    m_replayLabel->setText(replay && m_session
                               ? tr("REPLAY %1").arg(m_session->screenClock().shownText(*replay))
                               : tr("live"));
}

qint64 GanttPanel::foldedUntilMs() const
{
    // Stopped at the close, or where the runner ended a drill: the chart's "now" and forecast
    // ran on at ×50 while the room kept an ended drill open, past the header's ENDED. But what
    // the room records after the end (a note, a step confirmed) is drawn, at the end's T+
    // (ScreenClock::shownMs), where every screen's clock stands.
    const TimelineEvents &events = m_session->events();
    return std::max(m_session->clockReadingMs(),
                    events.isEmpty() ? qint64(0) : events.constLast().elapsedMs);
}

void GanttPanel::rebuild()
{
    m_coalesce->stop();
    ++m_rebuilds;
    updateSlider();
    if (!m_session || !m_builder) {
        m_tick->stop();
        m_view->setGantt({});
        return;
    }
    // Closed or ended as the header and the wall decide it (ScreenClock::liveState), not again
    // here.
    const ScreenClock::LiveState state
        = m_session->screenClock().liveState(m_session->closedAtMs());
    const bool closed = state == ScreenClock::LiveState::Closed;
    const bool stopped = closed || state == ScreenClock::LiveState::Ended;
    const qint64 endMs = foldedUntilMs();
    const std::optional<qint64> replay = m_replay->at();
    const qint64 at = replay ? std::min(*replay, endMs) : endMs;
    // Live, only the events not folded yet are read, and the tick only moves now; a replay moment
    // before the last folded event is folded again from the start.
    const TimelineEvents &events = m_session->events();
    m_builder->append(events);
    const qint64 declared = m_session->incident().declaredUtcMs;
    GanttGeometry g = at >= m_builder->lastFoldedMs() ? m_builder->geometry(at, declared)
                                                      : m_builder->build(events, at, declared);
    // On the clock the header and the wall show: a drill's runs faster than real time and stands
    // still while paused, and its plan is in its minutes.
    const ScreenClock &clock = m_session->screenClock();
    const auto shown = [&clock](qint64 ms) {
        return clock.shownMs(ms);
    };
    if (clock.isShifted())
        showOnClock(g, shown);
    if (!replay && !closed)
        applyForecast(g, ScheduleForecaster::forecast(m_session->engine(), m_plan, at, shown));
    else
        g.fitEndMs = shown(std::max(endMs, at)); // the incident's whole span, wherever replay is
    g.planLegend = m_planLegend;
    m_view->setGantt(g);
    // Running bars and the now line move with the clock; nothing moves once closed, ended or in
    // replay.
    if (!stopped && !replay)
        m_tick->start();
    else
        m_tick->stop();
}

void GanttPanel::exportChart()
{
    QString path
        = QFileDialog::getSaveFileName(this, tr("Export Gantt chart"), QStringLiteral("gantt.png"),
                                       tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)
        && !path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        path += QStringLiteral(".png");
    // A size that does not read or does not fit is asked again, with what was typed and why: a
    // typo dropped the whole export, file name and all.
    QString typed = QStringLiteral("1920x1080");
    QString problem;
    QSize pixels;
    do {
        bool ok = false;
        const QString label = tr("Width \u00D7 height in pixels:");
        typed = QInputDialog::getText(this, tr("Export size"),
                                      problem.isEmpty() ? label : problem + u'\n' + label,
                                      QLineEdit::Normal, typed, &ok);
        if (!ok)
            return;
        const QStringList parts
            = typed.split(QRegularExpression(QStringLiteral("[x\u00D7* ]+")), Qt::SkipEmptyParts);
        pixels = parts.size() == 2 ? QSize(parts.at(0).toInt(), parts.at(1).toInt()) : QSize();
        problem = GanttChartView::sizeProblem(pixels);
        if (!problem.isEmpty())
            problem = tr("\"%1\" is not a size to export. %2").arg(typed.trimmed(), problem);
    } while (!problem.isEmpty());
    QString error;
    if (!GanttChartView::exportImage(m_view->gantt(), path, pixels, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace warroom
