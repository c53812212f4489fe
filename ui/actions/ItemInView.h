#pragma once

#include <QString>

namespace warroom {

// The item the step panel shows as current, and whether another screen moved it there a moment
// ago. A person about to press Ctrl+Return on their item while another screen finished the rest
// of the step confirmed the next step's first item, another role's, as their own: the panel had
// jumped under the key. The first command on an item another screen just brought up is refused
// once, saying so; the person's own commands, and moves of their own, never are.
class ItemInView
{
public:
    // How long after another screen's move a command is taken for one meant for the item before.
    static constexpr qint64 graceMs = 4'000;

    // The panel now shows item `itemId` of step `stepId` (empty: none). `byOthers`: it came up
    // because of events another screen recorded.
    void shown(const QString &stepId, const QString &itemId, bool byOthers, qint64 nowMs);
    // A command on the current item starts at `nowMs`: true (once) when another screen moved the
    // item under it less than graceMs ago.
    bool takeJustMoved(qint64 nowMs);

private:
    QString m_stepId;
    QString m_itemId;
    qint64 m_movedAtMs = -1;
};

} // namespace warroom
