#include "ui/wall/WallView.h"

#include "ui/wall/WallCurrentPanel.h"
#include "ui/wall/WallHeader.h"
#include "ui/wall/WallRecentList.h"
#include "ui/wall/WallStepStrip.h"
#include "ui/wall/WallStyle.h"

#include <QFrame>
#include <QLabel>
#include <QVBoxLayout>

namespace warroom {

WallView::WallView(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
    , m_empty(new QLabel(this))
    , m_header(new WallHeader(this))
    , m_current(new WallCurrentPanel(this))
    , m_pollAside(new QLabel(this))
    , m_announcements(new QWidget(this))
    , m_announcementLayout(new QVBoxLayout(m_announcements))
    , m_strip(new WallStepStrip(this))
    , m_recent(new WallRecentList(this))
{
    setObjectName(QStringLiteral("wallView"));
    m_empty->setObjectName(QStringLiteral("wallEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText); // a problem's text holds a path, never markup
    m_empty->setAlignment(Qt::AlignCenter);
    m_announcementLayout->setContentsMargins(0, 0, 0, 0);
    m_pollAside->setObjectName(QStringLiteral("wallPoll"));
    m_pollAside->setWordWrap(true);
    m_pollAside->setTextFormat(Qt::PlainText);
    m_layout->addWidget(m_empty, 1);
    m_layout->addWidget(m_header);
    m_layout->addWidget(m_current);
    m_layout->addWidget(m_pollAside);
    m_layout->addWidget(m_announcements);
    m_layout->addWidget(m_strip);
    m_layout->addWidget(m_recent, 1);
    setState({});
}

void WallView::setScreenHeight(int height)
{
    const int margin = WallStyle::pixels(1.5, height);
    m_layout->setContentsMargins(margin, margin, margin, margin);
    m_layout->setSpacing(WallStyle::pixels(1.0, height));
    // Every inner layout too: the style's default margins are fixed pixels, which would make
    // the parts relatively larger on a small screen than on a large one.
    for (QLayout *inner : findChildren<QLayout *>()) {
        if (inner == m_layout)
            continue;
        // Padding only inside a frame's own layout: rows nested in it would add it again.
        const bool framed = qobject_cast<QFrame *>(inner->parentWidget()) != nullptr
                            && inner->parentWidget()->layout() == inner;
        const int pad = framed ? WallStyle::pixels(0.7, height) : 0;
        inner->setContentsMargins(pad, pad, pad, pad);
        inner->setSpacing(WallStyle::pixels(0.5, height));
    }
}

void WallView::setState(const WallState &state)
{
    m_empty->setVisible(!state.hasIncident);
    for (QWidget *part : std::initializer_list<QWidget *>{m_header, m_current, m_strip, m_recent})
        part->setVisible(state.hasIncident);
    if (!state.hasIncident) {
        m_empty->setText(state.problem.isEmpty()
                             ? tr("No incident is open.\nThe wall shows the next one as soon as it "
                                  "is declared or opened.")
                             : state.problem);
        WallStyle::setTone(m_empty, state.problem.isEmpty() ? WallTone::Pending : WallTone::Failed);
        m_announcements->hide();
        m_pollAside->hide();
        return;
    }
    m_pollAside->setText(state.poll);
    m_pollAside->setVisible(!state.poll.isEmpty() && !state.pollOnCurrentItem);
    WallStyle::setTone(m_pollAside, state.pollTone);
    m_header->setState(state);
    m_current->setState(state);
    m_strip->setSteps(state.steps);
    m_recent->setEntries(state.recent);
    setAnnouncements(state.announcements);
}

void WallView::setAnnouncements(const QList<WallAnnouncement> &announcements)
{
    while (m_announcementLabels.size() < announcements.size()) {
        auto *label = new QLabel(m_announcements);
        label->setObjectName(QStringLiteral("wallAnnouncement"));
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        m_announcementLayout->addWidget(label);
        m_announcementLabels.append(label);
    }
    for (qsizetype i = 0; i < m_announcementLabels.size(); ++i) {
        QLabel *label = m_announcementLabels.at(i);
        label->setVisible(i < announcements.size());
        if (i >= announcements.size())
            continue;
        label->setText(announcements.at(i).text);
        WallStyle::setTone(label, announcements.at(i).tone);
    }
    m_announcements->setVisible(!announcements.isEmpty());
}

} // namespace warroom
