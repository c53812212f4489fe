// The debrief laid out: Markdown (a reader's text), HTML (one self-contained page) and an A4
// PDF from that HTML, readable by a player who has no access to the app.
#include "facilitation/Debrief.h"
#include "facilitation/DebriefSections.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace warroom {

namespace {

QString mdCell(QString text)
{
    return text.replace(u'|', QStringLiteral("\\|")).replace(u'\n', u' ');
}

QString mdTable(const DebriefSection &s)
{
    QString out = QStringLiteral("| ") + s.headers.join(QStringLiteral(" | "))
                  + QStringLiteral(" |\n|");
    for (qsizetype i = 0; i < s.headers.size(); ++i)
        out += QStringLiteral("---|");
    out += u'\n';
    for (const QStringList &row : s.rows) {
        QStringList cells;
        for (const QString &c : row)
            cells << mdCell(c);
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
      "td.blank { height: 22px; } p.small { font-size: 8.5pt; color: #444444; }";

} // namespace

QString Debrief::markdown() const
{
    QString out = QStringLiteral("# ") + debriefTitle(*this) + QLatin1Char('\n');
    for (const DebriefSection &s : debriefSections(*this)) {
        if (!s.title.isEmpty())
            out += QStringLiteral("\n## ") + s.title + QLatin1Char('\n');
        for (const QString &p : s.paragraphs)
            out += QLatin1Char('\n') + p + QLatin1Char('\n');
        if (!s.bullets.isEmpty()) {
            out += u'\n';
            for (const QString &b : s.bullets)
                out += QStringLiteral("- ") + b + QLatin1Char('\n');
        }
        if (!s.headers.isEmpty() && !s.rows.isEmpty())
            out += QLatin1Char('\n') + mdTable(s);
        if (!s.afterTable.isEmpty())
            out += QLatin1Char('\n') + s.afterTable + QLatin1Char('\n');
    }
    return out;
}

QString Debrief::html() const
{
    const QString title = debriefTitle(*this).toHtmlEscaped();
    QString out = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                 "<title>%1</title><style>%2</style></head><body>\n<h1>%1</h1>\n")
                      .arg(title, QString::fromLatin1(css));
    for (const DebriefSection &s : debriefSections(*this)) {
        if (!s.title.isEmpty())
            out += QStringLiteral("<h2>%1</h2>\n").arg(s.title.toHtmlEscaped());
        for (const QString &p : s.paragraphs)
            out += QStringLiteral("<p>%1</p>\n").arg(p.toHtmlEscaped());
        if (!s.bullets.isEmpty()) {
            out += QStringLiteral("<ul>\n");
            for (const QString &b : s.bullets)
                out += QStringLiteral("<li>%1</li>\n").arg(b.toHtmlEscaped());
            out += QStringLiteral("</ul>\n");
        }
        if (!s.headers.isEmpty() && !s.rows.isEmpty()) {
            out += QStringLiteral("<table width=\"100%\"><tr>");
            for (const QString &h : s.headers)
                out += QStringLiteral("<th>%1</th>").arg(h.toHtmlEscaped());
            out += QStringLiteral("</tr>\n");
            for (const QStringList &row : s.rows) {
                out += QStringLiteral("<tr>");
                for (const QString &c : row)
                    out += c.isEmpty() ? QStringLiteral("<td class=\"blank\">&nbsp;</td>")
                                       : QStringLiteral("<td>%1</td>").arg(c.toHtmlEscaped());
                out += QStringLiteral("</tr>\n");
            }
            out += QStringLiteral("</table>\n");
        }
        if (!s.afterTable.isEmpty())
            out += QStringLiteral("<p class=\"small\">%1</p>\n").arg(s.afterTable.toHtmlEscaped());
    }
    return out + QStringLiteral("</body></html>\n");
}

bool Debrief::writePdf(const QString &path, QString *error) const
{
    QPdfWriter writer(path);
    writer.setTitle(debriefTitle(*this));
    writer.setCreator(QStringLiteral("warroom debrief"));
    writer.setResolution(300);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9);
    doc.setDefaultFont(font);
    doc.setDefaultStyleSheet(QString::fromLatin1(css));
    doc.setHtml(html());
    doc.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size());
    doc.print(&writer);
    if (!QFile::exists(path) || QFileInfo(path).size() == 0) {
        *error = QStringLiteral("cannot write the PDF %1").arg(path);
        return false;
    }
    return true;
}

} // namespace warroom
