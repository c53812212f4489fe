#pragma once

#include "wall/WallState.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace warroom {

class WallCurrentPanel;
class WallHeader;
class WallRecentList;
class WallStepStrip;

// The wall's parts stacked from top to bottom: header, current step and item with the live
// value, a poll before another step's item, announcements (the slot injects and handovers use),
// the step strip, the latest timeline entries. Sizes come from the
// window's style sheet (WallStyle); this only lays out a WallState.
class WallView : public QWidget
{
    Q_OBJECT

public:
    explicit WallView(QWidget *parent = nullptr);
    void setState(const WallState &state);
    // Margins and spacing for a screen this tall.
    void setScreenHeight(int height);

private:
    void setAnnouncements(const QList<WallAnnouncement> &announcements);

    QVBoxLayout *m_layout;
    QLabel *m_empty;
    WallHeader *m_header;
    WallCurrentPanel *m_current;
    QLabel *m_pollAside; // a poll before another item than the current one, named
    QWidget *m_announcements;
    QVBoxLayout *m_announcementLayout;
    QList<QLabel *> m_announcementLabels;
    WallStepStrip *m_strip;
    WallRecentList *m_recent;
};

} // namespace warroom
