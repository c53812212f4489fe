#include "ui/history/HistoryWindow.h"

#include "history/HistoryLoader.h"
#include "history/HistoryText.h"
#include "store/TimelineStore.h"
#include "ui/gantt/GanttPlanSwitch.h"
#include "ui/history/PlanSheetWindow.h"
#include "util/BidiControls.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMainWindow>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QScatterSeries>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>

namespace warroom {

namespace {

constexpr double minuteMs = 60'000.0;

QXYSeries *samplesSeries(const DurationStats &s, const QString &name, bool scatter)
{
    QXYSeries *series = scatter ? static_cast<QXYSeries *>(new QScatterSeries)
                                : static_cast<QXYSeries *>(new QLineSeries);
    series->setName(name);
    series->setPointsVisible(true);
    for (const DurationSample &d : s.samples)
        series->append(static_cast<double>(d.declaredUtcMs), static_cast<double>(d.ms) / minuteMs);
    return series;
}

QLineSeries *levelSeries(const QString &name, qint64 fromMs, qint64 toMs, qint64 valueMs,
                         Qt::PenStyle style)
{
    auto *series = new QLineSeries;
    series->setName(name);
    series->append(static_cast<double>(fromMs), static_cast<double>(valueMs) / minuteMs);
    series->append(static_cast<double>(toMs), static_cast<double>(valueMs) / minuteMs);
    QPen pen = series->pen();
    pen.setStyle(style);
    pen.setWidth(2);
    series->setPen(pen);
    return series;
}

// Days, a whole number of them between ticks: five ticks over three days read "2026-12-03,
// 2026-12-03, 2026-12-04, 2026-12-04, 2026-12-05". The ticks stand at local noon, as the labels
// are local dates: an hour of daylight saving either way keeps each on its own date.
QDateTimeAxis *daysAxis(qint64 fromMs, qint64 toMs)
{
    constexpr qint64 dayMs = 86'400'000;
    const QDate firstDay = QDateTime::fromMSecsSinceEpoch(fromMs).date().addDays(-1);
    const QDate lastDay = QDateTime::fromMSecsSinceEpoch(toMs).date().addDays(1);
    const qint64 first = QDateTime(firstDay, QTime(12, 0)).toMSecsSinceEpoch();
    qint64 days = std::max<qint64>(1, firstDay.daysTo(lastDay));
    constexpr qint64 mostTicks = 7;
    const qint64 perTick = (days + mostTicks - 2) / (mostTicks - 1); // whole days between ticks
    days = (days + perTick - 1) / perTick * perTick;
    auto *axis = new QDateTimeAxis;
    axis->setFormat(QStringLiteral("yyyy-MM-dd"));
    axis->setTickCount(static_cast<int>(days / perTick) + 1);
    axis->setRange(QDateTime::fromMSecsSinceEpoch(first),
                   QDateTime::fromMSecsSinceEpoch(first + days * dayMs));
    return axis;
}

// Durations as every text of the window writes them ("3:47", "1:05:00"): the axis read "3.3" and
// "4.4" minutes beside a legend's "3:47", easily taken for 3 min 47. Labels on round values.
QCategoryAxis *durationAxis(double topMinutes)
{
    static constexpr qint64 stepsS[] = {15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14'400};
    const double topS = topMinutes * 60.0;
    // Past 24 hours (an incident left open for days), whole hours: at most seven labels.
    qint64 step = static_cast<qint64>(std::ceil(topS / 6.0 / 3600.0)) * 3600;
    for (qint64 candidate : stepsS) {
        if (topS / static_cast<double>(candidate) <= 6.0) {
            step = candidate;
            break;
        }
    }
    auto *axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    qint64 at = 0;
    axis->setStartValue(0);
    for (; static_cast<double>(at) < topS; at += step)
        axis->append(HistoryText::span(at * 1000), static_cast<double>(at) / 60.0);
    axis->append(HistoryText::span(at * 1000), static_cast<double>(at) / 60.0);
    axis->setRange(0, static_cast<double>(at) / 60.0);
    axis->setTitleText(QObject::tr("duration"));
    return axis;
}

} // namespace

HistoryWindow::HistoryWindow(const TimelineStore &store, QWidget *parent)
    : QDialog(parent)
    , m_checklists(new QComboBox(this))
    , m_steps(new QComboBox(this))
    , m_chart(new QChartView(this))
    , m_table(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("historyWindow"));
    setWindowTitle(tr("Know your number"));
    QString error;
    QStringList problems;
    if (const auto loaded = HistoryData::load(store, &error)) {
        m_histories = ChecklistHistory::build(loaded->incidents, loaded->checklists);
        problems = loaded->problems;
    } else {
        problems << error;
    }
    for (const ChecklistHistory &h : std::as_const(m_histories))
        m_checklists->addItem(
            BidiControls::shown(QStringLiteral("%1 (revision %2)").arg(h.checklistId, h.revision)));
    m_table->setReadOnly(true);
    m_table->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_table->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Titles and names from the stored incidents: a bidirectional control is shown, not obeyed.
    m_table->setPlainText(BidiControls::shown(HistoryText::write(
        m_histories, HistoryText::Format::Text, problems, QDateTime::currentMSecsSinceEpoch())));
    m_chart->setRenderHint(QPainter::Antialiasing);

    auto *pickers = new QHBoxLayout;
    pickers->addWidget(new QLabel(tr("Checklist:"), this));
    pickers->addWidget(m_checklists, 1);
    pickers->addWidget(new QLabel(tr("Step:"), this));
    pickers->addWidget(m_steps, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pickers);
    layout->addWidget(split, 1);
    resize(1100, 800);

    connect(m_checklists, &QComboBox::currentIndexChanged, this, &HistoryWindow::fillSteps);
    connect(m_steps, &QComboBox::currentIndexChanged, this,
            [this](int step) { showStep(m_checklists->currentIndex(), step); });
    fillSteps(m_checklists->currentIndex());
}

void HistoryWindow::fillSteps(int index)
{
    const QSignalBlocker block(m_steps);
    m_steps->clear();
    if (index < 0 || index >= m_histories.size()) {
        showStep(-1, -1);
        return;
    }
    const ChecklistHistory &h = m_histories.at(index);
    for (int i = 0; i < h.steps.size(); ++i)
        m_steps->addItem(
            QStringLiteral("%1. %2").arg(i + 1).arg(BidiControls::shown(h.steps.at(i).title)));
    m_steps->addItem(tr("Rollback trigger \u2192 healthy"));
    // The rollback itself first: it is the number the seed asks a team to know.
    m_steps->setCurrentIndex(static_cast<int>(h.steps.size()));
    showStep(index, static_cast<int>(h.steps.size()));
}

void HistoryWindow::showStep(int index, int stepIndex)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    // setChart() releases the chart shown before without deleting it (Qt's documentation says
    // so, and LeakSanitizer found it): delete it here.
    QChart *before = m_chart->chart();
    m_chart->setChart(chart);
    delete before;
    if (index < 0 || index >= m_histories.size()) {
        chart->setTitle(tr("No incidents measured yet: run a drill."));
        return;
    }
    const ChecklistHistory &h = m_histories.at(index);
    const QSignalBlocker block(m_steps); // a caller may choose the step: the picker follows
    m_steps->setCurrentIndex(stepIndex);
    const bool trigger = stepIndex >= h.steps.size();
    const DurationStats &drill = trigger ? h.triggerToHealthyDrill : h.steps.at(stepIndex).drill;
    const DurationStats &live = trigger ? h.triggerToHealthyLive : h.steps.at(stepIndex).live;
    chart->setTitle(trigger ? tr("Rollback trigger \u2192 healthy") : h.steps.at(stepIndex).title);
    QList<QXYSeries *> series{samplesSeries(drill, tr("DRILL (%1)").arg(drill.n), false),
                                samplesSeries(live, tr("LIVE (%1)").arg(live.n), true)};
    qint64 from = QDateTime::currentMSecsSinceEpoch(), to = from;
    for (const DurationStats *s : {&drill, &live}) {
        for (const DurationSample &d : s->samples) {
            from = std::min(from, d.declaredUtcMs);
            to = std::max(to, d.declaredUtcMs);
        }
    }
    if (!drill.isEmpty())
        series << levelSeries(tr("plan: drill median %1").arg(HistoryText::span(drill.medianMs)),
                              from, to, drill.medianMs, Qt::DashLine);
    if (!trigger && h.steps.at(stepIndex).expectedMs > 0)
        series << levelSeries(tr("checklist's estimate %1")
                                  .arg(HistoryText::span(h.steps.at(stepIndex).expectedMs)),
                              from, to, h.steps.at(stepIndex).expectedMs, Qt::DotLine);
    double top = 0; // minutes
    for (QXYSeries *s : std::as_const(series)) {
        for (const QPointF &p : s->points())
            top = std::max(top, p.y());
    }
    QDateTimeAxis *x = daysAxis(from, to);
    QCategoryAxis *y = durationAxis(std::max(top * 1.1, 0.25));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    const QDateTime xMin = x->min();
    const QDateTime xMax = x->max();
    const double yMax = y->max();
    for (QXYSeries *s : std::as_const(series)) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    // Again after attaching, which fits an axis to the series.
    x->setRange(xMin, xMax);
    y->setRange(0, yMax);
}

void HistoryWindow::installInMenu(QMainWindow &window, const TimelineStore &store)
{
    QMenu *view = nullptr;
    for (QAction *a : window.menuBar()->actions()) {
        if (a->menu() && a->text().remove(u'&') == QLatin1String("View"))
            view = a->menu();
    }
    if (!view)
        view = window.menuBar()->addMenu(tr("&View"));
    QAction *open = view->addAction(tr("&Know your number\u2026"));
    open->setObjectName(QStringLiteral("historyAction"));
    open->setShortcut(QKeySequence(tr("Ctrl+Shift+Y")));
    // The plan sheet answers from the same history (View ▸ Rollback plan).
    PlanSheetWindow::addToMenu(*view, window, store);
    // The Gantt's measured plan reads the same database's drills (Chart ▸ Measured plan).
    GanttPlanSwitch::installInMenu(window, store.path());
    connect(open, &QAction::triggered, &window, [&window, &store] {
        auto *history = new HistoryWindow(store, &window);
        history->setAttribute(Qt::WA_DeleteOnClose);
        history->show();
    });
}

} // namespace warroom
