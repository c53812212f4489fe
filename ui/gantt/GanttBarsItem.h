#pragma once

#include "gantt/GanttGeometry.h"

#include <QGraphicsObject>

class QChart;
class QAbstractSeries;

namespace warroom {

// Paints every bar of a GanttGeometry in one pass over the chart's plot area, in the chart's value
// coordinates (x: minutes since declaration, y: rows). One item for all bars keeps a redraw of a
// thousand bars as cheap as a single paint call; Qt Charts series stay for the axes, the now line,
// milestones and notes.
class GanttBarsItem : public QGraphicsObject
{
    Q_OBJECT

public:
    GanttBarsItem(QChart *chart, QAbstractSeries *anchor);

    void setGantt(const GanttGeometry *gantt);
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    int paintedBars() const { return m_paintedBars; }

    static QColor colour(BarState state);
    static Qt::BrushStyle pattern(BarState state, bool overridden);

signals:
    void stepClicked(const QString &stepId);

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;

private:
    // Row i: its planned box, actual bars, run strip and overrun label.
    void paintRow(QPainter *painter, int i, const QRectF &area);
    // Milestones and the close, as lines through every row.
    void paintMarkers(QPainter *painter, const QRectF &area) const;
    QRectF barRect(const GanttBar &bar, int row, qreal heightFraction) const;
    int rowAt(const QPointF &pos) const;
    QString describe(int row, const QPointF &pos) const;

    QChart *m_chart;
    QAbstractSeries *m_anchor; // any series on both axes: mapToPosition needs one
    const GanttGeometry *m_gantt = nullptr;
    int m_paintedBars = 0;
};

} // namespace warroom
