#pragma once

// The rows both PdfCellText suites draw and measure: tst_pdfcelltext measures them and
// tst_pdfcelldrawing draws them into PDFs.

#include "support/TestStrings.h"

#include <QFont>
#include <QString>
#include <QTest>

namespace warroom::test {

constexpr int pdfDpi = 300;
constexpr qreal cellWidth = 520; // about the "Who" column at 300 dpi; the rows vary it

inline QFont cellFont(bool bold, const QString &family = QStringLiteral("DejaVu Sans"))
{
    QFont font(family);
    font.setPointSizeF(7.5);
    font.setBold(bold);
    return font;
}

// Liberation Serif kerns "11": a time in it cannot be made from its pattern's glyphs.
inline QString kernedDigitsFamily()
{
    return QStringLiteral("Liberation Serif");
}

// Columns: times (a time column, else who or what), bold, columnWidth, family, text.
inline void addPdfCellRows()
{
    QTest::addColumn<bool>("times");
    QTest::addColumn<bool>("bold");
    QTest::addColumn<qreal>("columnWidth");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("text");
    const QString dejaVu = s("DejaVu Sans");
    const qreal width = cellWidth;

    const QString sentence = s("\u201cLatency p99 under the acceptance threshold (300 ms)\u201d: "
                               "measured 0.4% (threshold < 1%) passing");
    QTest::newRow("who, one line") << false << false << width << dejaVu << s("automation");
    QTest::newRow("who, bold") << false << true << width << dejaVu << s("Priya (commander)");
    QTest::newRow("event, two lines") << false << false << 1700.0 << dejaVu << sentence;
    QTest::newRow("event, five lines, bold") << false << true << 700.0 << dejaVu << sentence;
    QTest::newRow("event, a word longer than the column")
        << false << false << width << dejaVu << s("x").repeated(400);
    QTest::newRow("event, an address longer than the column")
        << false << false << 1700.0 << dejaVu
        << s("dashboard: https://grafana.example.com/d/checkout-5xx/overview?orgId=1&from=now-6h"
             "&to=now&var-service=payments-api&var-region=eu-west-1 (see the p99 panel)");
    QTest::newRow("event, plain, two lines")
        << false << false << 1200.0 << dejaVu
        << s("Latency p99 under the acceptance threshold (300 ms): measured 0.4% passing");
    QTest::newRow("event, plain, Latin-1")
        << false << false << width << dejaVu << s("caf\u00e9, d\u00e9j\u00e0 vu, \u00c6r\u00f8");
    QTest::newRow("event, a soft hyphen")
        << false << false << 300.0 << dejaVu << s("roll\u00adback done");
    QTest::newRow("event, a fallback font (CJK)")
        << false << false << width << dejaVu << s("\u56de\u6eda rollback \u5b8c\u6210");
    QTest::newRow("event, empty") << false << false << width << dejaVu << QString();
    QTest::newRow("event, right to left") << false << false << width << dejaVu
                                          << s("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd "
                                               "rollback \u05e9\u05dc\u05d5\u05dd");
    QTest::newRow("event, right to left, wrapped")
        << false << false << 200.0 << dejaVu
        << s("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd rollback \u05e9\u05dc\u05d5\u05dd");
    QTest::newRow("event, words and then one longer than the column")
        << false << true << width << dejaVu
        << s("before it ") + s("y").repeated(300) + s(" after it");
    QTest::newRow("event, a line break")
        << false << false << width << dejaVu << s("first line\nsecond line of the note");
    QTest::newRow("event, a tab") << false << false << width << dejaVu
                                  << s("before\tafter the tab");
    QTest::newRow("event, CR LF") << false << false << width << dejaVu
                                  << s("first line\r\nsecond line");
    QTest::newRow("utc") << true << false << 690.0 << dejaVu << s("2026-01-01 00:00:06Z");
    QTest::newRow("utc, other digits")
        << true << false << 690.0 << dejaVu << s("2027-12-31 23:59:58Z");
    QTest::newRow("utc, too wide for a narrow column")
        << true << false << 300.0 << dejaVu << s("2026-01-01 00:00:06Z");
    QTest::newRow("utc, a year out of range")
        << true << false << 690.0 << dejaVu << s("+275760-09-13 00:00:00Z");
    QTest::newRow("elapsed") << true << false << 360.0 << dejaVu << s("T+00:00:06");
    QTest::newRow("elapsed, days") << true << true << 360.0 << dejaVu << s("T+1234d 07:08:09");
    QTest::newRow("time column header") << true << true << 690.0 << dejaVu << s("UTC");
    // Digits kerned against each other: measured and drawn as drawText does, each time shaped.
    QTest::newRow("utc, kerned digits")
        << true << false << 690.0 << kernedDigitsFamily() << s("2011-11-11 11:11:11Z");
    QTest::newRow("elapsed, kerned digits, bold")
        << true << true << 360.0 << kernedDigitsFamily() << s("T+11:11:11");
}

} // namespace warroom::test
