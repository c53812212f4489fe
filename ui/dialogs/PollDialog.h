#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace warroom {

class EnterKeyGuard;

class IncidentSession;

// Answers an item's go/no-go poll at this screen, as the person acting here. Shows the poll as
// it stands; the role is the next one waiting (or one of the actor's roles); GO is the default
// button, NO-GO needs the concern typed. When the actor may not answer (not the holder, out of
// order, a NO-GO stands), GO and NO-GO are disabled and Enter says why: the engine's words.
class PollDialog : public QDialog
{
    Q_OBJECT

public:
    PollDialog(IncidentSession &session, const QString &stepId, const QString &itemId,
               QWidget *parent = nullptr);

    QString role() const;
    QString concern() const;
    bool go() const { return m_go; }
    QString pollText() const;
    // The poll as it now stands, after the room's entries (another screen's answer): the answers,
    // whether GO and NO-GO may be pressed and why not, and the role asked for, unless one was
    // picked here. It stayed at "waiting" with GO greyed out until it was closed and reopened.
    void follow();

private:
    QString whyNot(bool go) const;
    void fillRoles(const QStringList &poll, const QString &next);
    int preferredRole(const QString &next) const;
    void update();

    IncidentSession &m_session;
    QString m_stepId;
    QString m_itemId;
    QLabel *m_state;
    QComboBox *m_role;
    QLineEdit *m_concern;
    QPushButton *m_goButton;
    QPushButton *m_noGoButton;
    QLabel *m_why;
    EnterKeyGuard *m_guard = nullptr;
    bool m_rolePicked = false; // a role chosen here is kept when the poll moves on
    bool m_go = true;
};

} // namespace warroom
