#pragma once

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;

namespace warroom {

class ChecklistEngine;

// Incident ▸ Roles and people: a person and a fallback for each of the checklist's roles (step 2,
// "assign roles"). The commander's row is shown, not edited: command changes by a handover.
class RolesDialog : public QDialog
{
    Q_OBJECT

public:
    struct Row
    {
        QString role;
        QString person;
        QString fallback;
    };

    RolesDialog(const ChecklistEngine &engine, QWidget *parent = nullptr);

    // The rows whose person or fallback differ from what the engine holds.
    QList<Row> changedRows() const;
    // Another screen assigned roles while this dialog was open: a field not edited here shows
    // the new holder; one edited here keeps what was typed and says what the other screen set.
    // It showed the roles as they were when it opened, and OK then looked like a decision taken
    // on them.
    void follow(const ChecklistEngine &engine);

private:
    struct Edits
    {
        QString role;
        QString person;
        QString fallback;
        QLineEdit *personEdit = nullptr;
        QLineEdit *fallbackEdit = nullptr;
        QLabel *elsewhere = nullptr; // what another screen set under a field edited here
    };
    QList<Edits> m_rows;
    QLabel *m_commander = nullptr;
};

} // namespace warroom
