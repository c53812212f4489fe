#pragma once

// Paged QTextDocuments for the tests of KeepWithNext and TableRowKeeper: a heading, a section
// and what pads it, laid out at a page 400 by 300 px, and where a table's rows are.
#include "support/TestStrings.h"

#include <QAbstractTextDocumentLayout>
#include <QImage>
#include <QPair>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextTable>
#include <QUrl>

#include <cmath>
#include <memory>

namespace warroom::test {

constexpr qreal pageHeight = 300;

// `lead` goes before the fillers.
inline std::unique_ptr<QTextDocument> paged(int fillers, const QString &section, int figureHeight,
                                            const QString &lead = QString())
{
    auto doc = std::make_unique<QTextDocument>();
    QImage figure(200, std::max(1, figureHeight), QImage::Format_RGB32);
    figure.fill(Qt::darkGreen);
    doc->addResource(QTextDocument::ImageResource, QUrl(s("test:figure")), figure);
    QString html = s("<html><body>") + lead;
    for (int i = 0; i < fillers; ++i)
        html += s("<p>Filler line %1</p>").arg(i);
    html += s("<h2>The section</h2>") + section + s("</body></html>");
    doc->setHtml(html);
    doc->setPageSize(QSizeF(400, pageHeight));
    return doc;
}

// Where a table row's text starts and ends: its cells' first and last blocks.
inline QPair<qreal, qreal> rowExtent(const QTextDocument &doc, QTextTable &table, int row)
{
    qreal top = 1e9;
    qreal bottom = -1e9;
    for (int c = 0; c < table.columns(); ++c) {
        const QTextTableCell cell = table.cellAt(row, c);
        top = std::min(
            top, doc.documentLayout()->blockBoundingRect(cell.firstCursorPosition().block()).top());
        bottom = std::max(
            bottom,
            doc.documentLayout()->blockBoundingRect(cell.lastCursorPosition().block()).bottom());
    }
    return {top, bottom};
}

inline int pageAt(qreal y)
{
    return int(std::floor(y / pageHeight));
}

inline QTextTable *firstTable(const QTextDocument &doc)
{
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        if (QTextTable *table = QTextCursor(b).currentTable())
            return table;
    }
    return nullptr;
}

// The table's row whose first cell reads `text`, or -1.
inline int rowReading(QTextTable &table, const QString &text)
{
    for (int r = 0; r < table.rows(); ++r) {
        if (table.cellAt(r, 0).firstCursorPosition().block().text() == text)
            return r;
    }
    return -1;
}

} // namespace warroom::test
