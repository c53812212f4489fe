#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace warroom {

class IncidentActions;
class IncidentController;
class IncidentView;

// Asked before the window leaves the incident on screen (another opened or declared, a drill
// started, the window closed) while the note field holds a note not yet added: the field
// carried it into the next incident, where Enter added it to a timeline it was not written
// for, and closing the window dropped it without a word.
class UnsentNoteGuard
{
    Q_DECLARE_TR_FUNCTIONS(UnsentNoteGuard)

public:
    UnsentNoteGuard(IncidentController &controller, IncidentActions &actions, IncidentView &view,
                    QWidget *parent);

    // True to go on: no note was typed, or it was added, or the person discarded it. False when
    // they stay (Cancel, Esc, Enter) or adding it was refused, which the step panel then says.
    // `going` finishes "Add it, then …": "open “Payments outage”", "close this window".
    bool mayLeave(const QString &going) const;

private:
    IncidentController &m_controller;
    IncidentActions &m_actions;
    IncidentView &m_view;
    QWidget *m_parent;
};

} // namespace warroom
