#include "ui/gantt/GanttBarsItem.h"

#include "util/TimeFormat.h"

#include <QChart>
#include <QGraphicsSceneHoverEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>

namespace warroom {

namespace {
constexpr qreal msPerMinute = 60'000.0;
constexpr qreal minBarWidth = 4.0; // a skip or an instant step stays visible
} // namespace

GanttBarsItem::GanttBarsItem(QChart *chart, QAbstractSeries *anchor)
    : QGraphicsObject(chart)
    , m_chart(chart)
    , m_anchor(anchor)
{
    setAcceptHoverEvents(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setZValue(5); // above the plot background and grid, below the series' lines
    connect(chart, &QChart::plotAreaChanged, this, [this] {
        prepareGeometryChange();
        update();
    });
}

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies, and each state
// also has its own fill pattern and a word in the tooltip, so colour is never the only cue.
QColor GanttBarsItem::colour(BarState state)
{
    switch (state) {
    case BarState::Planned:
        return QColor(0x8a, 0x94, 0xa3);
    case BarState::Active:
        return QColor(0x56, 0xb4, 0xe9);
    case BarState::Done:
        return QColor(0x00, 0x9e, 0x73);
    case BarState::Skipped:
        return QColor(0xbb, 0xbb, 0xbb);
    case BarState::Failed:
        return QColor(0xd5, 0x5e, 0x00);
    }
    return {};
}

Qt::BrushStyle GanttBarsItem::pattern(BarState state, bool overridden)
{
    if (state == BarState::Planned)
        return Qt::Dense6Pattern;
    if (state == BarState::Skipped)
        return Qt::BDiagPattern;
    if (state == BarState::Failed)
        return Qt::DiagCrossPattern;
    if (overridden)
        return Qt::Dense3Pattern;
    return Qt::SolidPattern;
}

void GanttBarsItem::setGantt(const GanttGeometry *gantt)
{
    m_gantt = gantt;
    update();
}

QRectF GanttBarsItem::boundingRect() const
{
    return m_chart->plotArea();
}

QRectF GanttBarsItem::barRect(const GanttBar &bar, int row, qreal heightFraction) const
{
    const qreal rows = static_cast<qreal>(m_gantt->rows.size());
    const qreal centre = rows - row - 0.5;
    const QPointF topLeft = m_chart->mapToPosition(
        QPointF(static_cast<qreal>(bar.startMs) / msPerMinute, centre + heightFraction / 2),
        m_anchor);
    const QPointF bottomRight = m_chart->mapToPosition(
        QPointF(static_cast<qreal>(bar.endMs) / msPerMinute, centre - heightFraction / 2),
        m_anchor);
    QRectF r(topLeft, bottomRight);
    if (r.width() < minBarWidth)
        r.setWidth(minBarWidth);
    return r;
}

void GanttBarsItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    m_paintedBars = 0;
    if (!m_gantt)
        return;
    const QRectF area = m_chart->plotArea();
    painter->save();
    painter->setClipRect(area);
    // Axis-aligned rectangles gain nothing from antialiasing and cost a lot with it: with a
    // thousand bars this is most of the frame.
    painter->setRenderHint(QPainter::Antialiasing, false);
    // Pixels, not points: the chart is also painted into a 300 dpi PDF, where a point-sized font
    // would come out four times too large for the scene around it.
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(12);
    painter->setFont(font);
    for (int i = 0; i < m_gantt->rows.size(); ++i)
        paintRow(painter, i, area);
    paintMarkers(painter, area);
    painter->restore();
}

void GanttBarsItem::paintRow(QPainter *painter, int i, const QRectF &area)
{
    const GanttRow &row = m_gantt->rows.at(i);
    const qreal scale = row.level == 0 ? 1.0 : 0.7;
    // Planned: a light hatched box behind; the critical path gets a strong outline.
    const QRectF planned = barRect(row.planned, i, 0.78 * scale);
    if (planned.intersects(area)) {
        painter->setBrush(QBrush(colour(BarState::Planned), pattern(BarState::Planned, false)));
        painter->setPen(row.critical ? QPen(QColor(0xcc, 0x79, 0xa7), 2.0)
                                     : QPen(colour(BarState::Planned), 1.0, Qt::DashLine));
        painter->drawRect(planned);
        ++m_paintedBars;
    }
    // Actual: a narrower solid bar in front, one per attempt.
    for (const GanttBar &bar : row.actual) {
        const QRectF r = barRect(bar, i, 0.46 * scale);
        ++m_paintedBars;
        if (!r.intersects(area))
            continue;
        const QColor c = colour(bar.state);
        painter->setBrush(QBrush(c, pattern(bar.state, bar.overridden)));
        painter->setPen(bar.overridden ? QPen(QColor(0xe6, 0x9f, 0x00), 2.5) : QPen(c.darker(130)));
        painter->drawRect(r);
    }
    // Runs: a thin strip along the bottom of the row, one segment per run.
    for (const GanttBar &bar : row.runs) {
        QRectF r = barRect(bar, i, 0.78 * scale);
        r.setTop(r.bottom() - std::max<qreal>(3.0, r.height() * 0.16));
        ++m_paintedBars;
        if (!r.intersects(area))
            continue;
        const QColor c = colour(bar.state);
        painter->setBrush(QBrush(c.lighter(115), pattern(bar.state, bar.overridden)));
        painter->setPen(QPen(c.darker(140)));
        painter->drawRect(r);
    }
    if (row.overrunMs > 0 && !row.actual.isEmpty()) {
        const QRectF last = barRect(row.actual.constLast(), i, 0.46 * scale);
        const QString text = QStringLiteral("+%1 min over")
                                 .arg(static_cast<double>(row.overrunMs) / msPerMinute, 0, 'f', 1);
        painter->setPen(QColor(0xff, 0xd0, 0x80));
        painter->drawText(QRectF(last.right() + 4, last.top() - 4, 120, last.height() + 8),
                          Qt::AlignLeft | Qt::AlignVCenter, text);
    }
}

void GanttBarsItem::paintMarkers(QPainter *painter, const QRectF &area) const
{
    // Milestones (rollback start, rollback complete) and the close: a line through every row with
    // its name at the top, so the wall screen says what the line means.
    for (const GanttMarker &m : m_gantt->markers) {
        if (m.kind != GanttMarker::Kind::Milestone && m.kind != GanttMarker::Kind::Closed)
            continue;
        const qreal x
            = m_chart->mapToPosition(QPointF(static_cast<qreal>(m.atMs) / msPerMinute, 0), m_anchor)
                  .x();
        if (x < area.left() || x > area.right())
            continue;
        const bool closed = m.kind == GanttMarker::Kind::Closed;
        painter->setPen(closed ? QPen(QColor(0xaa, 0xb4, 0xc0), 2.0, Qt::DotLine)
                               : QPen(QColor(0xf0, 0xe4, 0x42), 2.0));
        painter->drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
        painter->drawText(QRectF(x + 4, area.top(), 200, 16), Qt::AlignLeft | Qt::AlignVCenter,
                          m.label);
    }
}

int GanttBarsItem::rowAt(const QPointF &pos) const
{
    if (!m_gantt || m_gantt->rows.isEmpty())
        return -1;
    const qreal y = m_chart->mapToValue(pos, m_anchor).y();
    const int row = static_cast<int>(static_cast<qreal>(m_gantt->rows.size()) - y);
    return row >= 0 && row < m_gantt->rows.size() ? row : -1;
}

QString GanttBarsItem::describe(int row, const QPointF &pos) const
{
    const GanttRow &r = m_gantt->rows.at(row);
    const auto when = [this](qint64 ms) {
        return QStringLiteral("%1 (%2)").arg(formatElapsed(ms),
                                             formatUtc(m_gantt->declaredUtcMs + ms));
    };
    QStringList lines{r.label};
    for (const GanttBar &b : r.actual) {
        if (barRect(b, row, 0.78).adjusted(-2, 0, 2, 0).contains(pos)) {
            lines << QStringLiteral("%1%2: %3 \u2192 %4")
                         .arg(barStateName(b.state),
                              b.overridden ? QStringLiteral(" (override)") : QString(),
                              when(b.startMs), b.running ? QStringLiteral("now") : when(b.endMs));
        }
    }
    lines << QStringLiteral("planned: %1 \u2192 %2%3")
                 .arg(when(r.planned.startMs), when(r.planned.endMs),
                      r.critical ? QStringLiteral(" (critical path)") : QString());
    if (r.overrunMs > 0)
        lines << QStringLiteral("over plan by %1").arg(formatElapsed(r.overrunMs).mid(2));
    return lines.join(u'\n');
}

void GanttBarsItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    const int row = rowAt(event->pos());
    setToolTip(row >= 0 ? describe(row, event->pos()) : QString());
}

void GanttBarsItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    const int row = rowAt(event->pos());
    if (row >= 0)
        emit stepClicked(m_gantt->rows.at(row).stepId);
    event->accept();
}

} // namespace warroom
