#pragma once

#include "report/PostmortemReport.h"
#include "report/formats/ChunkedOutput.h"
#include "report/formats/InterleavedLines.h"
#include "util/BidiControls.h"

namespace warroom {

// A document's timeline table (Markdown, HTML) written to `out` as its rows are made, in blocks
// on two cores (InterleavedLines): 100,000 notes are 100,000 rows, which made whole were a 30 MB
// string, scanned, then converted to 15 MB of UTF-8. `row(text, documentRow)` appends one row;
// each is shown (BidiControls) and narrowed to UTF-8 on its own, which gives the bytes the whole
// document would, since every control is replaced one character for one.
template<typename Row>
void writeDocumentRows(const PostmortemReport &r, ChunkedOutput &out, Row row)
{
    InterleavedLines::write(
        out, r.documentRows.size(), [&r, row](ChunkedOutput &lines, qsizetype from, qsizetype to) {
            QString line;
            QByteArray scratch;
            for (qsizetype n = from; n < to; ++n) {
                line.resize(0); // keeps its capacity
                row(line, r.documentRows.at(n));
                lines += ChunkedOutput::utf8(BidiControls::shown(line), scratch);
            }
        });
}

} // namespace warroom
