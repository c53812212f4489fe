#pragma once

#include "wall/WallState.h"

#include <QWidget>

namespace warroom {

class WallEntryLabel;

// The last timeline entries, newest first, each wrapped whole: as many as fit in the height the
// wall has left, the oldest dropped first, so nothing scrolls and nothing is cut mid-sentence.
// Only the newest entry, alone taller than the list, is cut, and ends in "…" (WallEntryLabel).
class WallRecentList : public QWidget
{
    Q_OBJECT

public:
    explicit WallRecentList(QWidget *parent = nullptr);
    void setEntries(const QList<WallTimelineEntry> &entries);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fit();

    QList<WallEntryLabel *> m_labels;
    int m_count = 0;
};

} // namespace warroom
