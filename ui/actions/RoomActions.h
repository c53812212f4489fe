#pragma once

#include <QList>
#include <QObject>

class QAction;
class QDialog;
class QWidget;

namespace warroom {

class IncidentActions;
class IncidentController;
class IncidentView;
class IncidentSession;

// The commands about the people in the room, beside IncidentActions (which owns this and lends
// it its reason loop and its report): roles and people, the commander's handover, the go/no-go
// poll of the focused step, deferring its current item, and choosing who acts at this screen.
class RoomActions : public QObject
{
    Q_OBJECT

public:
    RoomActions(IncidentController &controller, IncidentView &view, QWidget *dialogParent,
                IncidentActions &actions);

    // For the Incident menu, in order.
    QList<QAction *> actions() const;
    QAction *pollAction() const { return m_poll; }
    QAction *handOverAction() const { return m_handOver; }
    void updateActions();

    void assignRoles();
    void handOver();
    // Answers the poll before the focused step's first open polled item, as the actor here.
    void answerPoll();
    void repoll();
    void deferCurrentItem();

private:
    QAction *add(const QString &text, const QString &keys, void (RoomActions::*slot)());
    IncidentSession *session() const;
    // The dialog's exec(), closed unanswered when the incident goes while it is open: Rejected
    // then, as when there is no session left after it.
    int runDialog(QDialog &dialog) const;
    // The focused step's first open item with a poll (or the current step's): -1 when none.
    bool polledItem(int *step, int *item) const;

    IncidentController &m_controller;
    IncidentView &m_view;
    QWidget *m_dialogParent;
    IncidentActions &m_actions;
    QAction *m_roles = nullptr;
    QAction *m_handOver = nullptr;
    QAction *m_poll = nullptr;
    QAction *m_repoll = nullptr;
    QAction *m_defer = nullptr;
    QAction *m_actingAs = nullptr;
};

} // namespace warroom
