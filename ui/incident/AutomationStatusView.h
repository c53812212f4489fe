#pragma once

#include <QColor>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace warroom {

class AutomationRunner;
class IncidentSession;
struct AutomationStatus;
struct ChecklistItem;

// The live face of an action, check or ramp item: what it sends, the raw value it measured with
// the threshold and the value's age (never only a tick), the ramp's stages, and the buttons that
// fit its state: run, re-send with the same key after an unknown outcome, set a halted ramp's
// weight back. It reads the engine's AutomationStatus, asks the runner which commands are
// available, and forwards intent as signals. Its colours come from the style sheet: the heading's
// "tone" property, and the tone colours below for the coloured parts of its rich text.
class AutomationStatusView : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(QColor passColor MEMBER m_passColor)
    Q_PROPERTY(QColor failColor MEMBER m_failColor)
    Q_PROPERTY(QColor unknownColor MEMBER m_unknownColor)
    Q_PROPERTY(QColor runningColor MEMBER m_runningColor)
    Q_PROPERTY(QColor idleColor MEMBER m_idleColor)

public:
    explicit AutomationStatusView(QWidget *parent = nullptr);

    void setSession(IncidentSession *session, AutomationRunner *runner);
    // The item to show, refreshed from the engine; -1 hides the view (a person-confirmed item,
    // or none). The step panel calls it after every event.
    void setItem(int step, int item);
    // What the step panel says below this view after a command was refused ("Not sent: ..."):
    // a request that cannot be built names its reason here before any press, and after a press
    // only there, instead of twice, one under the other. Empty: nothing is said below.
    void setRefusalShownBelow(const QString &refusal);

signals:
    void runRequested();
    void resendRequested();
    void stopRequested();
    void rollbackRequested();

private:
    void refresh();
    // The item shown, or nullptr when there is none to show.
    const ChecklistItem *shownItem() const;
    void showState(const ChecklistItem &def, const AutomationStatus &status, const QString &tone);
    void showValue(const ChecklistItem &def, const AutomationStatus &status, const QString &tone);
    QString sampleText(const AutomationStatus &status, const QString &tone) const;
    QString rampText(const ChecklistItem &def, const AutomationStatus &status) const;
    QString pollText(const ChecklistItem &def, const AutomationStatus &status,
                     const QString &tone) const;
    void showProgress(const ChecklistItem &def, const AutomationStatus &status);
    void showDetails(const ChecklistItem &def, const AutomationStatus &status, const QString &tone);
    QString elsewhereText(const ChecklistItem &def, const AutomationStatus &r) const;
    void showButtons(const ChecklistItem &def, const AutomationStatus &status);
    // "#rrggbb" of a tone (pass, fail, unknown, running, idle), as the style sheet set it.
    QString colour(const QString &tone) const;

    QPointer<IncidentSession> m_session;
    QPointer<AutomationRunner> m_runner;
    int m_step = -1;
    int m_item = -1;
    QString m_refusalBelow;
    QLabel *m_heading;
    QLabel *m_value;
    QProgressBar *m_progress; // a job's percent, when its checklist names where to read it
    QLabel *m_details;
    QPushButton *m_run;
    QPushButton *m_resend;
    QPushButton *m_stop;
    QPushButton *m_rollback;
    QTimer m_ageTimer; // the ages shown keep counting from the clock, also after the run ended
    QColor m_passColor;
    QColor m_failColor;
    QColor m_unknownColor;
    QColor m_runningColor;
    QColor m_idleColor;
};

} // namespace warroom
