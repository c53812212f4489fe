#pragma once

#include <QLabel>
#include <QList>

namespace warroom {

// One entry of the wall's recent list. QLabel wraps at spaces only, so an unbroken word wider
// than the wall (a URL, a trace id, a pasted token) ran off its right edge and was cut there:
// this label wraps at a space where it can and anywhere in a word that does not fit
// (QTextOption::WrapAtWordBoundaryOrAnywhere). Given a height limit, it shows the lines that fit
// and ends the last one with "…", so a cut is always seen. text() is the whole entry.
class WallEntryLabel : public QLabel
{
    Q_OBJECT

public:
    explicit WallEntryLabel(QWidget *parent = nullptr);

    // No more than this many pixels tall (0: no limit).
    void setHeightLimit(int pixels);
    // The lines as drawn at the label's width, the last one elided if the limit cut it.
    QStringList shownLines() const;

    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Line
    {
        QString text;
        qreal ascent = 0;
        qreal height = 0;
    };
    QList<Line> lines(int width) const;
    int contentWidth(int width) const;

    int m_heightLimit = 0;
};

} // namespace warroom
