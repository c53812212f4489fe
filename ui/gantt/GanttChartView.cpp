#include "ui/gantt/GanttChartView.h"

#include "ui/gantt/GanttBarsItem.h"
#include "engine/ChecklistEngine.h"
#include "gantt/GanttBuilder.h"
#include "util/TimeFormat.h"

#include <QAreaSeries>
#include <QBuffer>
#include <QCategoryAxis>
#include <QCoreApplication>
#include <QImage>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QSaveFile>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

#include <cmath>

namespace warroom {

namespace {

constexpr qreal msPerMinute = 60'000.0;
const QColor background(0x18, 0x1e, 0x26);
const QColor foreground(0xe8, 0xec, 0xf1);
const QColor gridColour(0x2c, 0x34, 0x40);

// Short enough to leave room for the bars; the critical path marked with a diamond.
QString axisLabel(const GanttRow &row)
{
    QString text = (row.critical ? QStringLiteral("\u25C6 ") : QString()) + row.label;
    if (row.level > 0)
        text = QStringLiteral("    ") + text;
    constexpr qsizetype maxChars = 34;
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

// A series with no points, only there so the legend explains colours and patterns.
void addLegendEntry(QChart *chart, const QString &name, BarState state, bool overridden = false)
{
    auto *upper = new QLineSeries(chart);
    auto *area = new QAreaSeries(upper);
    area->setName(name);
    area->setBrush(QBrush(GanttBarsItem::colour(state), GanttBarsItem::pattern(state, overridden)));
    area->setPen(overridden ? QPen(QColor(0xe6, 0x9f, 0x00), 2.5)
                            : QPen(GanttBarsItem::colour(state)));
    chart->addSeries(area);
}

} // namespace

GanttChartView::GanttChartView(QWidget *parent)
    : QChartView(parent)
    , m_timeAxis(new QValueAxis)
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
    chart->setBackgroundBrush(background);
    chart->setPlotAreaBackgroundBrush(background);
    chart->setPlotAreaBackgroundVisible(true);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setLabelColor(foreground);
    chart->legend()->setAlignment(Qt::AlignTop);
    setRenderHint(QPainter::Antialiasing);
    setBackgroundBrush(background);

    setUpAxes(chart);
    addSeries(chart);

    m_bars = new GanttBarsItem(chart, m_nowLine);
    connect(m_bars, &GanttBarsItem::stepClicked, this, &GanttChartView::stepClicked);
    connect(m_timeAxis, &QValueAxis::rangeChanged, m_bars, [this] { m_bars->update(); });
    connect(m_notes, &QScatterSeries::hovered, this, [this](const QPointF &point, bool state) {
        if (!state)
            return;
        for (const GanttMarker &m : m_gantt.markers) {
            if (m.kind == GanttMarker::Kind::Note
                && std::abs(static_cast<qreal>(m.atMs) / msPerMinute - point.x()) < 1e-6) {
                QToolTip::showText(QCursor::pos(),
                                   QStringLiteral("%1  %2").arg(formatElapsed(m.atMs), m.label));
                return;
            }
        }
    });
}

void GanttChartView::setUpAxes(QChart *chart)
{
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_rowAxis)}) {
        axis->setLabelsColor(foreground);
        axis->setGridLineColor(gridColour);
        axis->setLinePenColor(gridColour);
    }
    // A named font, so that exported SVG renders the same outside Qt (browsers, rsvg).
    QFont labels(QStringLiteral("DejaVu Sans"));
    labels.setPixelSize(12);
    m_timeAxis->setLabelsFont(labels);
    m_rowAxis->setLabelsFont(labels);
    chart->legend()->setFont(labels);
    QFont title = labels;
    title.setBold(true);
    m_timeAxis->setTitleFont(title);
    m_timeAxis->setLabelFormat(QStringLiteral("T+%.0f min"));
    m_timeAxis->setTitleText(tr("minutes since declaration"));
    m_timeAxis->setTitleBrush(foreground);
    m_rowAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    m_rowAxis->setGridLineVisible(false);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_rowAxis, Qt::AlignLeft);
}

void GanttChartView::addSeries(QChart *chart)
{
    m_nowLine->setName(tr("Now"));
    m_nowLine->setPen(QPen(QColor(0xff, 0x4d, 0x4d), 2.0, Qt::DashLine));
    m_milestones->setName(tr("Rollback start / complete"));
    m_milestones->setPen(QPen(QColor(0xf0, 0xe4, 0x42), 2.0));
    m_notes->setName(tr("Notes"));
    m_notes->setMarkerSize(9);
    m_notes->setColor(QColor(0xff, 0xff, 0xff));
    m_notes->setBorderColor(background);
    for (QAbstractSeries *s :
         {static_cast<QAbstractSeries *>(m_nowLine), static_cast<QAbstractSeries *>(m_milestones),
          static_cast<QAbstractSeries *>(m_notes)}) {
        chart->addSeries(s);
        s->attachAxis(m_timeAxis);
        s->attachAxis(m_rowAxis);
    }
    addLegendEntry(chart, tr("Planned"), BarState::Planned);
    addLegendEntry(chart, tr("Active"), BarState::Active);
    addLegendEntry(chart, tr("Done"), BarState::Done);
    addLegendEntry(chart, tr("Overridden"), BarState::Active, true);
    addLegendEntry(chart, tr("Skipped"), BarState::Skipped);
    addLegendEntry(chart, tr("Failed"), BarState::Failed);
}

void GanttChartView::setGantt(const GanttGeometry &gantt)
{
    m_gantt = gantt;
    // One category per step, spanning the step's row and the action rows under it; action rows
    // are named in their tooltips. Labels change with the checklist or the critical path, not with
    // every event, so the axis is rebuilt only when they do.
    QStringList wanted;
    QList<int> ends; // row index (exclusive) where each step's block ends
    for (int i = 0; i < m_gantt.rows.size(); ++i) {
        const GanttRow &row = m_gantt.rows.at(i);
        if (row.level > 0 && !ends.isEmpty()) {
            ends.last() = i + 1;
            continue;
        }
        QString label = axisLabel(row);
        // QCategoryAxis refuses a label it already has.
        for (int n = 2; wanted.contains(label); ++n)
            label = axisLabel(row) + QStringLiteral(" (%1)").arg(n);
        wanted << label;
        ends << i + 1;
    }
    const int n = static_cast<int>(m_gantt.rows.size());
    if (wanted != m_axisLabels || ends != m_axisEnds) {
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
    updateMarkers();
    updateAxes();
    m_bars->setGantt(&m_gantt);
}

void GanttChartView::updateMarkers()
{
    const qreal top = static_cast<qreal>(std::max<qsizetype>(1, m_gantt.rows.size()));
    const qreal now = static_cast<qreal>(m_gantt.nowMs) / msPerMinute;
    m_nowLine->replace({QPointF(now, 0), QPointF(now, top)});

    QList<QPointF> notePoints;
    // Notes closer together than a thousandth of the chart's span share one mark: a thousand
    // notes in a minute are one blob on screen, and would be a megabyte of SVG in an export.
    const qreal bucket = std::max(1.0, static_cast<qreal>(m_gantt.extentMs) / 1000.0);
    qint64 lastBucket = -1;
    for (const GanttMarker &m : m_gantt.markers) {
        const qreal x = static_cast<qreal>(m.atMs) / msPerMinute;
        if (m.kind == GanttMarker::Kind::Note) {
            const auto b = static_cast<qint64>(static_cast<qreal>(m.atMs) / bucket);
            if (b != lastBucket)
                notePoints << QPointF(x, top - 0.15);
            lastBucket = b;
        }
    }
    // Milestones are drawn, with their names, by the bars item; m_milestones stays empty and only
    // gives them a legend entry.
    m_notes->replace(notePoints);
}

void GanttChartView::updateAxes()
{
    const qreal extent = std::max(5.0, static_cast<qreal>(m_gantt.extentMs) / msPerMinute * 1.04);
    const qreal now = static_cast<qreal>(m_gantt.nowMs) / msPerMinute;
    qreal min = 0;
    qreal max = extent;
    if (m_spanMinutes > 0) {
        const qreal span = m_spanMinutes;
        if (m_followNow) {
            min = std::max(0.0, now - span * 0.75);
        } else {
            min = std::clamp(m_timeAxis->min(), 0.0, std::max(0.0, extent - span));
        }
        max = min + span;
    }
    // Ticks on round minutes (T+0, T+10, T+20...), as many as fit about 100 pixels apart.
    const qreal width = std::max(200.0, chart()->plotArea().width());
    const qreal maxTicks = std::max(2.0, width / 100.0);
    qreal interval = 240;
    for (qreal candidate : {1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 60.0, 120.0, 240.0}) {
        if ((max - min) / candidate <= maxTicks) {
            interval = candidate;
            break;
        }
    }
    if (m_timeAxis->tickType() != QValueAxis::TicksDynamic) {
        m_timeAxis->setTickType(QValueAxis::TicksDynamic);
        m_timeAxis->setTickAnchor(0);
    }
    // Range and spacing change in the order that never asks for more ticks than either end state:
    // a wide range with the old fine spacing makes the axis create hundreds of labels, and it keeps
    // paying for them on every later redraw (measured in bench_gantt: twice the frame time).
    const bool coarser = interval > m_timeAxis->tickInterval();
    if (coarser)
        m_timeAxis->setTickInterval(interval);
    m_timeAxis->setRange(min, max);
    if (!coarser && !qFuzzyCompare(m_timeAxis->tickInterval(), interval))
        m_timeAxis->setTickInterval(interval);
}

void GanttChartView::setFollowNow(bool follow)
{
    m_followNow = follow;
    updateAxes();
}

void GanttChartView::zoomToFit()
{
    m_spanMinutes = 0;
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
            updateAxes();
        });
    }
}

void GanttChartView::wheelEvent(QWheelEvent *event)
{
    const qreal current = m_timeAxis->max() - m_timeAxis->min();
    const qreal factor = event->angleDelta().y() > 0 ? 0.8 : 1.25;
    m_spanMinutes = std::clamp(current * factor, 1.0, 7.0 * 24 * 60);
    updateAxes();
    event->accept();
}

namespace {

// A view of its own at exactly the asked size, laid out, for drawing into a file.
void prepareForExport(GanttChartView &view, const GanttGeometry &gantt, QSize size)
{
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.resize(size);
    view.show();
    view.setGantt(gantt);
    view.zoomToFit();
    // Qt Charts lays out axes and labels on posted layout requests; without them the row labels
    // would be measured against an empty axis and come out as "...".
    for (int i = 0; i < 3; ++i)
        QCoreApplication::sendPostedEvents();
    view.zoomToFit(); // tick spacing follows the plot width, known only after layout
}

void renderSvgTo(GanttChartView &view, QIODevice *device, QSize size)
{
    QSvgGenerator generator;
    generator.setOutputDevice(device);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(96); // so that viewers at the usual 96 dpi show `size` pixels
    generator.setTitle(GanttChartView::tr("Rollback Gantt chart"));
    QPainter painter(&generator);
    view.render(&painter);
}

} // namespace

QByteArray GanttChartView::renderSvg(const GanttGeometry &gantt, QSize size)
{
    GanttChartView view;
    prepareForExport(view, gantt, size);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    renderSvgTo(view, &buffer, size);
    return buffer.data();
}

namespace {

GanttGeometry incidentGeometry(const IncidentRecord &incident, const Checklist &checklist,
                               const TimelineEvents &events)
{
    // The whole timeline folded, so the rows read as on screen: the engine's text variables
    // carry the values actions extracted ({{job_id}}) over the incident's.
    ChecklistEngine engine(checklist, incidentTextVariables(incident));
    engine.applyAll(events);
    const GanttBuilder builder(checklist, engine.textVariables(), SchedulePlanner::plan(checklist));
    const qint64 end = events.isEmpty() ? 0 : events.constLast().elapsedMs;
    return builder.build(events, end, incident.declaredUtcMs);
}

QSize documentChartSize(const GanttGeometry &g)
{
    return {1400, std::clamp(180 + 34 * static_cast<int>(g.rows.size()), 320, 4000)};
}

} // namespace

QByteArray GanttChartView::renderIncidentSvg(const IncidentRecord &incident,
                                             const Checklist &checklist,
                                             const TimelineEvents &events)
{
    const GanttGeometry g = incidentGeometry(incident, checklist, events);
    return renderSvg(g, documentChartSize(g));
}

void GanttChartView::addChartToExport(ExportOptions &options, const IncidentRecord &incident,
                                      const Checklist &checklist, const TimelineEvents &events)
{
    const GanttGeometry g = incidentGeometry(incident, checklist, events);
    const QSize size = documentChartSize(g);
    options.chartSvg = renderSvg(g, size);
    options.chartAspect = static_cast<qreal>(size.height()) / size.width();
    options.paintChart = [g, size](QPainter &painter, const QRectF &area) {
        GanttChartView view;
        prepareForExport(view, g, size);
        view.render(&painter, area);
    };
}

bool GanttChartView::exportImage(const GanttGeometry &gantt, const QString &path, QSize size,
                                 QString *error)
{
    if (size.width() < 200 || size.height() < 150 || size.width() > 10000
        || size.height() > 10000) {
        if (error)
            *error = tr("Choose a size between 200\u00D7150 and 10000\u00D710000 pixels.");
        return false;
    }
    GanttChartView view;
    prepareForExport(view, gantt, size);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        renderSvgTo(view, &file, size);
    } else {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(background);
        QPainter painter(&image);
        view.render(&painter);
        painter.end();
        image.save(&file, "PNG");
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace warroom
