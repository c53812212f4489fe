#pragma once

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace warroom {

// Incident ▸ Hand over command: the new commander, the briefing (situation, objectives, next
// actions, concerns) prefilled from the engine for the outgoing commander to edit, and the new
// commander's acceptance: they type their own name. "Accept command" is the default button and
// stays disabled until the names match; Enter then says why, in the dialog (EnterKeyGuard).
// Leaving it once something was edited asks first, "Keep editing" the default.
class HandoverDialog : public QDialog
{
    Q_OBJECT

public:
    HandoverDialog(const QString &outgoing, const QStringList &people,
                   const QJsonObject &prefilled, QWidget *parent = nullptr);

    QString newCommander() const;
    QString acceptedBy() const;
    QJsonObject briefing() const;

public slots:
    // Esc, Cancel or the window's close ask first once the briefing or a name was edited: they
    // threw minutes of a briefing away without a word.
    void reject() override;

private:
    QString whyNot() const;

    QString m_outgoing;
    QLineEdit *m_to;
    QPlainTextEdit *m_situation;
    QPlainTextEdit *m_objectives;
    QPlainTextEdit *m_next;
    QPlainTextEdit *m_concerns;
    QLineEdit *m_accept;
    QPushButton *m_ok;
    QLabel *m_why;
    QJsonObject m_prefilled; // the briefing as it opened: what needs no asking to drop
};

} // namespace warroom
