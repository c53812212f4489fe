#pragma once

#include <QLabel>
#include <QPointer>

namespace warroom {

class IncidentController;
class IncidentSession;

// In blue in the status bar while an incident opened with its chain checked behind it is being
// verified: "Verifying the timeline (100,000 events)… commands are taken once it is checked".
// It comes and goes without moving anything else: as a line above the page it pushed the whole
// window down a line and back up when the check passed, a fraction of a second after the first
// frame, and laying the page out again (the chart's axes, the checklist's wrapped rows) stalled
// the GUI loop for 30 to 100 ms (bench_gui, case (c)). Always in the status bar, empty when
// there is nothing to say, so its height never changes the window's.
class VerifyingNotice : public QLabel
{
    Q_OBJECT

public:
    VerifyingNotice(const IncidentController &controller, QWidget *parent = nullptr);

    static QString message(qsizetype events);

signals:
    // Verifying began or ended: whoever enables commands asks the session again.
    void changed();

private:
    void follow(IncidentSession *session);
    void say(bool verifying);

    QPointer<IncidentSession> m_session;
};

} // namespace warroom
