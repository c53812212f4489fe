#pragma once

#include <QDialog>
#include <QList>

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

private:
    struct Edits
    {
        QString role;
        QString person;
        QString fallback;
        QLineEdit *personEdit = nullptr;
        QLineEdit *fallbackEdit = nullptr;
    };
    QList<Edits> m_rows;
};

} // namespace warroom
