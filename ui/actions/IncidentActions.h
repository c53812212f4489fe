#pragma once

#include "session/IncidentSession.h"
#include "ui/actions/ItemInView.h"

#include <QObject>

#include <array>
#include <functional>
#include <optional>

class QAction;
class QWidget;

namespace warroom {

class IncidentController;
class IncidentView;
class RoomActions;
struct ChecklistItem;

// The commands of the war-room screen on the open incident, as Tiled's MapDocumentActionHandler
// keeps them out of its main window: the actions with their keys, whether each may be used now
// (asked of the engine's plans, the step's state and the runner), and the slots that carry them
// out, asking for a reason when a plan needs one. The main window only puts them in its menus.
class IncidentActions : public QObject
{
    Q_OBJECT

public:
    enum Id {
        ExportPostmortem,
        CloseIncident,
        ConfirmItem,
        RunItem,
        SkipItem,
        Undo,
        NextStep,
        PreviousStep,
        StartStep,
        SkipStep,
        FailStep,
        RestartStep,
        AddNote,
        ResendItem,
        RollbackRamp,
        StopRun,
        ActionCount
    };

    // dialogParent is the window the reason, choice and confirmation dialogs belong to.
    IncidentActions(IncidentController &controller, IncidentView &view, QWidget *dialogParent);

    QAction *action(Id id) const { return m_actions.at(id); }
    // The Incident menu's commands: export, close, and the people in the room (RoomActions).
    QList<QAction *> incidentMenuActions() const;
    RoomActions *room() const { return m_room; }
    int focusedStep() const;
    // The text the storage banner shows and every refused command repeats.
    static QString storageLostMessage(const QString &problem);
    // Whether a command may be recorded now: an open incident, live, its storage sound and its
    // chain checked.
    bool mayRecord() const;

public slots:
    // Called when another incident is open: follows its events and shows its current step.
    void followSession();
    // `movedBy`: what brought the step or its current item up, when not this screen's person.
    // `grace`: how long that move holds a command (ItemInView).
    void focusStep(int step, const QString &movedBy = {}, qint64 grace = ItemInView::graceMs);
    void updateActions();

    void showExportDialog();
    void confirmCurrentItem(const QString &value = {});
    void skipCurrentItem();
    // Actions, checks and ramps: run the current item, re-send one whose outcome is unknown,
    // set a halted ramp's weight back, stop a run.
    void runCurrentItem();
    void resendCurrentItem();
    void rollbackCurrentRamp();
    void stopCurrentRun();
    void undo();
    void nextStep();
    void previousStep();
    void startFocusedStep();
    void skipFocusedStep();
    void failFocusedStep();
    void restartFocusedStep();
    void addNote();
    void closeIncident();

signals:
    void statusMessage(const QString &message, int timeoutMs);

private:
    friend class RoomActions; // shares run(), report() and the may-record rules
    void createActions();
    QAction *add(Id id, const QString &text, const QKeySequence &keys,
                 const std::function<void()> &slot);
    void connectView();
    void afterEvents(const TimelineEvents &events);
    // Runs a command; if the engine wants a reason, asks for one and runs it again with it.
    void run(const QString &title, const std::function<CommandResult(const QString &)> &command);
    void report(const CommandResult &result);
    void updateRunActions(const QString &stepId, const ChecklistItem *item);
    // False (and says why) when nothing may be recorded: no incident, storage lost, or replay.
    bool canRecord();
    IncidentSession *session() const;
    QString focusedStepId() const;
    const ChecklistItem *focusedItem() const;
    // The choice's value for a choice item confirmed without one; nullopt when cancelled.
    std::optional<QString> askChoice(const ChecklistItem &def);
    // IncidentActionsItem.cpp: what the panel shows (ItemInView), and a command on an item
    // another screen just brought up refused once, in words.
    void noteItemShown(int step, const QString &movedBy, qint64 grace);
    // What moved the item in view, and for how long that holds a command (`grace`).
    QString movedBy(const TimelineEvents &events, qint64 *grace) const;
    bool justMovedByOthers();

    IncidentController &m_controller;
    IncidentView &m_view;
    QWidget *m_dialogParent;
    std::array<QAction *, ActionCount> m_actions{};
    RoomActions *m_room = nullptr;
    ItemInView m_inView;
};

} // namespace warroom
