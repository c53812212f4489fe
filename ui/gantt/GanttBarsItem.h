#pragma once

#include "gantt/GanttGeometry.h"
#include "gantt/GanttPalette.h"

#include <QGraphicsObject>
#include <QPen>
#include <QPixmap>

#include <functional>

class QChart;
class QAbstractSeries;

namespace warroom {

// Paints every bar of a GanttGeometry in one pass over the chart's plot area, in the chart's value
// coordinates (x: minutes since declaration, y: rows). One item for all bars keeps a redraw of a
// thousand bars as cheap as a single paint call; Qt Charts series stay for the axes, the now line
// and notes. Milestones, the close and the forecast finish are lines with their names, stacked in
// lanes so that no two names overlap.
class GanttBarsItem : public QGraphicsObject
{
    Q_OBJECT

public:
    GanttBarsItem(QChart *chart, QAbstractSeries *anchor);

    void setGantt(const GanttGeometry *gantt);
    void setColours(const GanttPalette &palette);
    // Where to draw a note's dot along the top (elapsed ms), already thinned out by the view.
    void setNoteDots(const QList<qint64> &dots);
    // A note's text, by its event's seq, for the tooltip: the geometry does not copy note texts.
    // Without one, a note is named only by its time.
    using NoteText = std::function<QString(qint64 seq)>;
    void setNoteText(NoteText noteText) { m_noteText = std::move(noteText); }
    int paintedNoteDots() const { return m_paintedDots; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    int paintedBars() const { return m_paintedBars; }
    // The rectangles of the marker names painted last, for tests: none may overlap.
    const QList<QRectF> &markerLabelRects() const { return m_labelRects; }
    int droppedMarkerLabels() const { return m_droppedLabels; }

    static QColor colour(BarState state); // the screen's (dark) palette
    static Qt::BrushStyle pattern(BarState state, bool overridden);
    // Greedy lanes for labels sorted by x: each goes in the first lane where it clears the one
    // before by `gap`; -1 when no lane has room (the mark is then named in its tooltip).
    static QList<int> placeLabels(const QList<qreal> &lefts, const QList<qreal> &widths, int lanes,
                                  qreal gap);

signals:
    void stepClicked(const QString &stepId);

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;

private:
    struct Mark
    {
        qint64 atMs;
        QString label;
        QPen pen;
    };
    // Row i: its planned box, forecast, actual bars, run strip and the words beside them.
    void paintRow(QPainter *painter, int i, const QRectF &area);
    void paintRuns(QPainter *painter, const GanttRow &row, int i, const QRectF &area);
    void paintBadges(QPainter *painter, const GanttRow &row, int i);
    // Milestones, the close and the forecast finish, as lines through every row with names.
    void paintMarkers(QPainter *painter, const QRectF &area);
    void paintNotes(QPainter *painter, const QRectF &area);
    QString notesNear(const QPointF &pos) const;
    QList<Mark> marks() const;
    qreal xOf(qint64 ms) const;
    QRectF barRect(const GanttBar &bar, int row, qreal heightFraction) const;
    int rowAt(const QPointF &pos) const;
    QString describe(int row, const QPointF &pos) const;
    QString marksNear(qreal x) const;

    QChart *m_chart;
    QAbstractSeries *m_anchor; // any series on both axes: mapToPosition needs one
    const GanttGeometry *m_gantt = nullptr;
    NoteText m_noteText;
    GanttPalette m_palette = GanttPalette::dark();
    // Milestones and closes, found again only when the markers change (notes may be thousands).
    QList<GanttMarker> m_lineMarkers;
    const GanttMarker *m_markersSeen = nullptr;
    qsizetype m_markersSeenCount = -1;
    int m_paintedBars = 0;
    QList<QRectF> m_labelRects;
    int m_droppedLabels = 0;
    QList<qint64> m_noteDots;
    QPixmap m_dot;
    QColor m_dotColour;
    int m_paintedDots = 0;
};

} // namespace warroom
