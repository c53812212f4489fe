#include "report/formats/HtmlExport.h"

#include "report/ReportChart.h"
#include "report/formats/ChunkedOutput.h"
#include "report/formats/DocumentRows.h"
#include "report/formats/DocumentText.h"
#include "report/formats/RoomSections.h"

#include "report/ReportText.h"
#include "report/TableHeader.h"
#include "util/BidiControls.h"
#include "util/TimeFormat.h"

#include <QGuiApplication>

namespace warroom {

namespace {

QString esc(const QString &s)
{
    return DocumentText::html(s);
}

QString tr_(const QStringList &cells, const char *tag = "td")
{
    // A header never breaks inside a word ("Stat e" in a narrow PDF column), and is a <thead>:
    // a table that goes on over the next page repeats it there, in the PDF and in print.
    const bool header = qstrcmp(tag, "th") == 0;
    QString row = header ? QStringLiteral("<thead><tr>") : QStringLiteral("<tr>");
    for (const QString &c : cells)
        row += header ? TableHeader::cell(c) : QStringLiteral("<td>") + c + QStringLiteral("</td>");
    return row + (header ? QStringLiteral("</tr></thead>\n") : QStringLiteral("</tr>\n"));
}

QString blank()
{
    return QStringLiteral("<p class=\"blank\"><em>To be written by the team.</em></p>\n");
}

// A drill says so at the top of every printed page, in the page's margin: a banner fixed over the
// page's content hid whatever began each page (a repeated table header, a heading). Browsers
// without margin boxes print the title's "[DRILL]" only.
const char *drillPageCss = R"css(@media print {
  @page { margin-top: 18mm;
    @top-center { content: "DRILL \2014  this was a rollback drill, not a live incident";
      background: #f5a623; color: #000; font-family: "DejaVu Sans", Arial, sans-serif;
      font-weight: bold; font-size: 10pt; letter-spacing: 0.1em; width: 100%; } }
}
)css";

const char *browserCss = R"css(
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 70em; color: #111; line-height: 1.4; }
h1 { font-size: 1.8em; margin-bottom: 0.3em; }
h2 { border-bottom: 1px solid #bbb; padding-bottom: 0.2em; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.92em; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; white-space: nowrap; }
tr.override td { font-weight: bold; background: #fff4e0; }
tr.folded td { font-style: italic; color: #333; }
th { white-space: nowrap; }
td.what { font-weight: bold; white-space: nowrap; }
table.timeline td:nth-child(-n+2), table.moments td:first-child { white-space: nowrap; }
.blank { color: #666; }
.drill { background: #f5a623; color: #000; font-weight: bold; padding: 0.4em 0.8em; letter-spacing: 0.1em; }
.chart svg { max-width: 100%; height: auto; border: 1px solid #ccc; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; word-break: break-all; }
@media print {
  body { margin: 0; max-width: none; }
  .drill, .drill-spacer { display: none; }
  h2 { page-break-after: avoid; }
  tr { page-break-inside: avoid; }
}
)css";

QString bold(const QString &html)
{
    return QStringLiteral("<b>%1</b>").arg(html);
}

// The postmortem written section by section, in the order of the template.
class HtmlWriter
{
public:
    HtmlWriter(const PostmortemReport &r, HtmlExport::Flavour flavour)
        : m_r(r)
        , m_browser(flavour == HtmlExport::Flavour::Browser)
        // QTextDocument sizes tables to their content unless told otherwise.
        , m_table(m_browser ? QStringLiteral("<table>\n")
                            : QStringLiteral("<table width=\"100%\" cellspacing=\"0\">\n"))
    {}

    QString &text() { return m_h; }

    void head();
    void title();
    void facts();
    void keyMoments();
    void people();
    void writtenByTheTeam();
    void chart();
    void timelineHeading();
    void timeline(); // up to its rows, which are made apart (timelineRow)
    void timelineEnd();
    void steps();
    void decisions();
    void roles();
    void room() { m_h += RoomSections::html(m_r); }
    void runs();
    void auditTrail();

private:
    void headings(const char *tag, const QStringList &titles);

    const PostmortemReport &m_r;
    const bool m_browser;
    const QString m_table;
    QString m_h;
};

void HtmlWriter::head()
{
    m_h += QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    m_h += QStringLiteral("<title>%1Postmortem: %2</title>\n")
               .arg(m_r.isDrill() ? QStringLiteral("[DRILL] ") : QString(),
                    esc(m_r.incident.title));
    if (m_browser)
        m_h += QStringLiteral("<style>") + QString::fromLatin1(browserCss)
               + (m_r.isDrill() ? QString::fromLatin1(drillPageCss) : QString())
               + QStringLiteral("</style>\n");
    m_h += QStringLiteral("</head>\n<body>\n");
}

void HtmlWriter::title()
{
    if (m_r.isDrill() && m_browser)
        m_h += QStringLiteral(
            "<div class=\"drill\">DRILL \u2014 this was a rollback drill, not a live "
            "incident</div>\n<div class=\"drill-spacer\"></div>\n");
    m_h += QStringLiteral("<h1>%1Postmortem: %2</h1>\n")
               .arg(m_r.isDrill() ? QStringLiteral("[DRILL] ") : QString(),
                    esc(m_r.incident.title));
}

void HtmlWriter::facts()
{
    const IncidentRecord &i = m_r.incident;
    QList<QPair<QString, QString>> facts = {
        {QStringLiteral("Incident"), esc(i.title)},
        {QStringLiteral("Mode"), m_r.modeWord()},
        {QStringLiteral("Commander"), esc(ReportText::commanderLine(m_r))},
        {QStringLiteral("Declared"), formatUtc(i.declaredUtcMs)},
        {QStringLiteral("Status"), esc(ReportText::statusLine(m_r))},
        {QStringLiteral("Checklist"), QStringLiteral("%1 revision %2 (sha256 <code>%3</code>)")
                                          .arg(esc(i.checklistId), esc(i.checklistRevision),
                                               QString::fromLatin1(i.checklistSha256))},
        {QStringLiteral("Timeline"),
         QStringLiteral("<code>%1</code>").arg(esc(ReportText::chainLine(m_r)))},
        {QStringLiteral("This export"),
         esc(QStringLiteral("%1, exported %2")
                 .arg(ReportText::sliceLine(m_r), formatUtc(m_r.options.generatedUtcMs)))},
    };
    if (const QString clock = ReportText::screensClockLine(m_r); !clock.isEmpty())
        facts.insert(5, {QStringLiteral("Times"), esc(clock)}); // after the status
    m_h += m_table;
    for (const auto &[k, v] : facts)
        m_h += tr_({k, v});
    m_h += QStringLiteral("</table>\n");
}

void HtmlWriter::keyMoments()
{
    m_h += QStringLiteral("<h2>Key moments</h2>\n<p>%1</p>\n").arg(esc(ReportText::keyMomentsIntro(m_r)));
    if (m_r.keyMoments.isEmpty()) {
        m_h += QStringLiteral("<p>%1</p>\n").arg(ReportText::noKeyMoments());
        return;
    }
    if (m_browser) {
        m_h += QStringLiteral("<table class=\"moments\">\n")
               + tr_(ReportText::keyMomentColumns(), "th");
    } else {
        // QTextDocument gives the short bold "What" as much room as the long details unless told.
        const QStringList columns = ReportText::keyMomentColumns();
        const int widths[] = {12, 13, 26, 49};
        m_h += m_table + QStringLiteral("<thead><tr>");
        for (int c = 0; c < columns.size(); ++c)
            m_h += QStringLiteral("<th nowrap width=\"%1%\">%2</th>").arg(widths[c]).arg(columns.at(c));
        m_h += QStringLiteral("</tr></thead>\n");
    }
    const std::optional<ScreenClock> screens = ReportText::screensClock(m_r);
    for (const auto &k : m_r.keyMoments)
        m_h += QStringLiteral(
                   "<tr><td>%1</td><td>%2</td><td class=\"what\"><b>%3</b></td><td>%4</td></tr>\n")
                   .arg(formatElapsed(k.elapsedMs)
                            + (screens ? QStringLiteral("<br>")
                                             + esc(ReportText::screensTime(screens, k.elapsedMs,
                                                                           k.actor))
                                       : QString()),
                        esc(k.actor), esc(keyMomentName(k.kind)), esc(k.text));
    m_h += QStringLiteral("</table>\n");
}

void HtmlWriter::people()
{
    m_h += QStringLiteral("<h2>People</h2>\n<ul>\n");
    for (const auto &p : m_r.persons)
        m_h += QStringLiteral("<li>%1</li>\n").arg(esc(ReportText::personLine(p)));
    m_h += QStringLiteral("</ul>\n");
}

void HtmlWriter::headings(const char *tag, const QStringList &titles)
{
    for (const QString &title : titles)
        m_h += QStringLiteral("<%1>%2</%1>\n").arg(QLatin1String(tag), title) + blank();
}

void HtmlWriter::writtenByTheTeam()
{
    headings("h2", ReportText::sectionsBeforeResolution());
    m_h += QStringLiteral("<h2>Resolution</h2>\n<ul>\n");
    for (const QString &line : ReportText::resolutionFacts(m_r).split(u'\n'))
        m_h += QStringLiteral("<li>%1</li>\n").arg(esc(line));
    m_h += QStringLiteral("</ul>\n");
    m_h += QStringLiteral("<h2>Detection</h2>\n") + blank();
    // Rows to write in: boxed in the PDF, whose other tables have no grid (TableStripes).
    m_h += QStringLiteral("<h2>Action items</h2>\n")
           + (m_browser
                  ? m_table
                  : QStringLiteral("<table width=\"100%\" cellspacing=\"0\" class=\"fill\">\n"));
    m_h += tr_(ReportText::actionItemColumns(), "th");
    for (const QStringList &item : RoomSections::actionItems(m_r)) // open deferred items
        m_h += tr_(item);
    for (const QString &type : ReportText::actionItemTypes())
        m_h += tr_({QStringLiteral("&nbsp;"), type, QString(), QString()});
    m_h += QStringLiteral("</table>\n");
    m_h += QStringLiteral("<h2>Lessons learned</h2>\n");
    headings("h3", ReportText::lessonsLearned());
}

void HtmlWriter::chart()
{
    // Text is measured with fonts, which need a QGuiApplication; a process without one (a
    // console tool, a guiless test) writes the document without its chart.
    if (m_r.gantt.rows.isEmpty() || !qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return;
    const ReportChart::Postmortem drawn = ReportChart::postmortem(m_r);
    m_h += QStringLiteral("<h2>Steps planned against actual</h2>\n");
    m_h += QStringLiteral("<p>Outline: the plan (thick on the critical path); filled: what "
                          "happened (green done, blue under way, grey skipped, orange failed); "
                          "thin strip: the runs of actions and checks%3; vertical lines: "
                          "milestones%1.%2</p>\n")
               .arg(m_r.stops.isEmpty() ? QString()
                                        : QStringLiteral("; hatched: warroom was not running "
                                                         "(nothing was recorded)"),
                    ReportText::chartAxisSentences(m_r, drawn),
                    ReportChart::unknownRunsCaption(m_r.gantt));
    if (!m_browser) {
        // The PDF puts its own rendering of the chart here (PdfExport).
        m_h += QStringLiteral("<p><img src=\"%1\"></p>\n").arg(HtmlExport::chartPlaceholder());
        return;
    }
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(15); // 8.5 pt when the 900-unit-wide chart is printed across A4
    QString svg = QString::fromUtf8(ReportChart::ofPostmortem(drawn, font).svg(900));
    // Inline SVG in HTML takes the <svg> element only, not the XML prologue.
    const qsizetype start = svg.indexOf(QLatin1String("<svg"));
    if (start > 0)
        svg = svg.mid(start);
    m_h += QStringLiteral("<div class=\"chart\">\n") + svg + QStringLiteral("\n</div>\n");
}

void HtmlWriter::timelineHeading()
{
    m_h += QStringLiteral("<h2>Timeline</h2>\n");
    if (const QString note = ReportText::foldedNote(m_r); !note.isEmpty())
        m_h += QStringLiteral("<p>%1</p>\n").arg(esc(note));
}

void HtmlWriter::timeline()
{
    // Its times on one line each (browserCss): a narrow window broke every row's date from its
    // time, doubling each row's height.
    m_h += m_browser ? QStringLiteral("<table class=\"timeline\">\n") : m_table;
    m_h += tr_(ReportText::timelineColumns(), "th");
}

void HtmlWriter::timelineEnd()
{
    m_h += QStringLiteral("</table>\n");
}

void appendEscaped(QString &h, const QString &text)
{
    DocumentText::appendHtml(h, text);
}

void timelineRow(QString &h, const PostmortemReport::TimelineRow &t)
{
    h += t.isOverride   ? QLatin1String("<tr class=\"override\"><td>")
         : t.folded > 0 ? QLatin1String("<tr class=\"folded\"><td>")
                        : QLatin1String("<tr><td>");
    h += formatUtc(t.utcMs);
    h += QLatin1String("</td><td>");
    h += formatElapsed(t.elapsedMs);
    h += QLatin1String("</td><td>");
    appendEscaped(h, t.actor);
    h += QLatin1String(t.isOverride ? "</td><td><b>" : t.folded > 0 ? "</td><td><i>" : "</td><td>");
    appendEscaped(h, t.text);
    h += QLatin1String(t.isOverride   ? "</b></td></tr>\n"
                       : t.folded > 0 ? "</i></td></tr>\n"
                                      : "</td></tr>\n");
}

void HtmlWriter::steps()
{
    m_h += QStringLiteral(
               "<h2>Supporting information</h2>\n<h3>Rollback steps: planned against actual</h3>\n")
           + m_table;
    m_h += tr_(ReportText::stepColumns(), "th");
    const std::optional<ScreenClock> screens = ReportText::screensClock(m_r);
    for (const auto &s : m_r.steps)
        m_h += tr_(
            {QString::number(s.number),
             esc(s.title) + (s.critical ? QStringLiteral(" <em>(critical path)</em>") : QString()),
             esc(s.role), esc(s.stateText()), ReportText::duration(s.plannedMs),
             esc(ReportText::stepSpan(m_r, s, screens)),
             esc(DocumentText::joined(s.confirmedBy, u", ")),
             esc(DocumentText::joined(s.overrides, u"; "))});
    m_h += QStringLiteral("</table>\n");
}

void HtmlWriter::decisions()
{
    m_h += QStringLiteral("<h3>Decisions</h3>\n");
    if (m_r.decisions.isEmpty()) {
        m_h += QStringLiteral("<p>%1</p>\n").arg(ReportText::noDecisions());
        return;
    }
    m_h += QStringLiteral("<ul>\n");
    for (const auto &d : m_r.decisions)
        m_h += QStringLiteral("<li>%1: <b>%2</b> (%3, %4)</li>\n")
                   .arg(esc(d.question), esc(d.answer), esc(d.actor), formatElapsed(d.atMs));
    m_h += QStringLiteral("</ul>\n");
}

void HtmlWriter::roles()
{
    m_h += QStringLiteral("<h3>Roles and people</h3>\n<ul>\n<li>Roles in the checklist: %1</li>\n"
                          "<li>People: %2 (see People above)</li>\n</ul>\n")
               .arg(esc(ReportText::rolesLine(m_r)), esc(DocumentText::joined(m_r.people, u", ")));
}

void HtmlWriter::runs()
{
    m_h += QStringLiteral("<h3>Actions and checks</h3>\n");
    if (m_r.runs.isEmpty()) {
        m_h += QStringLiteral("<p>%1</p>\n").arg(ReportText::noRuns());
        return;
    }
    m_h += m_table;
    m_h += tr_(ReportText::runColumns(), "th");
    for (const auto &run : m_r.runs)
        m_h += tr_({QString::number(run.stepNumber), esc(run.item), esc(run.kind),
                    run.byHand ? bold(esc(run.outcome)) : esc(run.outcome),
                    QString::number(run.runs), QString::number(run.requests), esc(run.lastValue),
                    esc(run.lastResult)});
    m_h += QStringLiteral("</table>\n");
}

void HtmlWriter::auditTrail()
{
    m_h += QStringLiteral(
               "<h3>Audit trail</h3>\n<ul>\n<li>Tamper-evident timeline: <code>%1</code></li>\n")
               .arg(esc(ReportText::chainLine(m_r)));
    m_h += QStringLiteral("<li>Verified when this export was made (%1): %2</li>\n")
               .arg(formatUtc(m_r.options.generatedUtcMs), esc(m_r.chain.summary()));
    // Each command on a line of its own, as it is typed: inline, the PDF broke "--against"
    // after its hyphens, and a copied command did not run.
    m_h += QStringLiteral("<li>Verify the database against the JSON export with\n<pre>warroom "
                          "verify --db TIMELINE --incident %1 --against EXPORT.json</pre>\nor a "
                          "JSON export on its own with\n<pre>warroom verify EXPORT.json</pre>"
                          "</li>\n")
               .arg(m_r.incident.id);
    const QList<QPair<QString, QStringList>> evidence{
        {QStringLiteral("Notifications sent (webhook posts and their answers)"), m_r.notifications},
        {QStringLiteral("Validated against thresholds (each check run, each ramp gate)"),
         m_r.validations}};
    for (const auto &[title, lines] : evidence) {
        m_h += QStringLiteral("<li>%1:%2").arg(title, lines.isEmpty() ? QStringLiteral(" none")
                                                                     : QString());
        if (!lines.isEmpty()) {
            m_h += QStringLiteral("<ul>\n");
            for (const QString &line : lines)
                m_h += QStringLiteral("<li>%1</li>\n").arg(esc(line));
            m_h += QStringLiteral("</ul>");
        }
        m_h += QStringLiteral("</li>\n");
    }
    if (m_r.privateNotesLeftOut > 0)
        m_h += QStringLiteral("<li>%1 private note(s) left out of this export.</li>\n")
                   .arg(m_r.privateNotesLeftOut);
    m_h += QStringLiteral("</ul>\n</body>\n</html>\n");
}

} // namespace

QString HtmlExport::write(const PostmortemReport &r, Flavour flavour)
{
    const Cut cut = withoutRows(r, flavour);
    QString h = cut.text.left(cut.rowsAt);
    QString rows;
    for (const auto &t : r.documentRows)
        timelineRow(rows, t);
    h += BidiControls::shown(std::move(rows));
    h += QStringView(cut.text).mid(cut.rowsAt);
    return h;
}

bool HtmlExport::write(const PostmortemReport &r, QIODevice &device)
{
    const Cut cut = withoutRows(r, Flavour::Browser);
    ChunkedOutput out(device);
    QByteArray scratch;
    out += ChunkedOutput::utf8(cut.text.left(cut.rowsAt), scratch);
    writeDocumentRows(r, out, timelineRow);
    out += ChunkedOutput::utf8(cut.text.mid(cut.rowsAt), scratch);
    return out.flush();
}

HtmlExport::Split HtmlExport::writeSplit(const PostmortemReport &r, Flavour flavour)
{
    const Cut cut = withoutRows(r, flavour);
    const QString head = cut.text.left(cut.bodyStart);
    const QString tail = QStringLiteral("</body>\n</html>\n");
    return {cut.text.left(cut.tableStart) + tail, head + cut.text.mid(cut.tableEnd)};
}

HtmlExport::Cut HtmlExport::withoutRows(const PostmortemReport &r, Flavour flavour)
{
    Cut at;
    HtmlWriter w(r, flavour);
    w.head();
    at.bodyStart = w.text().size();
    w.title();
    w.facts();
    // On paper the chart goes under the facts, where it fits on the first page; after the key
    // moments it left most of a page empty when it did not fit under them.
    const bool paper = flavour == Flavour::TextDocument;
    if (paper)
        w.chart();
    w.keyMoments();
    w.people();
    if (!paper)
        w.chart();
    w.writtenByTheTeam();
    w.timelineHeading();
    at.tableStart = w.text().size();
    w.timeline();
    at.rowsAt = w.text().size();
    w.timelineEnd();
    at.tableEnd = w.text().size();
    w.steps();
    w.decisions();
    w.roles();
    w.room();
    w.runs();
    w.auditTrail();
    // Shown, not obeyed: one character for one, so the cuts stay where they are.
    at.text = BidiControls::shown(std::move(w.text()));
    return at;
}

} // namespace warroom
