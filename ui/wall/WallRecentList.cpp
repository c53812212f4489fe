#include "ui/wall/WallRecentList.h"

#include "ui/wall/WallEntryLabel.h"
#include "ui/wall/WallStyle.h"

#include <QResizeEvent>

namespace warroom {

WallRecentList::WallRecentList(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("wallRecent"));
    // Whatever height is left after the fixed parts, and never more: it gives way first.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
}

void WallRecentList::setEntries(const QList<WallTimelineEntry> &entries)
{
    while (m_labels.size() < entries.size()) {
        auto *label = new WallEntryLabel(this);
        label->setObjectName(QStringLiteral("wallRecentEntry"));
        m_labels.append(label);
    }
    m_count = static_cast<int>(entries.size());
    for (int i = 0; i < m_count; ++i) {
        const WallTimelineEntry &e = entries.at(i);
        m_labels.at(i)->setText(QStringLiteral("%1  %2 \u00B7 %3").arg(e.time, e.actor, e.text));
        WallStyle::setTone(m_labels.at(i), e.overrideEvent ? WallTone::Deferred : WallTone::Pending);
    }
    fit();
}

void WallRecentList::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fit();
}

void WallRecentList::fit()
{
    const int gap = WallStyle::pixels(0.6, window()->height());
    int y = 0;
    for (int i = 0; i < m_labels.size(); ++i) {
        WallEntryLabel *label = m_labels.at(i);
        label->ensurePolished();
        // The newest entry shows even when it alone is taller than the list: cut, with "…".
        label->setHeightLimit(i == 0 ? height() : 0);
        const int h = label->heightForWidth(width());
        const bool fits = i < m_count && y + h <= height();
        label->setVisible(fits);
        if (!fits) {
            // Older entries go with it: the list stays a run of the newest.
            for (int j = i + 1; j < m_labels.size(); ++j)
                m_labels.at(j)->hide();
            return;
        }
        label->setGeometry(0, y, width(), h);
        y += h + gap;
    }
}

} // namespace warroom
