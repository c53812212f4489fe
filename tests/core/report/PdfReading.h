#pragma once

// What both PDF suites of the postmortem read with: tst_exportreaders and tst_pdftables make PDFs
// of the rows drillRows makes, and read them back with pdftotext and pdftoppm.

#include "report/PostmortemReport.h"
#include "support/TestStrings.h"

#include <QImage>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>

namespace warroom::test {

// A drill's report of `count` rows by Priya, a second apart, row i (from 1) saying text(i).
inline PostmortemReport drillRows(const QString &title, int count,
                                  const std::function<QString(int)> &text)
{
    PostmortemReport r;
    r.incident.title = title;
    r.incident.mode = IncidentMode::Drill;
    for (int i = 1; i <= count; ++i) {
        PostmortemReport::TimelineRow row;
        row.seq = i;
        row.elapsedMs = i * 1000;
        row.actor = s("Priya");
        row.text = text(i);
        r.documentRows.append(row);
    }
    return r;
}

// The text pdftotext reads on each page of a PDF, page by page.
inline QStringList pdfPages(const QString &path)
{
    QProcess pdftotext;
    pdftotext.start(s("pdftotext"), {path, s("-")});
    pdftotext.waitForFinished(60000);
    return QString::fromUtf8(pdftotext.readAllStandardOutput()).split(u'\f');
}

// Page `page` (1-based) in grey at 100 dpi: the 15 mm margins are 59 px, the header band is the
// 36 px under the top margin, and a table's part of a page starts 52 px under it.
inline QImage renderedPage(const QString &path, int page, const QString &prefix)
{
    QProcess pdftoppm;
    pdftoppm.start(s("pdftoppm"), {s("-gray"), s("-r"), s("100"), s("-f"), QString::number(page),
                                   s("-l"), QString::number(page), s("-singlefile"), path, prefix});
    pdftoppm.waitForFinished(60000);
    return QImage(prefix + s(".pgm"));
}

// The pages' margin at 100 dpi (15 mm), and where a table's part of a page starts on a page that
// starts with it: under the header band, above the table's header row.
constexpr int margin = 59;
constexpr int tableTop = margin + 44;

} // namespace warroom::test
