#pragma once

#include <QCoreApplication>
#include <QString>

namespace warroom {

class IncidentSession;

// Who signs at a screen that has just opened an incident: `--actor` when given and plain, else
// the commander in command. A second screen of the room, or one reopened after a crash, signed
// every note and confirmation as the commander until someone thought of Ctrl+J; the words
// returned (for the status bar) say who signs and how to change it.
class ScreenSigner
{
    Q_DECLARE_TR_FUNCTIONS(ScreenSigner)

public:
    // Nothing is said of a closed incident (or none), where nothing more is signed.
    static QString take(IncidentSession *session, const QString &actor);
};

} // namespace warroom
