#include "ui/gantt/GanttBarsItem.h"

#include "util/BidiControls.h"
#include "util/TimeFormat.h"

#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPaintEngine>
#include <QPainter>

#include <algorithm>

namespace warroom {

namespace {
constexpr qreal msPerMinute = 60'000.0;
constexpr qreal minBarWidth = 4.0; // a skip or an instant step stays visible
constexpr int labelLanes = 3;
constexpr qreal laneHeight = 16.0;
constexpr qreal noteRow = 14.0; // the notes' dots along the top, above the marker names

QFont chartFont(bool bold = false)
{
    // Pixels, not points: the chart is also painted into a 300 dpi PDF, where a point-sized font
    // would come out four times too large for the scene around it.
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(12);
    font.setBold(bold);
    return font;
}

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

QColor GanttBarsItem::colour(BarState state)
{
    return GanttPalette::dark().colour(state);
}

Qt::BrushStyle GanttBarsItem::pattern(BarState state, bool overridden)
{
    if (state == BarState::Planned)
        return Qt::Dense6Pattern;
    if (state == BarState::Skipped)
        return Qt::BDiagPattern;
    if (state == BarState::Failed)
        return Qt::SolidPattern; // solid, to carry its word (FAILED, HALTED) readably
    if (state == BarState::Unknown)
        return Qt::DiagCrossPattern; // neither skipped's one-way hatching nor a solid outcome
    if (overridden)
        return Qt::Dense3Pattern;
    return Qt::SolidPattern;
}

QList<int> GanttBarsItem::placeLabels(const QList<qreal> &lefts, const QList<qreal> &widths,
                                      int lanes, qreal gap)
{
    QList<qreal> laneEnd(lanes, -1e12);
    QList<int> out;
    out.reserve(lefts.size());
    for (qsizetype i = 0; i < lefts.size(); ++i) {
        int lane = -1;
        for (int l = 0; l < lanes && lane < 0; ++l) {
            if (lefts.at(i) >= laneEnd.at(l) + gap)
                lane = l;
        }
        if (lane >= 0)
            laneEnd[lane] = lefts.at(i) + widths.at(i);
        out << lane;
    }
    return out;
}

void GanttBarsItem::setGantt(const GanttGeometry *gantt)
{
    m_gantt = gantt;
    // Markers are shared with the builder's fold until a new one arrives: compare the list's data
    // instead of reading every note again each second.
    const GanttMarker *data = gantt ? gantt->markers.constData() : nullptr;
    const qsizetype count = gantt ? gantt->markers.size() : 0;
    if (data != m_markersSeen || count != m_markersSeenCount) {
        m_lineMarkers.clear();
        if (gantt) {
            for (const GanttMarker &m : gantt->markers) {
                if (m.kind == GanttMarker::Kind::Milestone || m.kind == GanttMarker::Kind::Closed)
                    m_lineMarkers << m;
            }
        }
        m_markersSeen = data;
        m_markersSeenCount = count;
    }
    update();
}

void GanttBarsItem::setNoteDots(const QList<qint64> &dots)
{
    m_noteDots = dots;
    update();
}

void GanttBarsItem::setColours(const GanttPalette &palette)
{
    m_palette = palette;
    update();
}

QRectF GanttBarsItem::boundingRect() const
{
    return m_chart->plotArea();
}

qreal GanttBarsItem::xOf(qint64 ms) const
{
    return m_chart->mapToPosition(QPointF(static_cast<qreal>(ms) / msPerMinute, 0), m_anchor).x();
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
    painter->setFont(chartFont());
    for (int i = 0; i < m_gantt->rows.size(); ++i)
        paintRow(painter, i, area);
    paintMarkers(painter, area);
    paintNotes(painter, area);
    painter->restore();
}

void GanttBarsItem::paintRow(QPainter *painter, int i, const QRectF &area)
{
    const GanttRow &row = m_gantt->rows.at(i);
    const qreal scale = row.level == 0 ? 1.0 : 0.7;
    // Planned: a light hatched box behind; the critical path gets a strong outline.
    const QRectF planned = barRect(row.planned, i, 0.78 * scale);
    if (planned.intersects(area)) {
        painter->setBrush(QBrush(m_palette.planned, pattern(BarState::Planned, false)));
        painter->setPen(row.critical ? QPen(m_palette.critical, 2.0)
                                     : QPen(m_palette.planned, 1.0, Qt::DashLine));
        painter->drawRect(planned);
        ++m_paintedBars;
    }
    // Forecast: where the rest of the step is now expected, outlined and hatched so it never
    // reads as something that happened.
    if (row.hasForecast) {
        const QRectF r = barRect(row.forecast, i, 0.46 * scale);
        if (r.intersects(area)) {
            painter->setBrush(QBrush(m_palette.forecast, Qt::FDiagPattern));
            painter->setPen(QPen(m_palette.forecast, 1.5, Qt::DashLine));
            painter->drawRect(r);
        }
    }
    // Actual: a narrower solid bar in front, one per attempt; a failed one full height.
    for (const GanttBar &bar : row.actual) {
        const bool failed = bar.state == BarState::Failed;
        const QRectF r = barRect(bar, i, (failed ? 0.78 : 0.46) * scale);
        ++m_paintedBars;
        if (!r.intersects(area))
            continue;
        const QColor c = m_palette.colour(bar.state);
        painter->setBrush(QBrush(c, pattern(bar.state, bar.overridden)));
        painter->setPen(bar.overridden ? QPen(m_palette.overridden, 2.5) : QPen(c.darker(130)));
        painter->drawRect(r);
    }
    paintRuns(painter, row, i, area);
    paintBadges(painter, row, i);
}

// Runs: a thin strip along the bottom of the row, one segment per run; a failed or halted run
// twice as tall.
void GanttBarsItem::paintRuns(QPainter *painter, const GanttRow &row, int i, const QRectF &area)
{
    const qreal scale = row.level == 0 ? 1.0 : 0.7;
    for (const GanttBar &bar : row.runs) {
        QRectF r = barRect(bar, i, 0.78 * scale);
        const qreal share
            = bar.state == BarState::Failed || bar.state == BarState::Unknown ? 0.32 : 0.16;
        r.setTop(r.bottom() - std::max<qreal>(3.0, r.height() * share));
        ++m_paintedBars;
        if (!r.intersects(area))
            continue;
        const QColor c = m_palette.colour(bar.state);
        painter->setBrush(QBrush(c.lighter(115), pattern(bar.state, bar.overridden)));
        painter->setPen(QPen(c.darker(140)));
        painter->drawRect(r);
    }
}

// The words beside a row's last bar: a FAILED or HALTED badge, then how far over plan it ran.
void GanttBarsItem::paintBadges(QPainter *painter, const GanttRow &row, int i)
{
    if (row.actual.isEmpty() && row.runs.isEmpty())
        return;
    qreal right = 0;
    QRectF last;
    for (const QList<GanttBar> *bars : {&row.actual, &row.runs}) {
        for (const GanttBar &b : *bars) {
            const QRectF r = barRect(b, i, 0.46);
            if (r.right() >= right) {
                right = r.right();
                last = r;
            }
        }
    }
    // A fitted incident ends at the plot's right edge, where the words were cut off ("✕ FA"):
    // there they go inside the bar's end instead, right to left.
    const qreal edge = m_chart->plotArea().right() - 2;
    qreal x = right + 6;
    qreal inside = std::min(right, edge) - 4; // where words placed inside end
    const GanttRow::Alarm alarm = row.alarm();
    if (alarm != GanttRow::Alarm::None) {
        const bool unknown = alarm == GanttRow::Alarm::Unknown;
        const QString word = unknown                            ? tr("? OUTCOME UNKNOWN")
                             : alarm == GanttRow::Alarm::Halted ? tr("\u2715 HALTED")
                                                                : tr("\u2715 FAILED");
        // On the screen's light yellow of an unknown outcome white would not read, and dark text
        // would not on the paper palette's dark yellow.
        const QColor fill = unknown ? m_palette.unknown : m_palette.failed;
        const QColor text = !unknown                 ? m_palette.failedText
                            : fill.lightness() > 140 ? QColor(0x1a, 0x1a, 0x1a)
                                                     : QColor(Qt::white);
        const QFont bold = chartFont(true);
        painter->setFont(bold);
        const qreal w = QFontMetricsF(bold).horizontalAdvance(word) + 10;
        const bool fits = x + w <= edge;
        const QRectF badge(fits ? x : inside - w, last.center().y() - 9, w, 18);
        painter->setPen(fits ? QPen(Qt::NoPen) : QPen(text, 1));
        painter->setBrush(fill);
        painter->drawRect(badge);
        painter->setPen(text);
        painter->drawText(badge, Qt::AlignCenter, word);
        painter->setFont(chartFont());
        x = badge.right() + 6;
        inside = badge.left() - 6;
    }
    if (row.overrunMs > 0 && !row.actual.isEmpty()) {
        const QString text = tr("+%1 min over")
                                 .arg(static_cast<double>(row.overrunMs) / msPerMinute, 0, 'f', 1);
        const qreal w = QFontMetricsF(chartFont()).horizontalAdvance(text) + 2;
        const bool fits = x + w <= edge;
        // Inside a failed bar the words are on its colour; beside a bar, on the chart's.
        painter->setPen(!fits && alarm != GanttRow::Alarm::None ? m_palette.failedText
                                                                : m_palette.overrun);
        painter->drawText(QRectF(fits ? x : inside - w, last.center().y() - 10, w, 20),
                          Qt::AlignLeft | Qt::AlignVCenter, text);
    }
}

QList<GanttBarsItem::Mark> GanttBarsItem::marks() const
{
    QList<Mark> out;
    for (const GanttMarker &m : m_lineMarkers) {
        const bool closed = m.kind == GanttMarker::Kind::Closed;
        out << Mark{m.atMs, m.label,
                    closed ? QPen(m_palette.closed, 2.0, Qt::DotLine)
                           : QPen(m_palette.milestone, 2.0)};
    }
    if (m_gantt->hasForecast && m_gantt->forecastFinishMs > m_gantt->nowMs) {
        out << Mark{m_gantt->forecastFinishMs,
                    tr("forecast finish \u2248 %1 (plan %2)")
                        .arg(formatPlanTime(m_gantt->forecastFinishMs),
                             formatPlanTime(m_gantt->plannedFinishMs)),
                    QPen(m_palette.forecast, 2.0, Qt::DashDotLine)};
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Mark &a, const Mark &b) { return a.atMs < b.atMs; });
    return out;
}

void GanttBarsItem::paintMarkers(QPainter *painter, const QRectF &area)
{
    m_labelRects.clear();
    m_droppedLabels = 0;
    const QList<Mark> all = marks();
    QList<qreal> xs, lefts, widths;
    QList<Mark> visible;
    const QFontMetricsF metrics(painter->font());
    for (const Mark &m : all) {
        const qreal x = xOf(m.atMs);
        if (x < area.left() || x > area.right())
            continue;
        visible << m;
        xs << x;
        const qreal w = metrics.horizontalAdvance(m.label) + 8;
        // A name that would run off the right edge goes to the left of its line.
        lefts << (x + 4 + w > area.right() ? x - 4 - w : x + 4);
        widths << w;
    }
    const QList<int> lanes = placeLabels(lefts, widths, labelLanes, 4);
    for (qsizetype k = 0; k < visible.size(); ++k) {
        painter->setPen(visible.at(k).pen);
        painter->drawLine(QPointF(xs.at(k), area.top()), QPointF(xs.at(k), area.bottom()));
        if (lanes.at(k) < 0) {
            ++m_droppedLabels; // named in the line's tooltip
            continue;
        }
        const QRectF r(lefts.at(k), area.top() + noteRow + lanes.at(k) * laneHeight, widths.at(k),
                       laneHeight - 2);
        painter->fillRect(r, m_palette.background);
        painter->drawText(r, Qt::AlignCenter, visible.at(k).label);
        m_labelRects << r;
    }
}

void GanttBarsItem::paintNotes(QPainter *painter, const QRectF &area)
{
    m_paintedDots = 0;
    // On screen a dot is one blit of a pixmap drawn once: three hundred antialiased ellipses cost
    // 6 ms a frame (bench_gantt). Files (SVG, PDF) get real ellipses, not 300 embedded images.
    const bool raster = painter->paintEngine()->type() == QPaintEngine::Raster;
    if (raster && (m_dot.isNull() || m_dotColour != m_palette.note)) {
        m_dot = QPixmap(12, 12);
        m_dot.fill(Qt::transparent);
        QPainter p(&m_dot);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(m_palette.background, 1.5));
        p.setBrush(m_palette.note);
        p.drawEllipse(QPointF(6, 6), 4.5, 4.5);
        m_dotColour = m_palette.note;
    }
    painter->setRenderHint(QPainter::Antialiasing, !raster);
    painter->setPen(QPen(m_palette.background, 1.5));
    painter->setBrush(m_palette.note);
    const qreal y = area.top() + noteRow / 2;
    for (qint64 ms : m_noteDots) {
        const qreal x = xOf(ms);
        if (x < area.left() - 5 || x > area.right() + 5)
            continue;
        if (raster) // on whole pixels: a plain blit, not a resampled one
            painter->drawPixmap(QPoint(qRound(x) - 6, qRound(y) - 6), m_dot);
        else
            painter->drawEllipse(QPointF(x, y), 4.5, 4.5);
        ++m_paintedDots;
    }
}

// The notes under a dot: every note within its few pixels, not only the one that drew it.
QString GanttBarsItem::notesNear(const QPointF &pos) const
{
    const qreal y = m_chart->plotArea().top() + noteRow / 2;
    if (std::abs(pos.y() - y) > 6)
        return {};
    QStringList lines;
    for (const GanttMarker &m : m_gantt->markers) {
        if (m.kind == GanttMarker::Kind::Note && std::abs(xOf(m.atMs) - pos.x()) <= 5) {
            if (lines.size() == 10) {
                lines << tr("… and more");
                break;
            }
            lines << QStringLiteral("%1  %2").arg(formatElapsed(m.atMs),
                                                  m_noteText ? m_noteText(m.seq) : m.label);
        }
    }
    return lines.join(u'\n');
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
        // On a drill's clock a moment is drill time: declaration + ms is no moment of the day.
        if (m_gantt->onDrillClock)
            return formatElapsed(ms);
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
    if (r.alarm() == GanttRow::Alarm::Halted)
        lines << tr("HALTED: its last run stopped on a guard");
    else if (r.alarm() == GanttRow::Alarm::Failed)
        lines << tr("FAILED");
    else if (r.alarm() == GanttRow::Alarm::Unknown)
        lines << tr("OUTCOME UNKNOWN: a request went out and got no answer, so it may have run");
    lines << QStringLiteral("planned: %1 \u2192 %2%3")
                 .arg(when(r.planned.startMs), when(r.planned.endMs),
                      r.critical ? QStringLiteral(" (critical path)") : QString());
    if (r.hasForecast)
        lines << tr("forecast: %1 \u2192 %2").arg(when(r.forecast.startMs), when(r.forecast.endMs));
    if (r.overrunMs > 0)
        lines << QStringLiteral("over plan by %1").arg(formatElapsed(r.overrunMs).mid(2));
    return lines.join(u'\n');
}

// The names of the marker lines within a few pixels: every name, also those with no room.
QString GanttBarsItem::marksNear(qreal x) const
{
    QStringList names;
    for (const Mark &m : marks()) {
        if (std::abs(xOf(m.atMs) - x) <= 4)
            names << QStringLiteral("%1  %2").arg(formatElapsed(m.atMs), m.label);
    }
    return names.join(u'\n');
}

void GanttBarsItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    if (!m_gantt)
        return;
    QString near = notesNear(event->pos());
    if (near.isEmpty())
        near = marksNear(event->pos().x());
    // A note is typed, and a title may carry values typed at declaration: shown, not obeyed.
    if (!near.isEmpty()) {
        setToolTip(BidiControls::shown(near));
        return;
    }
    const int row = rowAt(event->pos());
    setToolTip(row >= 0 ? BidiControls::shown(describe(row, event->pos())) : QString());
}

void GanttBarsItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    const int row = rowAt(event->pos());
    if (row >= 0)
        emit stepClicked(m_gantt->rows.at(row).stepId);
    event->accept();
}

} // namespace warroom
