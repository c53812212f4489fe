#pragma once

#include <QString>

namespace warroom {

// The item the step panel shows as current, and whether another screen's entry moved it there a
// moment ago. A person about to press Ctrl+Return on their item while another screen finished the
// rest of the step confirmed the next step's first item, another role's, as their own: the panel
// had moved under the key. This screen's own run that confirms the item in view moves it too,
// at a moment nobody chose. The first command on an item that came up that way is refused once,
// saying so; the person's own commands, and the moves they make, never are.
class ItemInView
{
public:
    // How long after such a move a command is taken for one meant for the item before.
    static constexpr qint64 graceMs = 4'000;
    // The same for this screen's own run: its person started it and is looking at this screen,
    // so only a key already on its way as the run ended is held (a reaction's time), not every
    // next command for four seconds after each run that confirms its item.
    static constexpr qint64 ownRunGraceMs = 1'500;

    // The panel now shows item `itemId` of step `stepId` (empty: none). `movedBy`: what brought
    // it up, in words ("Dave Kim's screen"), when another screen did.
    // `grace`: how long the move holds a command (graceMs, or ownRunGraceMs).
    void shown(const QString &stepId, const QString &itemId, const QString &movedBy, qint64 nowMs,
               qint64 grace = graceMs);
    // A command on item `itemId` of step `stepId` starts at `nowMs`: what moved that very item up
    // under it less than graceMs ago, once; else empty.
    QString takeJustMoved(const QString &stepId, const QString &itemId, qint64 nowMs);
    // The item shown now (empty ids: none).
    const QString &stepId() const { return m_stepId; }
    const QString &itemId() const { return m_itemId; }

private:
    QString m_stepId;
    QString m_itemId;
    QString m_movedBy;
    qint64 m_movedAtMs = -1;
    qint64 m_graceMs = graceMs;
};

} // namespace warroom
