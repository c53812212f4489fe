#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace warroom {

class ChecklistEngine;

// Defers an open item to a later step or the follow-ups, with a reason: its step can complete
// "except deferred items" and the item comes back at its target. Enter defers once a reason is
// given; before that it says why not (EnterKeyGuard).
class DeferDialog : public QDialog
{
    Q_OBJECT

public:
    DeferDialog(const ChecklistEngine &engine, int step, int item, QWidget *parent = nullptr);

    QString target() const;
    QString reason() const;

private:
    QComboBox *m_target;
    QLineEdit *m_reason;
    QPushButton *m_ok;
    QLabel *m_why;
};

} // namespace warroom
