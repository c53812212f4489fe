#pragma once

#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace warroom {

class FacilitationSession;

// The facilitator's own screen (View ▸ Facilitator, `warroom --facilitator`): a top-level window
// apart from the console. The drill clock with pause and resume; the injects (fired, when and by
// whom acknowledged, the next with its countdown, upcoming) with fire now, skip and delay; an
// unscheduled inject (a message to a role, or a backend fault with its parameter); observations
// tied to the moment and step; the scenario's expectations live. Everything has a key.
// Nothing here is shown to the players.
class FacilitatorWindow : public QWidget
{
    Q_OBJECT

public:
    explicit FacilitatorWindow(FacilitationSession &session, QWidget *parent = nullptr);

    // The inject selected in the list, else the next one due.
    QString selectedInject() const;
    QString status() const;
    // The debrief of this drill to `path`: .pdf an A4 PDF, .html or .htm HTML, else Markdown.
    bool writeDebrief(const QString &path, QString *error) const;

public slots:
    void refresh();
    void togglePause();
    // Asks first (Enter ends it, Esc keeps it running): the end cannot be taken back.
    void endDrill();
    void fireNow();
    void skip();
    void delay();
    void sendMessage();
    void sendFault();
    void addObservation();
    // Opens the rating dialog (Ctrl+R) on the selected rating's step, else the room's step.
    void rate();
    // Saves the debrief of this drill (Ctrl+E): Markdown, HTML or an A4 PDF, by the file's name.
    void saveDebrief();

private:
    QWidget *buildClock();
    QWidget *buildInjects();
    QWidget *buildUnscheduled();
    QWidget *buildObservations();
    QWidget *buildExpectations();
    QWidget *buildRatings();
    void addShortcut(const QString &keys, QWidget *focus);
    void addShortcut(const QString &keys, void (FacilitatorWindow::*slot)());
    // "The room: step 6 of 8, Re-enable … (active)", under the scenario's objectives.
    QString roomStepText() const;
    void fillInjects();
    void fillRoles();
    void fillObservations();
    void fillExpectations();
    void fillRatings();
    void report(bool ok, const QString &done, const QString &error);

    FacilitationSession &m_session;
    QLabel *m_title;
    QLabel *m_clock;
    QLabel *m_clockScale = nullptr; // "×50 drill clock · real …", as the console and the wall
    QLabel *m_next;
    QLabel *m_status;
    QPushButton *m_pause;
    QPushButton *m_end;
    // What sends something to the room or the backend: greyed once the drill has ended, when
    // the session refuses each of them (a key that reaches one is still answered in words).
    QList<QWidget *> m_outgoing;
    QTreeWidget *m_injects;
    // The selected inject while it was upcoming: when it fires by its schedule (or from another
    // window), the selection moves on to the next, so Ctrl+F fires that one. It stayed on the
    // fired row, and Ctrl+F said "already fired" all drill long.
    QString m_waitingFor;
    QString m_actedOn; // the inject this window last fired, skipped or delayed: not moved off
    QComboBox *m_role;
    QLineEdit *m_message;
    QComboBox *m_fault;
    QSpinBox *m_faultValue;
    QLineEdit *m_observation;
    QListWidget *m_observations;
    QTreeWidget *m_expectations;
    QTreeWidget *m_ratings;
    QListWidget *m_lines;
    QTimer m_tick;
};

} // namespace warroom
