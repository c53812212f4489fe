#pragma once

#include <QObject>
#include <QSet>

class QTableView;

namespace warroom {

// Sizes the timeline table's short columns to what they hold, however many rows there are: `#`
// to the largest sequence number (never "2…" past 99 events) and Who to the longest name, up to
// a cap beyond which the name elides and its cell's tooltip gives it in full. ResizeToContents
// looks only at the rows it samples, and the table grows from the bottom.
class TimelineColumns : public QObject
{
    Q_OBJECT

public:
    explicit TimelineColumns(QTableView *view);

    // Recomputes both widths from every row (a new model, a new font after a zoom).
    void refit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addRows(int first, int last);
    void apply();

    QTableView *m_view;
    QSet<QString> m_actors;
    qint64 m_maxSeq = 0;
};

} // namespace warroom
