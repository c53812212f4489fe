#include "ui/gantt/GanttChartView.h"

#include "ui/gantt/GanttBarsItem.h"
#include "gantt/TimeAxisTicks.h"
#include "util/TimeFormat.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

#include <cmath>

namespace warroom {

namespace {

constexpr qreal msPerMinute = 60'000.0;

// The full name when the label column has room for it (1920 wide: all of the shipped titles).
// A longer name is wrapped onto a second line when its rows are tall enough for two (the axis
// draws its labels as HTML), and elided only beyond that, with the full name in the tooltip. The
// critical path is marked with a diamond.
QString axisLabel(const GanttRow &row, int maxChars, bool twoLines)
{
    QString text = (row.critical ? QStringLiteral("\u25C6 ") : QString()) + row.label;
    const QString indent = row.level > 0 ? QStringLiteral("    ") : QString();
    const auto elide = [maxChars](QString line) {
        if (line.size() > maxChars)
            line = line.left(maxChars - 1) + QChar(0x2026);
        return line.toHtmlEscaped();
    };
    if (text.size() <= maxChars || !twoLines)
        return indent + elide(text);
    // Break at the last space that keeps the first line within maxChars.
    qsizetype cut = text.lastIndexOf(u' ', maxChars);
    if (cut <= maxChars / 3)
        cut = maxChars;
    return indent + elide(text.left(cut).trimmed()) + QStringLiteral("<br>") + indent
           + elide(text.mid(cut).trimmed());
}

} // namespace

GanttChartView::GanttChartView(QWidget *parent)
    : QChartView(parent)
    , m_timeAxis(new QCategoryAxis)
    , m_rowAxis(new QCategoryAxis)
    , m_nowLine(new QLineSeries)
    , m_milestones(new QLineSeries)
    , m_notes(new QScatterSeries)
{
    setObjectName(QStringLiteral("ganttChart"));
    // The chart QChartView's constructor already made, not a new one: setChart() would only take
    // the first out of the scene, never delete it (Qt documents that the caller must), and every
    // Gantt view leaked a whole themed QChart with its ChartTitle (LeakSanitizer, three suites).
    QChart *chart = this->chart();
    chart->setAnimationOptions(QChart::NoAnimation); // a wall screen must show state, not motion
    chart->setPlotAreaBackgroundVisible(true);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignTop);
    setRenderHint(QPainter::Antialiasing);

    setUpAxes(chart);
    addSeries(chart);

    m_bars = new GanttBarsItem(chart, m_nowLine);
    setColours(m_palette);
    connect(m_bars, &GanttBarsItem::stepClicked, this, &GanttChartView::stepClicked);
    connect(m_timeAxis, &QValueAxis::rangeChanged, m_bars, [this] { m_bars->update(); });
}

void GanttChartView::setUpAxes(QChart *chart)
{
    // A named font, so that exported SVG renders the same outside Qt (browsers, rsvg).
    QFont labels(QStringLiteral("DejaVu Sans"));
    labels.setPixelSize(12);
    m_timeAxis->setLabelsFont(labels);
    m_rowAxis->setLabelsFont(labels);
    chart->legend()->setFont(labels);
    QFont title = labels;
    title.setBold(true);
    m_timeAxis->setTitleFont(title);
    m_timeAxis->setTitleText(tr("time since declaration"));
    // Labels on the ticks themselves (TimeAxisTicks), not centred between them.
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_rowAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    m_rowAxis->setGridLineVisible(false);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_rowAxis, Qt::AlignLeft);
}

// A series with no points, only there so the legend explains colours and patterns.
void GanttChartView::addSeries(QChart *chart)
{
    m_nowLine->setName(tr("Now"));
    m_milestones->setName(tr("Rollback start / complete"));
    m_notes->setName(tr("Notes"));
    m_notes->setMarkerSize(9);
    for (QAbstractSeries *s :
         {static_cast<QAbstractSeries *>(m_nowLine), static_cast<QAbstractSeries *>(m_milestones),
          static_cast<QAbstractSeries *>(m_notes)}) {
        chart->addSeries(s);
        s->attachAxis(m_timeAxis);
        s->attachAxis(m_rowAxis);
    }
    const QList<std::tuple<QString, BarState, bool>> entries{
        {tr("Planned"), BarState::Planned, false},
        {tr("Forecast"), BarState::Planned, true}, // "overridden" marks the forecast entry here
        {tr("Active"), BarState::Active, false},
        {tr("Done"), BarState::Done, false},
        {tr("Overridden"), BarState::Active, true},
        {tr("Skipped"), BarState::Skipped, false},
        {tr("Failed / halted \u2715"), BarState::Failed, false},
        {tr("Outcome unknown ?"), BarState::Unknown, false}};
    for (const auto &[name, state, flag] : entries) {
        auto *upper = new QLineSeries(chart);
        auto *area = new QAreaSeries(upper);
        area->setName(name);
        chart->addSeries(area);
        m_legendAreas << area;
        m_legendStates << std::pair(state, flag);
    }
}

void GanttChartView::setColours(const GanttPalette &palette)
{
    m_palette = palette;
    QChart *chart = this->chart();
    chart->setBackgroundBrush(palette.background);
    chart->setPlotAreaBackgroundBrush(palette.background);
    chart->legend()->setLabelColor(palette.foreground);
    setBackgroundBrush(palette.background);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_rowAxis)}) {
        axis->setLabelsColor(palette.foreground);
        axis->setGridLineColor(palette.grid);
        axis->setLinePenColor(palette.grid);
    }
    m_timeAxis->setTitleBrush(palette.foreground);
    m_nowLine->setPen(QPen(palette.now, 2.0, Qt::DashLine));
    m_milestones->setPen(QPen(palette.milestone, 2.0));
    m_notes->setColor(palette.note);
    m_notes->setBorderColor(palette.background);
    m_notesSeen = nullptr; // the dots take the new colours on the next setGantt
    for (qsizetype i = 0; i < m_legendAreas.size(); ++i) {
        const auto [state, flag] = m_legendStates.at(i);
        QAreaSeries *area = m_legendAreas.at(i);
        if (state == BarState::Planned && flag) {
            area->setBrush(QBrush(palette.forecast, Qt::FDiagPattern));
            area->setPen(QPen(palette.forecast, 1.5, Qt::DashLine));
            continue;
        }
        area->setBrush(QBrush(palette.colour(state), GanttBarsItem::pattern(state, flag)));
        area->setPen(flag ? QPen(palette.overridden, 2.5) : QPen(palette.colour(state)));
    }
    m_bars->setColours(palette);
}

int GanttChartView::labelChars() const
{
    // Up to about 36% of the width for the step names at 7 px a character (12 px DejaVu Sans):
    // the longest shipped title (66 with its number and diamond) whole from 1260 px up, so a
    // 1280x720 screen reads every name; 30% cut them at 57 ("…assign rol…").
    return std::clamp(width() / 19, 30, 72);
}

void GanttChartView::setNoteText(std::function<QString(qint64)> noteText)
{
    m_bars->setNoteText(std::move(noteText));
}

void GanttChartView::setGantt(const GanttGeometry &gantt)
{
    m_gantt = gantt;
    m_timeAxis->setTitleText(gantt.onDrillClock ? tr("drill clock, pauses left out")
                                                : tr("time since declaration"));
    // The first legend entry is the planned bars': it names the plan they show.
    const QString planned = gantt.planLegend.isEmpty() ? tr("Planned") : gantt.planLegend;
    if (!m_legendAreas.isEmpty() && m_legendAreas.constFirst()->name() != planned)
        m_legendAreas.constFirst()->setName(planned);
    updateRowAxis();
    updateMarkers();
    updateAxes();
    m_bars->setGantt(&m_gantt);
}

// One category per step, spanning the step's row and the action rows under it; action rows are
// named in their tooltips. Labels change with the checklist, the critical path or the width, not
// with every event, so the axis is rebuilt only when they do.
void GanttChartView::updateRowAxis()
{
    const int chars = labelChars();
    // A step's block is its row and its action rows; two lines of 12 px text need about 32 px.
    const qreal rowPx = chart()->plotArea().height()
                        / static_cast<qreal>(std::max<qsizetype>(1, m_gantt.rows.size()));
    const auto blockRows = [this](int first) {
        int n = 1;
        while (first + n < m_gantt.rows.size() && m_gantt.rows.at(first + n).level > 0)
            ++n;
        return n;
    };
    QStringList wanted;
    QList<int> ends; // row index (exclusive) where each step's block ends
    for (int i = 0; i < m_gantt.rows.size(); ++i) {
        const GanttRow &row = m_gantt.rows.at(i);
        if (row.level > 0 && !ends.isEmpty()) {
            ends.last() = i + 1;
            continue;
        }
        const bool twoLines = rowPx * blockRows(i) >= 32.0;
        QString label = axisLabel(row, chars, twoLines);
        // QCategoryAxis refuses a label it already has.
        for (int n = 2; wanted.contains(label); ++n)
            label = axisLabel(row, chars, twoLines) + QStringLiteral(" (%1)").arg(n);
        wanted << label;
        ends << i + 1;
    }
    const int n = static_cast<int>(m_gantt.rows.size());
    if (wanted == m_axisLabels && ends == m_axisEnds)
        return;
    for (const QString &label : m_rowAxis->categoriesLabels())
        m_rowAxis->remove(label);
    m_rowAxis->setStartValue(0);
    // Row 0 is drawn at the top, so categories are appended from the last block upwards.
    for (qsizetype k = wanted.size() - 1; k >= 0; --k)
        m_rowAxis->append(wanted.at(k), n - (k == 0 ? 0 : ends.at(k - 1)));
    m_rowAxis->setRange(0, std::max(1, n));
    m_axisLabels = wanted;
    m_axisEnds = ends;
}

void GanttChartView::updateMarkers()
{
    const qreal top = static_cast<qreal>(std::max<qsizetype>(1, m_gantt.rows.size()));
    const qreal now = static_cast<qreal>(m_gantt.nowMs) / msPerMinute;
    m_nowLine->replace({QPointF(now, 0), QPointF(now, top)});

    // Notes closer together than about a three-hundredth of the chart's span share one dot: a
    // thousand notes in a minute are one blob on screen, and would be a megabyte of SVG in an
    // export. The bucket is a power of two, so it changes rarely as the incident grows, and the
    // dots are redone only when the notes or the bucket change: not every second for 100k notes.
    // The bars item paints them: a scatter series made a graphics item per point, and its frame
    // grew with the notes (bench_gantt: 31 ms a tick at 100k events, against 7 ms at 100).
    // Divided, not multiplied: bucket * 300 wrapped for an extent near the largest 64-bit time
    // (a forged event's elapsed_ms), reached 0 and spun the window's thread for good.
    qint64 bucket = 1;
    while (m_gantt.extentMs > 0 && bucket <= (m_gantt.extentMs - 1) / 300)
        bucket *= 2;
    const GanttMarker *notesData = m_gantt.markers.constData();
    if (notesData == m_notesSeen && m_gantt.markers.size() == m_notesSeenCount
        && bucket == m_notesBucket)
        return;
    m_notesSeen = notesData;
    m_notesSeenCount = m_gantt.markers.size();
    m_notesBucket = bucket;
    QList<qint64> dots;
    qint64 lastBucket = -1;
    for (const GanttMarker &m : m_gantt.markers) {
        if (m.kind != GanttMarker::Kind::Note)
            continue;
        const qint64 b = m.atMs / bucket;
        if (b != lastBucket)
            dots << m.atMs;
        lastBucket = b;
    }
    // Milestones are drawn, with their names, by the bars item too; m_milestones and m_notes stay
    // empty and only give them legend entries.
    m_bars->setNoteDots(dots);
}

void GanttChartView::updateAxes()
{
    // Fit: the incident and its forecast (a short drill fills the width), or the whole plan.
    const qint64 fitEnd
        = !m_wholePlan && m_gantt.fitEndMs > 0 ? m_gantt.fitEndMs : m_gantt.extentMs;
    const qreal extent = std::max(1.0, static_cast<qreal>(fitEnd) / msPerMinute * 1.04);
    const qreal now = static_cast<qreal>(m_gantt.nowMs) / msPerMinute;
    qreal min = 0;
    qreal max = extent;
    if (m_spanMinutes > 0) {
        const qreal span = m_spanMinutes;
        if (m_followNow) {
            min = std::max(0.0, now - span * 0.75);
        } else {
            const qreal whole
                = std::max(extent, static_cast<qreal>(m_gantt.extentMs) / msPerMinute * 1.04);
            min = std::clamp(m_timeAxis->min(), 0.0, std::max(0.0, whole - span));
        }
        max = min + span;
    }
    updateTimeTicks(min, max);
}

// Ticks from TimeAxisTicks, as many as fit about 110 pixels apart and never more than ten
// intervals: the axis lays out a dozen labels whatever the span (it laid out ~2,000 for an
// incident declared days ago when the spacing stopped at 240 minutes).
void GanttChartView::updateTimeTicks(qreal minMinutes, qreal maxMinutes)
{
    const qreal width = std::max(200.0, chart()->plotArea().width());
    const int intervals = std::clamp(static_cast<int>(width / 110.0), 2, 10);
    const auto toMs = [](qreal minutes) {
        return static_cast<qint64>(std::llround(minutes * msPerMinute));
    };
    TimeAxisTicks ticks = TimeAxisTicks::choose(toMs(minMinutes), toMs(maxMinutes), intervals);
    // A label is centred on its tick: one near the right end ran past the chart's edge, cut to
    // "T+45 mi". Only the last tick can reach the edge, so only it is left out where its label
    // would pass it; the one before it says where the scale is.
    // Not before the first layout (no plot yet: the resize lays it out and comes back here), and
    // never the only tick: a narrow export's axis would have no label at all.
    const QFontMetricsF metrics(m_timeAxis->labelsFont());
    const QRectF plot = chart()->plotArea();
    const qreal room = chart()->size().width() - plot.right();
    const qreal perMinute = plot.width() / std::max(1e-9, maxMinutes - minMinutes);
    if (plot.width() > 0 && ticks.ticksMs.size() > 1) {
        const qint64 last = ticks.ticksMs.constLast();
        const qreal toEnd = (maxMinutes - static_cast<qreal>(last) / msPerMinute) * perMinute;
        if (metrics.horizontalAdvance(ticks.label(last)) / 2 > toEnd + room)
            ticks.ticksMs.removeLast();
    }
    if (ticks.ticksMs != m_timeTicks) {
        for (const QString &label : m_timeAxis->categoriesLabels())
            m_timeAxis->remove(label);
        m_timeLabels.clear();
        const qint64 first = ticks.ticksMs.isEmpty() ? toMs(minMinutes) : ticks.ticksMs.first();
        m_timeAxis->setStartValue(static_cast<qreal>(first - ticks.intervalMs) / msPerMinute);
        for (qint64 t : ticks.ticksMs) {
            m_timeLabels << ticks.label(t);
            m_timeAxis->append(m_timeLabels.constLast(), static_cast<qreal>(t) / msPerMinute);
        }
        m_timeTicks = ticks.ticksMs;
    }
    m_timeAxis->setRange(minMinutes, maxMinutes);
}

QStringList GanttChartView::timeAxisLabels() const
{
    return m_timeLabels;
}

void GanttChartView::setFollowNow(bool follow)
{
    m_followNow = follow;
    updateAxes();
}

void GanttChartView::zoomToFit()
{
    m_spanMinutes = 0;
    m_wholePlan = false;
    updateAxes();
}

void GanttChartView::showWholePlan()
{
    m_spanMinutes = 0;
    m_wholePlan = true;
    updateAxes();
}

int GanttChartView::paintedBars() const
{
    return m_bars->paintedBars();
}

void GanttChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    // Tick spacing depends on the plot's width, which the chart knows only after it has laid
    // itself out for the new size. Recomputing from plotAreaChanged instead doubled the cost of
    // every redraw (measured in bench_gantt), so it happens once per resize, after the layout.
    if (!m_axesPending) {
        m_axesPending = true;
        QTimer::singleShot(0, this, [this] {
            m_axesPending = false;
            updateRowAxis(); // the label column follows the width
            updateAxes();
        });
    }
}

void GanttChartView::wheelEvent(QWheelEvent *event)
{
    const qreal current = m_timeAxis->max() - m_timeAxis->min();
    const qreal factor = event->angleDelta().y() > 0 ? 0.8 : 1.25;
    m_spanMinutes = std::clamp(current * factor, 0.5, 90.0 * 24 * 60);
    updateAxes();
    event->accept();
}

// The step names' column: the full name of a row, also when its label is elided.
bool GanttChartView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QPointF scene = mapToScene(help->pos());
        const QRectF plot = chart()->plotArea();
        if (scene.x() < plot.left() && scene.y() >= plot.top() && scene.y() <= plot.bottom()
            && !m_gantt.rows.isEmpty()) {
            const qreal y = chart()->mapToValue(scene, m_nowLine).y();
            const int row = static_cast<int>(static_cast<qreal>(m_gantt.rows.size()) - y);
            if (row >= 0 && row < m_gantt.rows.size()) {
                QToolTip::showText(help->globalPos(), m_gantt.rows.at(row).label, this);
                return true;
            }
        }
    }
    return QChartView::viewportEvent(event);
}

} // namespace warroom
