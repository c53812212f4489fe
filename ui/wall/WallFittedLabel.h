#pragma once

#include <QLabel>

namespace warroom {

// A wall label that shows as many whole lines of its text as its height holds, the last one cut
// with "…". A plain wrapped label given less height than its text drew every line, centred, cut
// through the middle of the first and the last: a lapsed screen's reason under OUTCOME UNKNOWN
// read "job state, waiting for == succeeded · …" with half-lines above and below. The whole text
// stays on the console and in the timeline; the wall says what fits.
class WallFittedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit WallFittedLabel(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    QString fullText() const { return m_full; }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void fit();

    QString m_full;
};

} // namespace warroom
