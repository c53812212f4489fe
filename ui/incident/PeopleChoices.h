#pragma once

#include "timeline/ScreenClock.h"

#include <QStringList>

namespace warroom {

// The names a person at a screen is offered (Acting as, a role's holder, the next commander):
// everyone on the incident but a drill's runner. Its name signs the runner's own facts (the
// clock, the faults, the end), and a person offered it signed as the runner (Ctrl+J, Down,
// Return landed on it): nobody hands command, a role or their signature to a program.
inline QStringList peopleChoices(const QStringList &people)
{
    QStringList out = people;
    out.removeAll(QString(ScreenClock::facilitator));
    return out;
}

} // namespace warroom
