// Benchmark, not a test: the PDF of a long timeline (`export --all-events`) against what Qt's PDF
// writer needs for the same table. Every side paints the same rows (four cells each) onto A4 at
// 300 dpi in 8 pt DejaVu Sans, its text wrapped in its column, every other row shaded and each
// page's header row filled, without a grid (TableStripes, as the export has drawn its table since
// 2026-12-04; the sides drew borders before).
// Two tables: the texts of a check sampled once a second, as `bench_export ... mix` writes them
// (ten texts, repeated), and notes, every one different, as `bench_export ... notes` writes them.
//   drawText:   one QPainter::drawText per cell and one fill per shaded row, with a page
//               header, and nothing else: no measuring, no page count, no document around it;
//   pre-shaped: the same, every cell's glyphs shaped and wrapped before the clock starts, given
//               to the writer as ours gives them (without the spaces' glyphs, at whole pixels,
//               a page's glyphs in one run: PdfCellText::forPdf, PdfGlyphBatch), under each
//               page's fills: what the writer itself needs to write these glyphs and fills, the
//               least it can be asked for;
//   ours:       the PDF export (PostmortemExporter, PdfExport) of a report holding those rows
//               (the postmortem's sections, each row measured for the page breaks, "page N of
//               M", the table's header on every page).
// Rounds alternate after a warm-up round; the medians and ours over each of the others are printed.
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_pdf [rows] [rounds]
#include "report/PostmortemExporter.h"
#include "report/PostmortemReport.h"
#include "report/TableStripes.h"
#include "report/formats/PdfCellText.h"
#include "report/formats/PdfGlyphBatch.h"
#include "support/BenchStats.h"
#include "util/TimeFormat.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QGlyphRun>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryDir>
#include <QTextLayout>

#include <cstdio>
#include <functional>

using namespace warroom;
using warroom::test::median;

namespace {

enum class Texts { Sampled, Notes };

QList<PostmortemReport::TimelineRow> benchRows(int count, Texts texts)
{
    QList<PostmortemReport::TimelineRow> rows;
    rows.reserve(count);
    constexpr qint64 declared = 1'767'225'600'000; // 2026-01-01T00:00:00Z
    for (int i = 0; i < count; ++i) {
        PostmortemReport::TimelineRow row;
        row.seq = i + 1;
        row.elapsedMs = qint64(i) * 1000;
        row.utcMs = declared + row.elapsedMs;
        if (texts == Texts::Notes) {
            row.actor = QStringLiteral("scribe");
            row.kind = QStringLiteral("note.added");
            row.text = QStringLiteral("observation %1, \"error rate\" at 0.4%").arg(i);
        } else {
            row.actor = QStringLiteral("automation");
            row.kind = QStringLiteral("check.sampled");
            row.text = QStringLiteral("\u201cLatency p99 under the acceptance threshold (300 ms)"
                                      "\u201d: measured 0.%1% (threshold < 1%) passing")
                           .arg(i % 10);
        }
        rows.append(row);
    }
    return rows;
}

constexpr qreal shares[] = {0.21, 0.11, 0.16, 0.52};

QString cellText(const PostmortemReport::TimelineRow &row, int column)
{
    switch (column) {
    case 0:
        return formatUtc(row.utcMs);
    case 1:
        return formatElapsed(row.elapsedMs);
    case 2:
        return row.actor;
    default:
        return row.text;
    }
}

// Every cell's glyphs, wrapped in its column: row-major, four cells a row.
using ShapedCells = QList<QList<QGlyphRun>>;

ShapedCells shapeAll(const QList<PostmortemReport::TimelineRow> &rows, const QFont &font,
                     QPaintDevice *device, qreal pageWidth, qreal pad)
{
    ShapedCells out;
    out.reserve(rows.size() * 4);
    QTextOption option;
    option.setWrapMode(QTextOption::WordWrap);
    for (const auto &row : rows) {
        for (int c = 0; c < 4; ++c) {
            QTextLayout layout(cellText(row, c), font, device);
            layout.setTextOption(option);
            layout.beginLayout();
            qreal y = 0;
            for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
                line.setLineWidth(shares[c] * pageWidth - 2 * pad);
                line.setPosition(QPointF(0, y));
                y += line.height();
            }
            layout.endLayout();
            QList<QGlyphRun> runs = layout.glyphRuns();
            for (QGlyphRun &run : runs) // the glyphs ours gives the writer, where it puts them
                run = PdfCellText::forPdf(run);
            out.append(runs);
        }
    }
    return out;
}

// A page's fills, as PdfExport's drawStripes paints them: the header row's (as tall as a row
// here, above `top`), then each shaded row's from `top` down, row `first` of the table first.
void pageStripes(QPainter &painter, qreal width, qreal top, qsizetype first, qsizetype end,
                 qreal rowHeight)
{
    painter.fillRect(QRectF(0, top - rowHeight, width, rowHeight), TableStripes::header());
    for (qsizetype r = first; r < end; ++r) {
        if (r % 2 == 1) // the table's second, fourth, … row
            painter.fillRect(QRectF(0, top + qreal(r - first) * rowHeight, width, rowHeight),
                             TableStripes::shade());
    }
}

// The same cells, painted as plainly as Qt's PDF writer allows: each with drawText, or, given
// `shaped`, with the glyphs shaped beforehand (the least the writer can be asked for); the same
// fills on both sides.
void plainPdf(const QList<PostmortemReport::TimelineRow> &rows, int lines, const QString &path,
              const ShapedCells *shaped = nullptr)
{
    QPdfWriter writer(path);
    writer.setResolution(300);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    QPainter painter(&writer);
    const QRectF page = writer.pageLayout().paintRectPixels(writer.resolution());
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(8);
    painter.setFont(font);
    const QFontMetricsF metrics(font, &writer);
    const qreal pad = metrics.height() * 0.25;
    const qreal rowHeight = lines * metrics.height() + 2 * pad; // every row as tall
    const qreal top = page.height() * 0.05 + rowHeight;         // under the band and the header row
    qreal y = top;
    int pageNumber = 1;
    qsizetype pageFirst = 0;
    painter.drawText(QPointF(0, metrics.ascent()), QStringLiteral("page 1"));
    PdfGlyphBatch glyphs(painter);
    for (qsizetype r = 0; r < rows.size(); ++r) {
        if (y + rowHeight > page.height()) {
            if (shaped) {
                pageStripes(painter, page.width(), top, pageFirst, r, rowHeight);
                glyphs.flush();
            }
            pageFirst = r;
            writer.newPage();
            painter.drawText(QPointF(0, metrics.ascent()), QStringLiteral("page %1").arg(++pageNumber));
            y = top;
        }
        qreal x = 0;
        for (int c = 0; c < 4; ++c) {
            const QRectF cell(x, y, shares[c] * page.width(), rowHeight);
            if (shaped) {
                for (const QGlyphRun &run : shaped->at(r * 4 + c))
                    glyphs.add(cell.topLeft() + QPointF(pad, pad), run);
            } else {
                if (c == 0 && r == pageFirst)
                    painter.fillRect(QRectF(0, top - rowHeight, page.width(), rowHeight),
                                     TableStripes::header());
                if (c == 0 && r % 2 == 1)
                    painter.fillRect(QRectF(0, y, page.width(), rowHeight), TableStripes::shade());
                painter.drawText(cell.adjusted(pad, pad, -pad, -pad), Qt::TextWordWrap,
                                 cellText(rows.at(r), c));
            }
            x += cell.width();
        }
        y += rowHeight;
    }
    if (shaped) {
        pageStripes(painter, page.width(), top, pageFirst, rows.size(), rowHeight);
        glyphs.flush();
    }
}

void oursPdf(const PostmortemReport &report, const QString &path)
{
    QString error;
    if (!PostmortemExporter::write(report, ExportFormat::Pdf, path, &error)) {
        std::fprintf(stderr, "bench_pdf: %s\n", qPrintable(error));
        std::exit(1);
    }
}

double timedMs(const std::function<void()> &work)
{
    QElapsedTimer t;
    t.start();
    work();
    return double(t.nsecsElapsed()) / 1e6;
}

ShapedCells shapeForA4(const QList<PostmortemReport::TimelineRow> &rows, const QString &probePath)
{
    QPdfWriter probe(probePath);
    probe.setResolution(300);
    probe.setPageSize(QPageSize(QPageSize::A4));
    probe.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(8);
    const QRectF page = probe.pageLayout().paintRectPixels(probe.resolution());
    return shapeAll(rows, font, &probe, page.width(), QFontMetricsF(font, &probe).height() * 0.25);
}

// One table, every side in alternating rounds after a warm-up one; the medians.
void run(Texts texts, int count, int rounds, const QTemporaryDir &dir)
{
    PostmortemReport report;
    report.incident.title = QStringLiteral("Bench incident");
    report.incident.mode = IncidentMode::Drill;
    report.documentRows = benchRows(count, texts);
    const int lines = texts == Texts::Notes ? 1 : 2; // the sampled text wraps once
    const QString plainPath = dir.filePath(QStringLiteral("plain.pdf"));
    const QString shapedPath = dir.filePath(QStringLiteral("shaped.pdf"));
    const QString oursPath = dir.filePath(QStringLiteral("ours.pdf"));
    const ShapedCells shaped
        = shapeForA4(report.documentRows, dir.filePath(QStringLiteral("probe.pdf")));
    std::printf("%s, %d rows:\n", texts == Texts::Notes ? "notes, every one different"
                                                         : "check samples, ten texts repeated",
                count);
    QList<double> plains, preShaped, ours, overPlain, overShaped;
    for (int r = 0; r <= rounds; ++r) {
        const double p = timedMs([&] { plainPdf(report.documentRows, lines, plainPath); });
        const double s
            = timedMs([&] { plainPdf(report.documentRows, lines, shapedPath, &shaped); });
        const double o = timedMs([&] { oursPdf(report, oursPath); });
        if (r == 0)
            continue; // warm-up: fonts loaded, caches filled
        plains << p;
        preShaped << s;
        ours << o;
        overPlain << o / p;
        overShaped << o / s;
        std::printf("  round %d: drawText %8.1f  pre-shaped %8.1f  ours %8.1f\n", r, p, s, o);
    }
    std::printf("  medians: drawText per cell %.1f ms, %lld KB; pre-shaped %.1f ms, %lld KB; ours "
                "(PdfExport) %.1f ms, %lld KB; ours over drawText x%.2f, over pre-shaped x%.2f\n",
                median(plains), QFileInfo(plainPath).size() / 1024, median(preShaped),
                QFileInfo(shapedPath).size() / 1024, median(ours),
                QFileInfo(oursPath).size() / 1024, median(overPlain), median(overShaped));
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool ok = true;
    const int count = args.size() > 1 ? args.at(1).toInt(&ok) : 100'000;
    if (!ok || count < 1 || count > 1'000'000) {
        std::fprintf(stderr, "bench_pdf: rows is a whole number from 1 to 1000000\n");
        return 2;
    }
    const int rounds = args.size() > 2 ? args.at(2).toInt(&ok) : 3;
    if (!ok || rounds < 1 || rounds > 100) {
        std::fprintf(stderr, "bench_pdf: rounds is a whole number from 1 to 100\n");
        return 2;
    }
    QTemporaryDir dir;
    std::printf("bench_pdf: %d round(s) after a warm-up, wall ms\n", rounds);
    run(Texts::Sampled, count, rounds, dir);
    run(Texts::Notes, count, rounds, dir);
    return 0;
}
