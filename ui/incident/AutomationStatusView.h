#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace warroom {

class AutomationRunner;
class IncidentSession;

// The live face of an action, check or ramp item: what it sends, the raw value it measured with
// the threshold and the value's age (never only a tick), the ramp's stages, and the buttons that
// fit its state: run, re-send with the same key after an unknown outcome, set a halted ramp's
// weight back. It reads the engine's AutomationStatus and forwards intent as signals.
class AutomationStatusView : public QWidget
{
    Q_OBJECT

public:
    explicit AutomationStatusView(QWidget *parent = nullptr);

    void setSession(IncidentSession *session, AutomationRunner *runner);
    // The item to show, refreshed from the engine; -1 hides the view (a person-confirmed item,
    // or none). The step panel calls it after every event.
    void setItem(int step, int item);

signals:
    void runRequested();
    void resendRequested();
    void stopRequested();
    void rollbackRequested();

private:
    void refresh();

    QPointer<IncidentSession> m_session;
    QPointer<AutomationRunner> m_runner;
    int m_step = -1;
    int m_item = -1;
    QLabel *m_heading;
    QLabel *m_value;
    QLabel *m_details;
    QPushButton *m_run;
    QPushButton *m_resend;
    QPushButton *m_stop;
    QPushButton *m_rollback;
    QTimer m_ageTimer; // the value's age must keep counting while nothing new arrives
};

} // namespace warroom
