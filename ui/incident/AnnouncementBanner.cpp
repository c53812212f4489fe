#include "ui/incident/AnnouncementBanner.h"
#include "ui/incident/ElidedLabel.h"

#include "ui/facilitation/FacilitationSession.h"

#include "util/TimeFormat.h"

#include <QStyle>
#include <QVBoxLayout>

namespace warroom {

AnnouncementBanner::AnnouncementBanner(FacilitationSession &session, QWidget *parent)
    : QFrame(parent)
    , m_session(session)
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("announcementBanner"));
    // Its own colours: the console's style sheet does not know it, and an inject must stand out.
    setStyleSheet(QStringLiteral(
        "#announcementBanner { background: #5a3d00; border: 2px solid #f0b429; }"
        "#announcementBanner QLabel { color: #fff4d6; font-size: 13pt; font-weight: bold; }"
        "#announcementBanner QLabel[paused=\"true\"] { color: #cfe3ff; font-weight: normal; }"));
    // Across the whole window: a tool bar gives its extra width to an expanding widget.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    m_layout->setContentsMargins(8, 4, 8, 4);
    m_layout->setSpacing(2);
    connect(&session, &FacilitationSession::changed, this, &AnnouncementBanner::refresh);
    // The "waiting" time moves on; the drill clock is read, so a pause stops it.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &AnnouncementBanner::refresh);
    m_tick.start();
    refresh();
}

QStringList AnnouncementBanner::lines() const
{
    QStringList out;
    if (const QString ended = m_session.endedLine(); !ended.isEmpty())
        out << ended;
    if (m_session.isPaused())
        // What the room does in the pause first: a narrow console cuts the line from the right.
        out << tr("DRILL PAUSED at %1 \u2014 what you do now is timed at %1; the facilitator "
                  "stopped the drill clock.")
                   .arg(formatElapsed(m_session.drillNow()));
    const qint64 now = m_session.drillNow();
    for (const PendingAnnouncement &a : m_session.pendingAnnouncements())
        out << tr("INJECT at %1 to %2: %3   (waiting %4 \u2014 Ctrl+K acknowledges)")
                   .arg(formatElapsed(a.firedAtMs), a.toRole, a.text,
                        formatElapsed(now - a.firedAtMs).mid(2));
    return out;
}

void AnnouncementBanner::refresh()
{
    const QStringList now = lines();
    while (m_labels.size() < now.size()) {
        // One line each: a wrapped label in a tool bar asks for the height of its narrowest
        // layout, which leaves the banner far taller than its text. Elided, with the whole line
        // in its tooltip: a long inject or the drill's end made the console wider than a
        // 1600-pixel screen, its clock and the banner's own end off the right edge.
        auto *label = new ElidedLabel(this);
        label->setObjectName(QStringLiteral("announcementLine"));
        m_layout->addWidget(label);
        m_labels.append(label);
    }
    for (qsizetype i = 0; i < m_labels.size(); ++i) {
        ElidedLabel *label = m_labels.at(i);
        label->setVisible(i < now.size());
        if (i >= now.size())
            continue;
        label->setFullText(now.at(i)); // an inject is typed or from a file: its bidi controls shown
        // The clock's state, not an inject: in the calmer colour.
        label->setProperty("paused", now.at(i).startsWith(QLatin1String("DRILL PAUSED"))
                                         || now.at(i).startsWith(QLatin1String("DRILL ENDED")));
        label->style()->unpolish(label);
        label->style()->polish(label);
    }
    // Shown and hidden by whoever holds it (wanted): a widget in a tool bar follows its action.
    if (m_shown != !now.isEmpty()) {
        m_shown = !now.isEmpty();
        emit wanted(m_shown);
    }
}

} // namespace warroom
