#include "ui/wall/WallEntryLabel.h"

#include <QPainter>
#include <QStyle>
#include <QStyleOption>
#include <QTextLayout>
#include <QTextOption>

#include <cmath>

namespace warroom {

WallEntryLabel::WallEntryLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true); // QLabel's height-for-width contract; the wrapping itself is ours
    setTextFormat(Qt::PlainText);
}

void WallEntryLabel::setHeightLimit(int pixels)
{
    if (pixels == m_heightLimit)
        return;
    m_heightLimit = pixels;
    update();
}

int WallEntryLabel::contentWidth(int width) const
{
    const QMargins m = contentsMargins();
    return std::max(1, width - m.left() - m.right());
}

QList<WallEntryLabel::Line> WallEntryLabel::lines(int width) const
{
    const QString all = text();
    QTextLayout layout(all, font(), this);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    QList<Line> out;
    QList<int> starts;
    qreal height = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
        out.append({all.mid(line.textStart(), line.textLength()), line.ascent(), line.height()});
        starts.append(line.textStart());
    }
    layout.endLayout();
    if (m_heightLimit <= 0 || std::ceil(height) <= m_heightLimit)
        return out;
    // Whole lines up to the limit (one at least); the last says where the rest was cut.
    const QMargins m = contentsMargins();
    qreal kept = m.top() + m.bottom();
    qsizetype count = 0;
    while (count < out.size() && kept + out.at(count).height <= m_heightLimit)
        kept += out.at(count++).height;
    count = std::max<qsizetype>(count, 1);
    out.resize(count);
    out.last().text = fontMetrics().elidedText(all.mid(starts.at(count - 1)), Qt::ElideRight,
                                               width);
    return out;
}

QStringList WallEntryLabel::shownLines() const
{
    QStringList out;
    for (const Line &line : lines(contentsRect().width()))
        out << line.text;
    return out;
}

int WallEntryLabel::heightForWidth(int width) const
{
    qreal height = 0;
    for (const Line &line : lines(contentWidth(width)))
        height += line.height;
    const QMargins m = contentsMargins();
    return static_cast<int>(std::ceil(height)) + m.top() + m.bottom();
}

void WallEntryLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    QStyleOption option;
    option.initFrom(this);
    style()->drawPrimitive(QStyle::PE_Widget, &option, &painter, this); // a style sheet's box
    painter.setFont(font());
    painter.setPen(palette().color(foregroundRole()));
    const QRect box = contentsRect();
    qreal y = box.top();
    for (const Line &line : lines(box.width())) {
        painter.drawText(QPointF(box.left(), y + line.ascent), line.text);
        y += line.height;
    }
}

} // namespace warroom
