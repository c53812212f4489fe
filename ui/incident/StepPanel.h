#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;
class QVBoxLayout;

namespace warroom {

class AutomationRunner;
class IncidentSession;
class AutomationStatusView;
class ElidedLabel;
struct ChecklistItem;

// The right-hand side of the checklist: the focused step, its one current item in large type with
// the button that confirms it, and the step's guidance. It presents; commands go out as signals.
class StepPanel : public QWidget
{
    Q_OBJECT

public:
    explicit StepPanel(QWidget *parent = nullptr);

    void setSession(IncidentSession *session, AutomationRunner *runner = nullptr);
    void setStep(int step);
    int step() const { return m_step; }
    void showMessage(const QString &message);
    // The Confirm / Skip row, out of the panel's own layout, for a caller that scrolls the panel
    // and pins the row where it always shows (IncidentView, at 1280x720 the row was below the
    // fold). Once taken the caller places and owns it; the panel still drives its buttons.
    QWidget *takeActions();

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    void confirmRequested(const QString &value);
    void skipRequested();
    void runRequested();
    void resendRequested();
    void stopRequested();
    void rollbackRequested();
    void restartRequested(); // the failed step shown: where its items would be, not only a menu

private:
    void refresh();
    void showStep();
    void showItem(int item);
    void showChoices(const ChecklistItem &itemDef);
    // The step's title wraps when the panel's viewport has room for it and the whole current
    // item; otherwise it keeps to one elided line (full title in its tooltip and in the tree).
    void fitTitle();

    QPointer<IncidentSession> m_session;
    int m_step = -1;
    ElidedLabel *m_stepTitle;
    QLabel *m_stepMeta;
    QLabel *m_currentItem;
    QLabel *m_message;
    int m_messageItem = -1; // the current item when the message was shown
    QLabel *m_room; // owner's person, poll, deferred items (WallRoom::stepNotes)
    QPushButton *m_confirm;
    QPushButton *m_skip;
    QPushButton *m_restart;
    QWidget *m_actions;
    QWidget *m_choices;
    AutomationStatusView *m_run;
    QVBoxLayout *m_choiceLayout; // one option a line: a row of four ran off the panel
    QTextBrowser *m_guidance;
};

} // namespace warroom
