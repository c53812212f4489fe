#pragma once

#include <QFrame>
#include <QTimer>

class QVBoxLayout;

namespace warroom {

class ElidedLabel;
class FacilitationSession;

// The console's banner for a facilitated drill: each inject message the room has not
// acknowledged yet (T+, the addressed role, the text, how long it has waited), oldest first, and
// the facilitator's pause. It stays until a player acknowledges it (Ctrl+K, Incident ▸
// Acknowledge announcement); backend faults never show here.
class AnnouncementBanner : public QFrame
{
    Q_OBJECT

public:
    explicit AnnouncementBanner(FacilitationSession &session, QWidget *parent = nullptr);

    QStringList lines() const;

public slots:
    void refresh();

signals:
    // Something to show, or nothing: whoever holds the banner (a tool bar) shows or hides it.
    void wanted(bool shown);

private:
    FacilitationSession &m_session;
    QVBoxLayout *m_layout;
    QList<ElidedLabel *> m_labels;
    QTimer m_tick;
    bool m_shown = false;
};

} // namespace warroom
