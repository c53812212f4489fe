#include "ui/dialogs/RolesDialog.h"

#include "engine/ChecklistEngine.h"
#include "ui/incident/PeopleChoices.h"
#include "util/BidiControls.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace warroom {

RolesDialog::RolesDialog(const ChecklistEngine &engine, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Roles and people"));
    auto *layout = new QVBoxLayout(this);
    auto *grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Role"), this), 0, 0);
    grid->addWidget(new QLabel(tr("Person"), this), 0, 1);
    grid->addWidget(new QLabel(tr("Fallback"), this), 0, 2);
    const CrewState &crew = engine.crew();
    int r = 1;
    for (const ChecklistRole &role : engine.checklist().roles) {
        // From the checklist file and typed: shown, not obeyed (the edits keep what is typed).
        grid->addWidget(new QLabel(BidiControls::shown(role.title), this), r, 0);
        if (role.id == commanderRoleId) {
            grid->addWidget(new QLabel(tr("%1 (changes by Hand over command)")
                                           .arg(BidiControls::shown(crew.commander())),
                                       this),
                            r++, 1, 1, 2);
            continue;
        }
        const RoleHolder h = crew.holders().value(role.id);
        Edits e{role.id, h.person, h.fallback, new QLineEdit(h.person, this),
                new QLineEdit(h.fallback, this)};
        e.personEdit->setObjectName(QStringLiteral("person-") + role.id);
        e.fallbackEdit->setObjectName(QStringLiteral("fallback-") + role.id);
        for (QLineEdit *edit : {e.personEdit, e.fallbackEdit})
            edit->setCompleter(new QCompleter(peopleChoices(crew.people()), edit));
        grid->addWidget(e.personEdit, r, 1);
        grid->addWidget(e.fallbackEdit, r++, 2);
        m_rows << e;
    }
    layout->addLayout(grid);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QList<RolesDialog::Row> RolesDialog::changedRows() const
{
    QList<Row> out;
    for (const Edits &e : m_rows) {
        const QString p = e.personEdit->text().trimmed();
        const QString f = e.fallbackEdit->text().trimmed();
        if (p != e.person || f != e.fallback)
            out << Row{e.role, p, f};
    }
    return out;
}

} // namespace warroom
