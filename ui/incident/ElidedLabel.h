#pragma once

#include <QLabel>

namespace warroom {

// A label that can give up height: elided, it shows its text on one line cut to the width, with
// the whole text in the tooltip; otherwise it wraps like any label. The console's header keeps
// its roles line elided; the step panel elides the step's title only when the panel is too short
// for the title and the current item both (at 1280x720 they did not fit).
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    // `keptTail` follows `text` and is never cut while the label is wider than it: the
    // commander line cuts a long name, not the time on duty and the suggestion to hand over
    // after it (cut at the end, those went first).
    void setFullText(const QString &text, const QString &keptTail = {});
    QString fullText() const { return m_full; }
    void setElided(bool elided);
    bool elides() const { return m_elides; }
    // Whether the label shows less than its full text (the rest is in the tooltip).
    bool isCut() const { return text() != m_full; }
    // The height it needs at this width when it wraps.
    int wrappedHeight(int width) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showText();

    QString m_full;
    qsizetype m_tailSize = 0; // the end of m_full that is kept whole
    bool m_elides = true;
};

} // namespace warroom
