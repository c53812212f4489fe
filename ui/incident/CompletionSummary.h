#pragma once

#include "timeline/ScreenClock.h"

#include <QFrame>
#include <QPointer>

class QAction;
class QLabel;
class QToolButton;

namespace warroom {

class IncidentSession;

// What the incident page shows once every step is finished, instead of an empty step panel: how
// long it took against the plan, what failed, was skipped or went against the checklist (each
// with its T+), and the two things left to do, Export postmortem and Close incident. The buttons
// trigger IncidentActions' own actions, so their enabling and their dialogs stay in one place.
class CompletionSummary : public QFrame
{
    Q_OBJECT

public:
    explicit CompletionSummary(QWidget *parent = nullptr);

    void setSession(IncidentSession *session);
    void setActions(QAction *exportPostmortem, QAction *closeIncident);
    // True when the open incident has nothing left to do: every step finished, or closed.
    bool isComplete() const;

    // For tests: what the summary says.
    QString headingText() const;
    QString detailsText() const;

private:
    void refresh();
    QString durationLine() const;
    QStringList exceptions() const;

    QPointer<IncidentSession> m_session;
    ScreenClock m_clock; // of the incident shown, read when the summary is
    QLabel *m_heading;
    QLabel *m_duration;
    QLabel *m_details;
    QToolButton *m_export;
    QToolButton *m_close;
};

} // namespace warroom
