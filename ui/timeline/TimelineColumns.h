#pragma once

#include <QObject>
#include <QSet>

class QTableView;

namespace warroom {

class TimelineModel;

// Sizes the timeline table's short columns to what they hold, however many rows there are: `#`
// to the largest sequence number (never "2…" past 99 events), UTC and T+ to their fixed formats
// (T+ to the longest elapsed time), Step to the largest step number, and Who to the longest
// name, up to a cap beyond which the name elides and its cell's tooltip gives it in full.
// Widths come from the events and the font, never from ResizeToContents: that measured a
// thousand rows' cells through the delegate at every layout (≈ 70 ms at 100,000 events on the
// first frame, again whenever the window's layout moved, e.g. when the "Verifying" line goes).
class TimelineColumns : public QObject
{
    Q_OBJECT

public:
    explicit TimelineColumns(QTableView *view);

    // Recomputes the widths from every event (a new model or session, a new font after a zoom).
    void refit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The TimelineModel under the view's proxies, or null.
    const TimelineModel *timeline() const;
    // Reads the events not read yet: their actors and the largest seq and elapsed time.
    void scanNewEvents();
    void apply();
    void setWidth(int column, int contentWidth, int margin);

    QTableView *m_view;
    QSet<QString> m_actors;
    const void *m_lastActor = nullptr; // consecutive events share their actor's text
    qint64 m_maxSeq = 0;
    qint64 m_maxElapsedMs = 0;
    qsizetype m_scanned = 0; // events of the model's session read so far
};

} // namespace warroom
