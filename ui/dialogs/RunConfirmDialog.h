#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace warroom {

// Shows the exact request an action is about to send (secrets redacted) and asks before sending.
// For an irreversible action a second person, other than the one at the keyboard, must look at it
// and type their name; Send stays disabled until they have.
class RunConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    RunConfirmDialog(const QString &what, const QString &request, bool irreversible,
                     const QString &actor, QWidget *parent = nullptr);

    QString secondPerson() const;

private:
    void updateSend();

    QString m_actor;
    QLineEdit *m_second = nullptr;
    QPushButton *m_send;
};

} // namespace warroom
