// Benchmark, not a test: the PDF of a long timeline (`export --all-events`) against the least
// Qt's PDF writer can do with the same table. Both sides paint the same rows (four cells each,
// the texts of a check sampled once a second, as `bench_export ... mix` writes them) onto A4 at
// 300 dpi in 7.5 pt DejaVu Sans, each cell with its border and its text wrapped in its column:
//   floor: one QPainter::drawText per cell, with a page header, and nothing else: no measuring,
//          no page count, no document around the table;
//   ours:  PdfExport::write of a report holding those rows (the postmortem's sections, each row
//          measured for the page breaks, "page N of M", the table's header on every page).
// Rounds alternate after a warm-up round; the medians and ours over the floor are printed.
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_pdf [rows] [rounds]
#include "report/PostmortemReport.h"
#include "report/formats/PdfExport.h"
#include "support/BenchStats.h"
#include "util/TimeFormat.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

using namespace warroom;
using warroom::test::median;

namespace {

QList<PostmortemReport::TimelineRow> sampledRows(int count)
{
    QList<PostmortemReport::TimelineRow> rows;
    rows.reserve(count);
    constexpr qint64 declared = 1'767'225'600'000; // 2026-01-01T00:00:00Z
    for (int i = 0; i < count; ++i) {
        PostmortemReport::TimelineRow row;
        row.seq = i + 1;
        row.elapsedMs = qint64(i) * 1000;
        row.utcMs = declared + row.elapsedMs;
        row.actor = QStringLiteral("automation");
        row.kind = QStringLiteral("check.sampled");
        row.text = QStringLiteral("\u201cLatency p99 under the acceptance threshold (300 ms)\u201d: "
                                  "measured 0.%1% (threshold < 1%) passing")
                       .arg(i % 10);
        rows.append(row);
    }
    return rows;
}

// The floor: the same cells, painted as plainly as Qt's PDF writer allows.
void floorPdf(const QList<PostmortemReport::TimelineRow> &rows, const QString &path)
{
    QPdfWriter writer(path);
    writer.setResolution(300);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    QPainter painter(&writer);
    const QRectF page = writer.pageLayout().paintRectPixels(writer.resolution());
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(7.5);
    painter.setFont(font);
    const QFontMetricsF metrics(font, &writer);
    const qreal pad = metrics.height() * 0.25;
    const qreal rowHeight = 2 * metrics.height() + 2 * pad; // the sampled text takes two lines
    const qreal top = page.height() * 0.05;
    const qreal shares[] = {0.21, 0.11, 0.16, 0.52};
    qreal y = top;
    int pageNumber = 1;
    painter.drawText(QPointF(0, metrics.ascent()), QStringLiteral("page 1"));
    for (const auto &row : rows) {
        if (y + rowHeight > page.height()) {
            writer.newPage();
            painter.drawText(QPointF(0, metrics.ascent()), QStringLiteral("page %1").arg(++pageNumber));
            y = top;
        }
        const QString cells[] = {formatUtc(row.utcMs), formatElapsed(row.elapsedMs), row.actor,
                                 row.text};
        qreal x = 0;
        for (int c = 0; c < 4; ++c) {
            const QRectF cell(x, y, shares[c] * page.width(), rowHeight);
            painter.setPen(QColor(0xbb, 0xbb, 0xbb));
            painter.drawRect(cell);
            painter.setPen(Qt::black);
            painter.drawText(cell.adjusted(pad, pad, -pad, -pad), Qt::TextWordWrap, cells[c]);
            x += cell.width();
        }
        y += rowHeight;
    }
}

void oursPdf(const PostmortemReport &report, const QString &path)
{
    QString error;
    if (!PdfExport::write(report, path, &error)) {
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
    PostmortemReport report;
    report.incident.title = QStringLiteral("Bench incident");
    report.incident.mode = IncidentMode::Drill;
    report.documentRows = sampledRows(count);
    QTemporaryDir dir;
    const QString floorPath = dir.filePath(QStringLiteral("floor.pdf"));
    const QString oursPath = dir.filePath(QStringLiteral("ours.pdf"));
    std::printf("bench_pdf: %d rows, %d round(s) after a warm-up, wall ms\n", count, rounds);
    QList<double> floors, ours, ratios;
    for (int r = 0; r <= rounds; ++r) {
        const double f = timedMs([&] { floorPdf(report.documentRows, floorPath); });
        const double o = timedMs([&] { oursPdf(report, oursPath); });
        if (r == 0)
            continue; // warm-up: fonts loaded, caches filled
        floors << f;
        ours << o;
        ratios << o / f;
        std::printf("  round %d: floor %8.1f  ours %8.1f  (x%.2f)\n", r, f, o, o / f);
    }
    std::printf("medians: floor (drawText per cell) %.1f ms, %lld KB; ours (PdfExport) %.1f ms, "
                "%lld KB; ours over the floor x%.2f\n",
                median(floors), QFileInfo(floorPath).size() / 1024, median(ours),
                QFileInfo(oursPath).size() / 1024, median(ratios));
    return 0;
}
