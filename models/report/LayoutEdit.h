#pragma once

#include <QTextCursor>
#include <QTextDocument>

namespace warroom {

// Runs `edit` on a paged document and lays the document out again from position `from` to the
// position `to()` tells once the edit is done, in one edit block, so that it is laid out once: an
// edit alone lays out from where it changed, and laying out again after it was a third of the time
// KeepWithNext took (the PDF of 100,000 events: 12 of 45 ms). The range is the caller's: Qt lays
// out only so far, and blocks after a table that followed were left 0 px tall ("Lessons learned"
// and the Timeline heading were missing from a 13-step postmortem's PDF) when only the edited
// block was.
template<typename Edit, typename To>
void layOutBetween(QTextDocument &doc, int from, Edit edit, To to)
{
    QTextCursor cursor(&doc);
    cursor.beginEditBlock();
    edit();
    doc.markContentsDirty(from, to() - from);
    cursor.endEditBlock();
}

// The same, to the document's end.
template<typename Edit>
void layOutAfter(QTextDocument &doc, int from, Edit edit)
{
    layOutBetween(doc, from, edit, [&] { return doc.characterCount(); });
}

} // namespace warroom
