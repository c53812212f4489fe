#include "report/ReportChart.h"

#include "gantt/GanttClock.h"
#include "gantt/TimeAxisTicks.h"
#include "report/PostmortemReport.h"
#include "report/ReportText.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>

namespace warroom {

struct ReportChart::Layout
{
    qreal width = 0;
    qreal labelWidth = 0;
    qreal plotLeft = 0;
    qreal plotWidth = 0;
    qreal line = 0; // one line of text
    qreal axis = 0; // the height of the axis band at the top
    qint64 endMs = 1;
    QList<qreal> rowTop;
    QList<qreal> rowHeight;
    qreal height = 0;

    qreal x(qint64 ms) const { return plotLeft + plotWidth * static_cast<qreal>(ms) / static_cast<qreal>(endMs); }
};

ReportChart::ReportChart(const GanttGeometry &geometry, const QFont &font)
    : m_g(geometry)
    , m_font(font)
{}

ReportChart::Layout ReportChart::layout(qreal width, const QPaintDevice *device) const
{
    Layout l;
    const QFontMetricsF m(m_font, device);
    l.width = width;
    l.line = m.height();
    l.labelWidth = width * 0.34;
    l.plotLeft = l.labelWidth + l.line * 0.5;
    l.plotWidth = width - l.plotLeft - l.line * 4; // room for a word after the last bar
    l.axis = l.line * 3.6; // two rows of milestone labels over the tick labels
    if (hasOverlay())
        l.axis += l.line * 1.2; // and a row of inject labels between them
    l.endMs = std::max<qint64>(1, std::max(m_g.extentMs, m_g.actualEndMs()));
    for (const InjectMarker &i : m_injects)
        l.endMs = std::max(l.endMs, i.atMs);
    if (m_axisEndMs > 0)
        l.endMs = m_axisEndMs;
    qreal y = l.axis;
    for (const GanttRow &row : m_g.rows) {
        const QRectF box(0, 0, l.labelWidth, 1e6);
        const qreal text = m.boundingRect(box, Qt::TextWordWrap, row.label).height();
        const qreal h = std::max(text, l.line * 1.6) + l.line * 0.5;
        l.rowTop << y;
        l.rowHeight << h;
        y += h;
    }
    l.height = y + l.line * 0.5;
    return l;
}

qreal ReportChart::heightFor(qreal width, const QPaintDevice *device) const
{
    return layout(width, device).height;
}

void ReportChart::paintRow(QPainter &p, const Layout &l, int i) const
{
    const GanttRow &row = m_g.rows.at(i);
    const qreal top = l.rowTop.at(i);
    const qreal h = l.rowHeight.at(i);
    p.setPen(m_palette.foreground);
    p.drawText(QRectF(row.level * l.line, top + l.line * 0.25, l.labelWidth - row.level * l.line, h),
               Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, row.label);
    p.setPen(QPen(m_palette.grid, 0));
    p.drawLine(QPointF(0, top + h), QPointF(l.width, top + h));
    const qreal barH = l.line * 0.55;
    const qreal mid = top + h / 2;
    // The plan: an outline above the middle, thick for the critical path.
    const QColor planColour = row.critical ? m_palette.critical : m_palette.planned;
    p.setBrush(Qt::NoBrush);
    const bool cut = row.planned.endMs > l.endMs; // the plan goes on past the axis (setAxisEnd)
    if (row.planned.startMs < l.endMs) {
        const QRectF box(l.x(row.planned.startMs), mid - barH - 1,
                         l.x(std::min(row.planned.endMs, l.endMs)) - l.x(row.planned.startMs),
                         barH);
        p.setPen(QPen(planColour, row.critical ? 2.5 : 1, Qt::DashLine));
        if (cut) // open on the right: it does not end there
            p.drawPolyline(
                QPolygonF{box.topRight(), box.topLeft(), box.bottomLeft(), box.bottomRight()});
        else
            p.drawRect(box);
    }
    qreal lastEnd = 0; // the word goes after what happened, not after the plan
    for (const GanttBar &bar : row.actual) {
        const QRectF r(l.x(bar.startMs), mid + 1, std::max(2.0, l.x(bar.endMs) - l.x(bar.startMs)), barH);
        p.fillRect(r, m_palette.colour(bar.state));
        lastEnd = std::max(lastEnd, r.right());
    }
    for (const GanttBar &run : row.runs) {
        const QRectF r(l.x(run.startMs), mid + barH + 2, std::max(2.0, l.x(run.endMs) - l.x(run.startMs)), barH * 0.35);
        p.fillRect(r, m_palette.colour(run.state));
        lastEnd = std::max(lastEnd, r.right());
    }
    const GanttRow::Alarm alarm = row.alarm();
    QString word = alarm == GanttRow::Alarm::Failed    ? QStringLiteral("FAILED")
                   : alarm == GanttRow::Alarm::Halted  ? QStringLiteral("HALTED")
                   : alarm == GanttRow::Alarm::Unknown ? QStringLiteral("OUTCOME UNKNOWN")
                                                       : QString();
    // A ramp halted by its guard and then run again to the end read "run failed", like a job
    // that failed; the postmortem's key moments say "Ramp halted".
    const auto failed = std::find_if(row.runs.crbegin(), row.runs.crend(),
                                     [](const GanttBar &b) { return b.state == BarState::Failed; });
    if (word.isEmpty() && failed != row.runs.crend())
        word = failed->halted ? QStringLiteral("run halted") : QStringLiteral("run failed");
    if (!word.isEmpty()) {
        // On the paper's colour: the plan's dashed outline ran through "run failed" (a reader of
        // the trouble drill's chart), and a stop's hatching would too.
        // The room after the plot holds FAILED or "run halted"; OUTCOME UNKNOWN after a bar that
        // ends at the axis's end would be cut at the chart's edge, so it goes back over the bar.
        const qreal wide = QFontMetricsF(m_font, p.device()).horizontalAdvance(word);
        const QPointF at(std::max(l.plotLeft, std::min(lastEnd + l.line * 0.3, l.width - wide)),
                         mid + l.line * 0.35);
        const QRectF box = QFontMetricsF(m_font, p.device()).tightBoundingRect(word).translated(at);
        p.fillRect(box.adjusted(-l.line * 0.1, -l.line * 0.1, l.line * 0.1, l.line * 0.1),
                   m_palette.background);
        p.setPen(alarm == GanttRow::Alarm::Unknown ? m_palette.unknown : m_palette.failed);
        p.drawText(at, word);
    }
    if (cut) { // after the word, whose paper-coloured box would cover it
        p.setPen(planColour);
        p.drawText(QPointF(l.x(l.endMs) + l.line * 0.15, mid - 1), QStringLiteral("\u2192"));
    }
}

void ReportChart::paint(QPainter &p, const QRectF &area) const
{
    p.save();
    p.translate(area.topLeft());
    p.setFont(m_font);
    const Layout l = layout(area.width(), p.device());
    p.fillRect(QRectF(0, 0, l.width, l.height), m_palette.background);
    const TimeAxisTicks ticks = TimeAxisTicks::choose(0, l.endMs, 6);
    const QFontMetricsF metrics(m_font, p.device());
    for (qint64 t : ticks.ticksMs) {
        p.setPen(QPen(m_palette.grid, 0));
        p.drawLine(QPointF(l.x(t), l.axis), QPointF(l.x(t), l.height));
        p.setPen(m_palette.foreground);
        // Right of its line, or left of it where the chart ends: "T+0:00:10" at the right edge
        // was cut to "T+0:00:1".
        const QString label = ticks.label(t);
        const qreal x = std::min(l.x(t) + 2, l.width - metrics.horizontalAdvance(label) - 1);
        p.drawText(QPointF(x, l.axis - l.line * 0.3), label);
    }
    for (const Shade &s : m_stops) { // under the bars too, hatched the other way than a pause
        const QRectF band(l.x(s.fromMs), l.axis, l.x(s.toMs) - l.x(s.fromMs), l.height - l.axis);
        p.fillRect(band, QColor(0xe4, 0xe4, 0xe4));
        p.fillRect(band, QBrush(QColor(0x88, 0x88, 0x88), Qt::FDiagPattern));
    }
    if (hasOverlay())
        paintOverlay(p, l); // under the bars: a shaded pause must not hide a bar
    for (int i = 0; i < m_g.rows.size(); ++i)
        paintRow(p, l, i);
    paintMilestones(p, l);
    p.restore();
}

namespace {

struct MilestoneLabel
{
    const GanttMarker *marker;
    qreal x;     // its line
    qreal width; // its text
    int row = 0;
    qreal left = 0;
};

// Labels on one row moved apart: each as near its line as the one before it allows, then, from
// the right, none past `right` (the chart's edge), moving left those that it pushes.
void spread(QList<MilestoneLabel *> &row, qreal gap, qreal right)
{
    qreal next = -1e9;
    for (MilestoneLabel *label : row) {
        label->left = std::max(label->x + 2, next);
        next = label->left + label->width + gap;
    }
    qreal bound = right;
    for (auto it = row.rbegin(); it != row.rend(); ++it) {
        (*it)->left = std::max(0.0, std::min((*it)->left, bound - (*it)->width));
        bound = (*it)->left - gap;
    }
}

} // namespace

// Each milestone's line, and its label on one of two rows over the axis: the row where it
// starts at its line, or else the one where it moves least to the right of its neighbour; then
// each row moved apart so that no label covers another, nor runs past the chart's right edge. A
// short drill's "Rollback start" and "Closed" lie a few pixels apart, and alternating rows drew
// them one over the other; at the right edge, a label moved left covered the one before it.
void ReportChart::paintMilestones(QPainter &p, const Layout &l) const
{
    QList<MilestoneLabel> labels;
    const QFontMetricsF metrics(m_font, p.device());
    for (const GanttMarker &m : m_g.markers)
        if ((m.kind == GanttMarker::Kind::Milestone || m.kind == GanttMarker::Kind::Closed)
            && m.atMs <= l.endMs)
            labels.append({&m, l.x(m.atMs), metrics.horizontalAdvance(m.label)});
    std::stable_sort(labels.begin(), labels.end(),
                     [](const MilestoneLabel &a, const MilestoneLabel &b) { return a.x < b.x; });
    const qreal gap = l.line * 0.5;
    qreal rowRight[2] = {-1e9, -1e9};
    QList<MilestoneLabel *> rows[2];
    for (MilestoneLabel &label : labels) {
        label.row = rowRight[0] <= label.x || rowRight[0] <= rowRight[1] ? 0 : 1;
        rowRight[label.row] = std::max(label.x + 2, rowRight[label.row]) + label.width + gap;
        rows[label.row] << &label;
    }
    for (QList<MilestoneLabel *> &row : rows)
        spread(row, gap, l.width);
    for (const MilestoneLabel &label : labels) {
        const bool closed = label.marker->kind == GanttMarker::Kind::Closed;
        p.setPen(QPen(closed ? m_palette.closed : m_palette.milestone, 1.5));
        p.drawLine(QPointF(label.x, l.axis - l.line * 0.2), QPointF(label.x, l.height));
        p.drawText(QPointF(label.left, label.row == 0 ? l.line : l.line * 2.1),
                   label.marker->label);
    }
}

QString ReportChart::unknownRunsCaption(const GanttGeometry &g)
{
    return g.hasUnknownRun() ? QStringLiteral(" (a dark yellow strip and OUTCOME UNKNOWN: a "
                                              "request went out and got no answer, so whether it "
                                              "took effect is not known)")
                             : QString();
}

qint64 ReportChart::fittedAxisEnd(const GanttGeometry &g, qint64 lastMs)
{
    const qint64 end = std::max(g.actualEndMs(), lastMs);
    if (end <= 0 || end >= g.extentMs / 3)
        return 0;
    // A quarter of the plot after the last bar, for the word beside it ("run halted" is about a
    // seventh of a 900-unit chart's plot); at least 10 s, so the axis has ticks to read; and a
    // whole second, which the sentence about it can name exactly.
    const qint64 axis = (std::max<qint64>(end + end / 3, 10'000) + 999) / 1000 * 1000;
    return axis < g.extentMs ? axis : 0;
}

ReportChart::Postmortem ReportChart::postmortem(const PostmortemReport &r)
{
    Postmortem drawn{ReportText::screensClock(r), r.gantt, {}, 0};
    const std::optional<ScreenClock> &screens = drawn.screens;
    if (screens)
        showOnClock(drawn.geometry, [&screens](qint64 ms) { return screens->shownMs(ms); });
    qint64 last = 0;
    for (const auto &[from, to] : r.stops) {
        drawn.stops << (screens ? Shade{screens->shownMs(from), screens->shownMs(to)}
                                : Shade{from, to});
        last = std::max(last, drawn.stops.constLast().toMs);
    }
    drawn.axisEndMs = fittedAxisEnd(drawn.geometry, last);
    return drawn;
}

ReportChart ReportChart::ofPostmortem(const Postmortem &drawn, const QFont &font)
{
    ReportChart chart(drawn.geometry, font);
    chart.setStops(drawn.stops);
    chart.setAxisEnd(drawn.axisEndMs);
    return chart;
}

void ReportChart::setOverlay(const QList<InjectMarker> &injects, const QList<Shade> &paused)
{
    m_injects = injects;
    m_paused = paused;
}

void ReportChart::paintOverlay(QPainter &p, const Layout &l) const
{
    const qreal top = l.axis - l.line * 1.5;
    for (const Shade &s : m_paused) {
        const qreal minWidth = l.line * 0.6;
        qreal left = l.x(s.fromMs);
        qreal width = l.x(s.toMs) - left;
        if (width < minWidth) {
            left -= (minWidth - width) / 2;
            width = minWidth;
        }
        const QRectF band(left, l.axis, width, l.height - l.axis);
        p.fillRect(band, QColor(0xdd, 0xdd, 0xe8));
        p.fillRect(band, QBrush(QColor(0x99, 0x99, 0xaa), Qt::BDiagPattern));
    }
    // Labels on one row, moved up half a line when they would touch their left neighbour.
    const QFontMetricsF m(m_font, p.device());
    const QColor colour(0x9e, 0x3d, 0x8a); // Okabe-Ito reddish purple, darkened for paper
    qreal lastRight[2] = {-1e9, -1e9};
    QList<std::pair<QRectF, QString>> tags;
    for (const InjectMarker &i : m_injects) {
        const qreal x = l.x(i.atMs);
        // As thick as a tenth of a line of text, so it shows on paper at any resolution.
        // From the plot down: through the axis's labels it struck out "T+0" under an early one.
        p.setPen(QPen(colour, std::max(1.5, l.line * 0.1), Qt::DashLine));
        p.drawLine(QPointF(x, l.axis), QPointF(x, l.height));
        const qreal w = m.horizontalAdvance(i.label) + l.line * 0.4;
        const int row = x - w / 2 > lastRight[0] ? 0 : 1;
        // The label white on a purple tag above the axis's labels, a stub under it towards its
        // line, short of the labels' tops.
        const QRectF box(x - w / 2, top - l.line * (row == 0 ? 0.8 : 1.8), w, l.line);
        p.drawLine(QPointF(x, box.bottom()), QPointF(x, top + l.line * 0.35));
        tags.append({box, i.label});
        lastRight[row] = box.right() + l.line * 0.2;
    }
    // The tags after every line and stub: an upper row's stub ran over the tag below it.
    p.setPen(m_palette.background);
    for (const auto &[box, label] : std::as_const(tags)) {
        p.fillRect(box, colour);
        p.drawText(box, Qt::AlignCenter, label);
    }
}

QByteArray ReportChart::svg(int width) const
{
    QSvgGenerator gen;
    QBuffer buffer;
    gen.setOutputDevice(&buffer);
    gen.setResolution(96);
    const qreal height = heightFor(width, &gen);
    gen.setSize(QSize(width, static_cast<int>(height) + 1));
    gen.setViewBox(QRectF(0, 0, width, height));
    gen.setTitle(QStringLiteral("Steps planned against actual"));
    QPainter p(&gen);
    paint(p, QRectF(0, 0, width, height));
    p.end();
    return buffer.data();
}

QImage ReportChart::image(int width, int dotsPerInch) const
{
    // Measured on an image of the final resolution, so point-sized text keeps its size printed.
    const int dpm = qRound(dotsPerInch / 0.0254);
    QImage probe(1, 1, QImage::Format_RGB32);
    probe.setDotsPerMeterX(dpm);
    probe.setDotsPerMeterY(dpm);
    const QSize size(width, qRound(heightFor(width, &probe)));
    QImage image(size, QImage::Format_RGB32);
    image.setDotsPerMeterX(dpm);
    image.setDotsPerMeterY(dpm);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

} // namespace warroom
