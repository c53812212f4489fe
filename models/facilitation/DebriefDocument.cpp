// The debrief laid out: Markdown (a reader's text), HTML (one self-contained page) and an A4
// PDF from that HTML, readable by a player who has no access to the app.
#include "facilitation/Debrief.h"
#include "facilitation/DebriefChart.h"
#include "facilitation/DebriefSections.h"
#include "facilitation/DebriefText.h"
#include "report/DocumentChart.h"
#include "report/DocumentPage.h"
#include "report/KeepWithNext.h"
#include "report/TableHeader.h"
#include "util/OutputFile.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QTextOption>

#include <optional>

namespace warroom {

namespace {

QString mdTable(const DebriefSection &s)
{
    QStringList headers;
    for (const QString &h : s.headers)
        headers << DebriefText::markdown(h);
    QString out = QStringLiteral("| ") + headers.join(QStringLiteral(" | "))
                  + QStringLiteral(" |\n|");
    for (qsizetype i = 0; i < s.headers.size(); ++i)
        out += QStringLiteral("---|");
    out += u'\n';
    for (const QStringList &row : s.rows) {
        QStringList cells;
        for (const QString &c : row)
            cells << DebriefText::markdown(c);
        out += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    }
    return out;
}

const char *const css
    = "body { font-family: sans-serif; font-size: 10pt; color: #1a1a1a; max-width: 60em; } "
      "h1 { font-size: 17pt; } h2 { font-size: 13pt; margin-top: 14pt; } "
      "table { border-collapse: collapse; margin: 4pt 0; } "
      "th { background-color: #eef1f5; text-align: left; } "
      "td, th { border: 1px solid #bbbbbb; padding: 3px 5px; vertical-align: top; } "
      "td.blank { height: 22px; } p.small { font-size: 8.5pt; color: #444444; } "
      ".chart svg { max-width: 100%; height: auto; border: 1px solid #cccccc; }";

// The text of a cell or paragraph as HTML. Long words get places to break, on paper and in a
// browser alike: a table sized to a 10,000-character word would leave the page, and breaking
// anywhere ("overflow-wrap: anywhere") splits short words as well ("Le e").
QString esc(const QString &text, bool)
{
    return DebriefText::breakable(text).toHtmlEscaped();
}

QString htmlTable(const DebriefSection &s, bool paper)
{
    // The header row in a <thead>: a table that goes on over the next page repeats it there.
    QString out = QStringLiteral("<table width=\"100%\"><thead><tr>");
    for (const QString &h : s.headers)
        out += TableHeader::cell(TableHeader::wrapped(h, 9));
    out += QStringLiteral("</tr></thead>\n");
    for (const QStringList &row : s.rows) {
        out += QStringLiteral("<tr>");
        for (const QString &c : row)
            out += c.isEmpty() ? QStringLiteral("<td class=\"blank\">&nbsp;</td>")
                               : QStringLiteral("<td>%1</td>").arg(esc(c, paper));
        out += QStringLiteral("</tr>\n");
    }
    return out + QStringLiteral("</table>\n");
}

// The whole page; `chart` is the chart's markup (an inline SVG, or the PDF's image), or empty.
QString document(const Debrief &d, const QString &chart, bool paper)
{
    const QString title = esc(debriefTitle(d), paper);
    QString out = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                 "<title>%1</title><style>%2</style></head><body>\n<h1>%1</h1>\n")
                      .arg(title, QString::fromLatin1(css));
    for (const DebriefSection &s : debriefSections(d)) {
        if (!s.title.isEmpty())
            out += QStringLiteral("<h2>%1</h2>\n").arg(esc(s.title, paper));
        for (const QString &p : s.paragraphs)
            out += QStringLiteral("<p>%1</p>\n").arg(esc(p, paper));
        if (!s.bullets.isEmpty()) {
            out += QStringLiteral("<ul>\n");
            for (const QString &b : s.bullets)
                out += QStringLiteral("<li>%1</li>\n").arg(esc(b, paper));
            out += QStringLiteral("</ul>\n");
        }
        if (s.chart && !chart.isEmpty())
            out += chart;
        if (!s.headers.isEmpty() && !s.rows.isEmpty())
            out += htmlTable(s, paper);
        if (!s.afterTable.isEmpty())
            out += QStringLiteral("<p class=\"small\">%1</p>\n").arg(esc(s.afterTable, paper));
    }
    return out + QStringLiteral("</body></html>\n");
}

// Text is measured with fonts, which need a QGuiApplication; a process without one (a console
// tool, a guiless test) writes the document without its chart, as the postmortem does.
bool canDrawChart(const Debrief &d)
{
    return !d.gantt.rows.isEmpty()
           && qobject_cast<QGuiApplication *>(QCoreApplication::instance()) != nullptr;
}

} // namespace

QString Debrief::markdown() const
{
    QString out = QStringLiteral("# ") + DebriefText::markdown(debriefTitle(*this))
                  + QLatin1Char('\n');
    for (const DebriefSection &s : debriefSections(*this)) {
        if (!s.title.isEmpty())
            out += QStringLiteral("\n## ") + DebriefText::markdown(s.title) + QLatin1Char('\n');
        for (const QString &p : s.paragraphs)
            out += QLatin1Char('\n') + DebriefText::markdown(p) + QLatin1Char('\n');
        if (s.chart)
            out += QStringLiteral("\nThe chart is drawn in the HTML and PDF debrief; here, each "
                                  "inject's drill time against the steps the room was on.\n");
        if (!s.bullets.isEmpty()) {
            out += u'\n';
            for (const QString &b : s.bullets)
                out += QStringLiteral("- ") + DebriefText::markdown(b) + QLatin1Char('\n');
        }
        if (!s.headers.isEmpty() && !s.rows.isEmpty())
            out += QLatin1Char('\n') + mdTable(s);
        if (!s.afterTable.isEmpty())
            out += QLatin1Char('\n') + DebriefText::markdown(s.afterTable) + QLatin1Char('\n');
    }
    return out;
}

QString Debrief::html() const
{
    QString chart;
    if (canDrawChart(*this))
        chart = QStringLiteral("<div class=\"chart\">\n") + DebriefChart::of(*this).svg(gantt)
                + QStringLiteral("\n</div>\n");
    return document(*this, chart, false);
}

namespace {

// The debrief's PDF into `device`, page by page as QTextDocument::print would, with the chart
// drawn where it has its place; false when the writer cannot start on it.
bool paintPdf(const Debrief &debrief, QIODevice &device)
{
    QPdfWriter writer(&device);
    writer.setTitle(debriefTitle(debrief));
    writer.setCreator(QStringLiteral("warroom debrief"));
    writer.setResolution(300);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9);
    doc.setDefaultFont(font);
    // Tables of ten columns fit A4 at 8 pt with every word whole.
    doc.setDefaultStyleSheet(QString::fromLatin1(css)
                             + QStringLiteral(" td, th { font-size: 8pt; padding: 2px 3px; }"));
    // The document's default wraps "at word boundary or anywhere", which lets a table squeeze a
    // column below its longest word and break it there ("Acknowled ged", "stakehol ders"): words
    // stay whole, and the long ones have places to break (DebriefText::breakable).
    QTextOption wrap = doc.defaultTextOption();
    wrap.setWrapMode(QTextOption::WordWrap);
    doc.setDefaultTextOption(wrap);
    const QSizeF body = writer.pageLayout().paintRectPixels(writer.resolution()).size();
    std::optional<DocumentChart> chart;
    QString chartMarkup;
    if (canDrawChart(debrief)) {
        QFont chartFont(QStringLiteral("DejaVu Sans"));
        chartFont.setPointSizeF(8.5);
        chart.emplace(DebriefChart::of(debrief).chart(debrief.gantt, chartFont),
                      QStringLiteral("warroom-debrief-chart"));
        chartMarkup = QStringLiteral("<p>%1</p>\n").arg(chart->reserve(doc, body.width(), &writer));
    }
    // The content is loaded under a null page size, which the layout does not lay out for: under
    // the document's own (none) it laid the first stretch out as one endless page, for nothing.
    doc.setPageSize(QSizeF(0, 0));
    doc.setHtml(document(debrief, chartMarkup, true));
    doc.setPageSize(body);
    // The chart's heading and caption start the page the chart is on, not end the one before.
    KeepWithNext::apply(doc);
    if (chart)
        chart->locate(doc, writer.resolution() / 96.0);
    QPainter painter;
    if (!painter.begin(&writer))
        return false;
    for (int p = 0; p < doc.pageCount(); ++p) {
        if (p > 0)
            writer.newPage();
        drawDocumentPage(painter, doc, p, 0, chart ? &*chart : nullptr);
    }
    return painter.end();
}

} // namespace

// Through a QSaveFile: a full disk must not leave a PDF cut short in the place of a good one.
bool Debrief::writePdf(const QString &path, QString *error) const
{
    return OutputFile::write(
        path, [this](QIODevice &file) { return paintPdf(*this, file); }, error);
}

} // namespace warroom
