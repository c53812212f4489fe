#include "report/TableStripes.h"

#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>

namespace warroom {

namespace {

int shadeTable(QTextTable &table)
{
    int shaded = 0;
    const int first = table.format().headerRowCount() + 1; // the second row of the body
    for (int row = first; row < table.rows(); row += 2) {
        for (int column = 0; column < table.columns(); ++column) {
            QTextTableCell cell = table.cellAt(row, column);
            if (cell.row() != row || cell.column() != column)
                continue; // a cell spanning here from above or the left: its own row decides
            QTextCharFormat format = cell.format();
            format.setBackground(TableStripes::shade());
            cell.setFormat(format);
        }
        ++shaded;
    }
    return shaded;
}

int shadeFrame(QTextFrame &frame)
{
    int shaded = 0;
    for (QTextFrame *child : frame.childFrames()) {
        if (auto *table = qobject_cast<QTextTable *>(child))
            shaded += shadeTable(*table);
        shaded += shadeFrame(*child); // a table's cells may hold tables
    }
    return shaded;
}

} // namespace

int TableStripes::apply(QTextDocument &doc)
{
    // Each cell's new format was kept as an undo record, for a document no one edits; turning
    // undo off empties its stack, which setHtml() had emptied already.
    const bool undo = doc.isUndoRedoEnabled();
    doc.setUndoRedoEnabled(false);
    const int shaded = shadeFrame(*doc.rootFrame());
    doc.setUndoRedoEnabled(undo);
    return shaded;
}

} // namespace warroom
