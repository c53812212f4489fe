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
            // The person under Person and how command changes under Fallback, each in its own
            // column: one text across both read "Alex Park (changes by" as the person and "Hand
            // over command)" as the fallback.
            m_commander = new QLabel(BidiControls::shown(crew.commander()), this);
            m_commander->setObjectName(QStringLiteral("person-") + role.id);
            auto *how = new QLabel(tr("none: command changes by Incident \u25B8 Hand over "
                                      "command (Ctrl+Shift+O)"),
                                   this);
            how->setObjectName(QStringLiteral("fallback-") + role.id);
            how->setWordWrap(true);
            grid->addWidget(m_commander, r, 1);
            grid->addWidget(how, r++, 2);
            continue;
        }
        const RoleHolder h = crew.holders().value(role.id);
        Edits e{role.id,
                h.person,
                h.fallback,
                new QLineEdit(h.person, this),
                new QLineEdit(h.fallback, this),
                new QLabel(this)};
        e.personEdit->setObjectName(QStringLiteral("person-") + role.id);
        e.fallbackEdit->setObjectName(QStringLiteral("fallback-") + role.id);
        e.elsewhere->setObjectName(QStringLiteral("elsewhere-") + role.id);
        e.elsewhere->setProperty("elsewhere", true); // amber in the style sheet
        e.elsewhere->setWordWrap(true);
        e.elsewhere->hide();
        for (QLineEdit *edit : {e.personEdit, e.fallbackEdit})
            edit->setCompleter(new QCompleter(peopleChoices(crew.people()), edit));
        grid->addWidget(e.personEdit, r, 1);
        grid->addWidget(e.fallbackEdit, r++, 2);
        grid->addWidget(e.elsewhere, r++, 1, 1, 2);
        m_rows << e;
    }
    layout->addLayout(grid);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void RolesDialog::follow(const ChecklistEngine &engine)
{
    const CrewState &crew = engine.crew();
    if (m_commander)
        m_commander->setText(BidiControls::shown(crew.commander()));
    bool grown = false;
    for (Edits &e : m_rows) {
        const RoleHolder h = crew.holders().value(e.role);
        if (h.person == e.person && h.fallback == e.fallback)
            continue;
        // Field by field: a person typed here and a fallback changed elsewhere are both kept
        // (whole rows kept the old fallback, and OK set the other screen's change back).
        bool kept = false;
        const auto take = [&kept](QLineEdit *edit, QString &was, const QString &now) {
            const bool editedHere = edit->text().trimmed() != was;
            const bool changed = now != was;
            was = now; // what OK compares with: only what differs from the holder now is sent
            if (!changed)
                return;
            if (editedHere)
                kept = true;
            else
                edit->setText(now);
        };
        take(e.personEdit, e.person, h.person);
        take(e.fallbackEdit, e.fallback, h.fallback);
        if (!kept)
            continue;
        const QString nobody = tr("nobody");
        e.elsewhere->setText(
            tr("Another screen set this role to %1 (fallback %2) while you "
               "typed; OK records what is in the fields.")
                .arg(h.person.isEmpty() ? nobody : BidiControls::shown(h.person),
                     h.fallback.isEmpty() ? nobody : BidiControls::shown(h.fallback)));
        e.elsewhere->show();
        grown = true;
    }
    // Taller by the notes just shown, or their last line is cut off at the dialog's bottom ("…
    // while you typed; OK" at its default size).
    if (grown && isVisible()) {
        layout()->activate();
        if (const int h = heightForWidth(width()); h > height())
            resize(width(), h);
    }
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
