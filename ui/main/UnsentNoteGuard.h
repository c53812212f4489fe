#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

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

    // Leaves by `go` (an open, a declaration, a drill's start; true once the window left), asking
    // first when a note is typed and not added: Add it (then go), Discard it, or Cancel (the
    // default, Enter and Esc: stay, `go` not called). A discarded note is dropped only once `go`
    // has left: an open that failed kept the window where it was, without the note.
    // `going` finishes "Add it, then …": "open the other incident", "close this window".
    bool leaveBy(const QString &going, const std::function<bool()> &go) const;

private:
    enum class Answer { Stay, Added, Discard };
    Answer ask(const QString &going) const;

    IncidentController &m_controller;
    IncidentActions &m_actions;
    IncidentView &m_view;
    QWidget *m_parent;
};

} // namespace warroom
