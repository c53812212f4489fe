#pragma once

#include <QtGlobal>

#include <optional>

class QTextBlock;
class QTextDocument;
class QTextTable;

namespace warroom {

// Keeps each row of a paged QTextDocument's own tables on one page, as the HTML export's
// `tr { page-break-inside: avoid }` asks a browser to. Qt breaks the page inside a row, line by
// line in each cell, so a row of wrapped cells could start at a page's foot and end on the next
// (a key moment's "drill T+00:10:35" alone at the top of the PDF's page 2). KeepWithNext runs it
// in the same pass as its headings, top to bottom: each move shifts all that follows.
class TableRowKeeper
{
public:
    // `screenDpi`: the dots per inch Qt scales a cell's padding from to the document's paint
    // device (the primary screen's logical ones, 96 offscreen): a first guess only, measured by
    // the trials.
    explicit TableRowKeeper(QTextDocument &doc, qreal screenDpi = 96)
        : m_doc(doc)
        , m_screenDpi(screenDpi)
    {}

    // A table of more rows (its header rows counted), or of more characters, keeps Qt's own page
    // breaks. Each row moved lays the whole table out again a few times (Qt lays a table out
    // whole), so the work grew with the square of its length: the PDF of 800 key moments took
    // 14.5 s instead of 0.8 s. A postmortem's tables are a few dozen rows of a few hundred
    // characters; 100 key moments of four lines (22,000 characters) took 0.53 s instead of about
    // 0.2 s.
    static constexpr int maxRows = 100;
    static constexpr int maxCharacters = 40'000;

    // Whether text from `top` to `bottom` (document coordinates) is on one page.
    static bool onOnePage(const QTextDocument &doc, qreal top, qreal bottom);
    // When `b` is in a table: the bottom of its first row of data, the row a heading over the
    // table keeps with it.
    static std::optional<qreal> firstRowEnd(const QTextDocument &doc, const QTextBlock &b);

    // When `b`, a block of `table`, starts a row (the first block of its first cell), `table` is
    // one of the document's own, not one inside a cell, and that row is split between two pages:
    // moves it to the second. Under the header rows an empty row fills the rest of the page before
    // it; a leading row or the first row of data takes the whole table to the next page, so that no
    // header, nor a table's first row, is left alone at a page's foot. A row taller than a page,
    // and the rows of a table longer than maxRows or maxCharacters, are left where they are.
    // Returns the block that starts the row now, or an invalid block when nothing moved.
    QTextBlock keep(QTextTable &table, const QTextBlock &b);

    // How many times keep() laid a table out again: what keeping rows costs, since Qt lays a
    // table out whole, every cell of it twice.
    int layouts() const { return m_layouts; }

private:
    std::optional<int> moveTable(QTextTable &table, int row);
    std::optional<int> moveUnderSpacer(QTextTable &table, int row, int page);
    bool rowMoved(QTextTable &table, int row, int page) const;
    template<typename Edit>
    void editTable(QTextTable &table, bool whole, Edit edit);

    QTextDocument &m_doc;
    qreal m_screenDpi;
    // The table whose rows are being kept, if it is not longer than maxRows.
    const QTextTable *m_table = nullptr;
    bool m_tableKept = false;
    int m_layouts = 0;
};

} // namespace warroom
