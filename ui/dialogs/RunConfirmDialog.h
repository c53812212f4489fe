#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace warroom {

class EnterKeyGuard;

// Shows the exact request an action is about to send (secrets redacted) and asks before sending.
// For an irreversible action a second person, other than the one at the keyboard, must look at it
// and type their name; Send stays disabled until they have. Send is the default button: Enter
// sends when sending is allowed, and otherwise says why in the dialog.
class RunConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    RunConfirmDialog(const QString &what, const QString &request, bool irreversible,
                     const QString &actor, QWidget *parent = nullptr);

    QString secondPerson() const;
    // Why Send is off (empty when it is on), in words for the people at the screen.
    QString whyNotSend() const;
    // Words the dialog as the re-send of a request whose outcome is unknown: same key, and why.
    // whyUnknown is the recorded reason the outcome is not known; `answered`: the first request
    // was answered and its job was being watched (it is the job's outcome that is not known).
    void setResend(const QString &whyUnknown, bool answered = false);

private:
    void updateSend();

    QString m_actor;
    QLineEdit *m_second = nullptr;
    QPushButton *m_send;
    QLabel *m_resendNote = nullptr;
    EnterKeyGuard *m_guard = nullptr;
};

} // namespace warroom
