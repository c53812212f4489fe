#include "ui/incident/ElidedLabel.h"

#include "util/BidiControls.h"
#include <QEvent>

#include <algorithm>
#include <cmath>

namespace warroom {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    m_elides = false;
    setElided(true);
}

// Its texts are typed or come from files (names, roles, step titles): a bidirectional control
// in one is shown, not obeyed.
void ElidedLabel::setFullText(const QString &typed, const QString &keptTail)
{
    const QString tail = BidiControls::shown(keptTail);
    const QString text = BidiControls::shown(typed) + tail;
    if (text == m_full && tail.size() == m_tailSize)
        return;
    m_full = text;
    m_tailSize = tail.size();
    setToolTip(text);
    showText();
    updateGeometry();
}

void ElidedLabel::setElided(bool elided)
{
    if (elided == m_elides)
        return;
    m_elides = elided;
    setWordWrap(!elided);
    // Elided, it takes the width that is left and gives it up before anything else on its row.
    setSizePolicy(elided ? QSizePolicy::Ignored : QSizePolicy::Preferred,
                  elided ? QSizePolicy::Fixed : QSizePolicy::Preferred);
    showText();
    updateGeometry();
}

int ElidedLabel::wrappedHeight(int width) const
{
    const QMargins m = contentsMargins();
    const QRect r = fontMetrics().boundingRect(QRect(0, 0, std::max(1, width - m.left() - m.right()),
                                                     100'000),
                                               Qt::TextWordWrap, m_full);
    return r.height() + m.top() + m.bottom();
}

QSize ElidedLabel::sizeHint() const
{
    if (!m_elides)
        return QLabel::sizeHint();
    // Rounded up and one pixel over: at the integer advance elidedText() cut the line it was
    // measured for ("… under 1 min on d…" in a label of its own hint's width).
    const QMargins m = contentsMargins();
    const int advance = int(std::ceil(QFontMetricsF(font()).horizontalAdvance(m_full))) + 1;
    return {advance + m.left() + m.right(), fontMetrics().height() + m.top() + m.bottom()};
}

QSize ElidedLabel::minimumSizeHint() const
{
    if (!m_elides)
        return QLabel::minimumSizeHint();
    // A few characters and the ellipsis: never wider than that, never taller than one line.
    const QMargins m = contentsMargins();
    return {fontMetrics().averageCharWidth() * 4 + m.left() + m.right(),
            fontMetrics().height() + m.top() + m.bottom()};
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    if (m_elides)
        showText();
}

void ElidedLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    // A zoom or the style sheet changes the font, and with it how much of the text fits.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        showText();
}

void ElidedLabel::showText()
{
    const int width = std::max(0, contentsRect().width());
    QString shown = m_full;
    if (m_elides) {
        const QString tail = m_full.right(m_tailSize);
        const int tailWidth = int(std::ceil(QFontMetricsF(font()).horizontalAdvance(tail)));
        // The tail whole only where a few characters of the head still show before it.
        const int headWidth = width - tailWidth;
        shown
            = m_tailSize > 0 && headWidth >= fontMetrics().averageCharWidth() * 4
                  ? fontMetrics().elidedText(m_full.chopped(m_tailSize), Qt::ElideRight, headWidth)
                        + tail
                  : fontMetrics().elidedText(m_full, Qt::ElideRight, width);
    }
    if (shown != text())
        setText(shown);
}

} // namespace warroom
