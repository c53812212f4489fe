#include "ui/wall/WallFittedLabel.h"

#include <QEvent>
#include <QTextLayout>

#include <algorithm>

namespace warroom {

WallFittedLabel::WallFittedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // It asks for its whole text's height (heightForWidth) and takes what the layout can give,
    // down to one line (minimumSizeHint), fitting its text to that.
}

void WallFittedLabel::setFullText(const QString &text)
{
    // One block: a reason or an answer from an HTTP body may hold line breaks, which the layout
    // below would not count and the label would draw.
    QString flat = text;
    flat.replace(QLatin1String("\r\n"), QLatin1String(" "))
        .replace(u'\n', u' ')
        .replace(u'\r', u' ');
    if (flat == m_full)
        return;
    m_full = flat;
    fit();
    updateGeometry();
}

// The sizes are those of the whole text, so that the layout gives it the room it wants when the
// room is there, whatever was cut before.
int WallFittedLabel::heightForWidth(int width) const
{
    const QMargins m = contentsMargins();
    const QRect r = fontMetrics().boundingRect(
        QRect(0, 0, std::max(1, width - m.left() - m.right()), 100'000), Qt::TextWordWrap, m_full);
    return r.height() + m.top() + m.bottom();
}

QSize WallFittedLabel::sizeHint() const
{
    const QSize s = QLabel::sizeHint();
    return {s.width(), heightForWidth(s.width())};
}

QSize WallFittedLabel::minimumSizeHint() const
{
    const QMargins m = contentsMargins();
    return {fontMetrics().averageCharWidth() * 8 + m.left() + m.right(),
            fontMetrics().height() + m.top() + m.bottom()};
}

void WallFittedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    fit();
}

void WallFittedLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    // The wall's style sheet sets the font after the text.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fit();
}

void WallFittedLabel::fit()
{
    const QRect area = contentsRect();
    const int width = std::max(1, area.width());
    const QFontMetrics fm = fontMetrics();
    // n lines take n line spacings less the last one's leading.
    const int fits = std::max(1, (area.height() - fm.height()) / std::max(1, fm.lineSpacing()) + 1);
    QTextLayout layout(m_full, font());
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    QStringList lines;
    int restFrom = -1;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        if (lines.size() + 1 == fits) {
            restFrom = line.textStart();
            break;
        }
        lines << m_full.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    // Everything fits, or the rest is one last line: shown as it is.
    if (restFrom < 0) {
        setText(m_full);
        return;
    }
    const QString rest = m_full.mid(restFrom).simplified();
    // Whole only when it is one line as written: a line break in it would take another.
    if (!QStringView(m_full).mid(restFrom).contains(u'\n') && fm.horizontalAdvance(rest) <= width) {
        setText(m_full);
        return;
    }
    // Each line that fits as the layout broke it, so the label wraps no further; then the rest,
    // cut to the width.
    lines << fm.elidedText(rest, Qt::ElideRight, width);
    setText(lines.join(u'\n'));
}

} // namespace warroom
