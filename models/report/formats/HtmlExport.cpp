#include "report/formats/HtmlExport.h"

#include "report/ReportText.h"
#include "util/TimeFormat.h"

namespace warroom {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString tr_(const QStringList &cells, const char *tag = "td")
{
    QString row = QStringLiteral("<tr>");
    for (const QString &c : cells)
        row += QStringLiteral("<%1>%2</%1>").arg(QLatin1String(tag), c);
    return row + QStringLiteral("</tr>\n");
}

QString blank()
{
    return QStringLiteral("<p class=\"blank\"><em>To be written by the team.</em></p>\n");
}

const char *browserCss = R"css(
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 70em; color: #111; line-height: 1.4; }
h1 { font-size: 1.8em; margin-bottom: 0.3em; }
h2 { border-bottom: 1px solid #bbb; padding-bottom: 0.2em; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.92em; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; white-space: nowrap; }
tr.override td { font-weight: bold; background: #fff4e0; }
.blank { color: #666; }
.drill { background: #f5a623; color: #000; font-weight: bold; padding: 0.4em 0.8em; letter-spacing: 0.1em; }
.chart svg { width: 100%; height: auto; border: 1px solid #ccc; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; word-break: break-all; }
@media print {
  body { margin: 0; max-width: none; }
  .drill { position: fixed; top: 0; left: 0; right: 0; text-align: center; }
  .drill-spacer { height: 2.5em; }
  h2 { page-break-after: avoid; }
  tr { page-break-inside: avoid; }
}
)css";

} // namespace

QString HtmlExport::write(const PostmortemReport &r, Flavour flavour)
{
    return writeImpl(r, flavour, nullptr);
}

HtmlExport::Split HtmlExport::writeSplit(const PostmortemReport &r, Flavour flavour)
{
    Cuts cuts;
    const QString h = writeImpl(r, flavour, &cuts);
    const QString head = h.left(cuts.bodyStart);
    const QString tail = QStringLiteral("</body>\n</html>\n");
    return {h.left(cuts.tableStart) + tail, head + h.mid(cuts.tableEnd)};
}

QString HtmlExport::writeImpl(const PostmortemReport &r, Flavour flavour, Cuts *cuts)
{
    const IncidentRecord &i = r.incident;
    const bool browser = flavour == Flavour::Browser;
    QString h;
    h += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h += QStringLiteral("<title>%1Postmortem: %2</title>\n")
             .arg(r.isDrill() ? QStringLiteral("[DRILL] ") : QString(), esc(i.title));
    if (browser)
        h += QStringLiteral("<style>") + QString::fromLatin1(browserCss)
             + QStringLiteral("</style>\n");
    h += QStringLiteral("</head>\n<body>\n");
    if (cuts)
        cuts->bodyStart = h.size();
    if (r.isDrill() && browser)
        h += QStringLiteral(
            "<div class=\"drill\">DRILL \u2014 this was a rollback drill, not a live "
            "incident</div>\n<div class=\"drill-spacer\"></div>\n");
    h += QStringLiteral("<h1>%1Postmortem: %2</h1>\n")
             .arg(r.isDrill() ? QStringLiteral("[DRILL] ") : QString(), esc(i.title));

    // QTextDocument sizes tables to their content unless told otherwise.
    const QString table = browser ? QStringLiteral("<table>\n")
                                  : QStringLiteral("<table width=\"100%\" cellspacing=\"0\">\n");
    h += table;
    const QList<QPair<QString, QString>> facts = {
        {QStringLiteral("Incident"), esc(i.title)},
        {QStringLiteral("Mode"), r.modeWord()},
        {QStringLiteral("Commander"), esc(i.commander)},
        {QStringLiteral("Declared"), formatUtc(i.declaredUtcMs)},
        {QStringLiteral("Status"), esc(ReportText::statusLine(r))},
        {QStringLiteral("Checklist"), QStringLiteral("%1 revision %2 (sha256 <code>%3</code>)")
                                          .arg(esc(i.checklistId), esc(i.checklistRevision),
                                               QString::fromLatin1(i.checklistSha256))},
        {QStringLiteral("Timeline"),
         QStringLiteral("<code>%1</code>").arg(esc(ReportText::chainLine(r)))},
        {QStringLiteral("This export"),
         esc(QStringLiteral("%1, exported %2")
                 .arg(ReportText::sliceLine(r), formatUtc(r.options.generatedUtcMs)))},
    };
    for (const auto &[k, v] : facts)
        h += tr_({k, v});
    h += QStringLiteral("</table>\n");

    h += QStringLiteral("<h2>Summary</h2>\n") + blank();
    h += QStringLiteral("<h2>Impact</h2>\n") + blank();
    h += QStringLiteral("<h2>Root causes</h2>\n") + blank();
    h += QStringLiteral("<h2>Trigger</h2>\n") + blank();
    h += QStringLiteral("<h2>Resolution</h2>\n<ul>\n");
    for (const QString &line : ReportText::resolutionFacts(r).split(u'\n'))
        h += QStringLiteral("<li>%1</li>\n").arg(esc(line));
    h += QStringLiteral("</ul>\n");
    h += QStringLiteral("<h2>Detection</h2>\n") + blank();
    h += QStringLiteral("<h2>Action items</h2>\n") + table;
    h += tr_({QStringLiteral("Action item"), QStringLiteral("Type"), QStringLiteral("Owner"),
              QStringLiteral("Bug")},
             "th");
    for (const char *type : {"prevent", "mitigate", "process"})
        h += tr_({QStringLiteral("&nbsp;"), QString::fromLatin1(type), QString(), QString()});
    h += QStringLiteral("</table>\n");
    h += QStringLiteral("<h2>Lessons learned</h2>\n");
    h += QStringLiteral("<h3>What went well</h3>\n") + blank();
    h += QStringLiteral("<h3>What went wrong</h3>\n") + blank();
    h += QStringLiteral("<h3>Where we got lucky</h3>\n") + blank();

    h += QStringLiteral("<h2>Timeline</h2>\n");
    if (browser && !r.options.chartSvg.isEmpty()) {
        QString svg = QString::fromUtf8(r.options.chartSvg);
        // Inline SVG in HTML takes the <svg> element only, not the XML prologue.
        const qsizetype start = svg.indexOf(QLatin1String("<svg"));
        if (start > 0)
            svg = svg.mid(start);
        h += QStringLiteral("<div class=\"chart\">\n") + svg + QStringLiteral("\n</div>\n");
    }
    if (cuts)
        cuts->tableStart = h.size();
    h += table;
    h += tr_({QStringLiteral("UTC"), QStringLiteral("T+"), QStringLiteral("Who"),
              QStringLiteral("Event")},
             "th");
    for (const auto &t : r.timeline) {
        const QString cells
            = QStringLiteral("<td>%1</td><td>%2</td><td>%3</td><td>%4</td>")
                  .arg(formatUtc(t.utcMs), formatElapsed(t.elapsedMs), esc(t.actor),
                       t.isOverride ? QStringLiteral("<b>%1</b>").arg(esc(t.text)) : esc(t.text));
        h += (t.isOverride ? QStringLiteral("<tr class=\"override\">") : QStringLiteral("<tr>"))
             + cells + QStringLiteral("</tr>\n");
    }
    h += QStringLiteral("</table>\n");
    if (cuts)
        cuts->tableEnd = h.size();

    h += QStringLiteral(
             "<h2>Supporting information</h2>\n<h3>Rollback steps: planned against actual</h3>\n")
         + table;
    h += tr_({QStringLiteral("#"), QStringLiteral("Step"), QStringLiteral("Owner"),
              QStringLiteral("State"), QStringLiteral("Planned"), QStringLiteral("Actual"),
              QStringLiteral("Confirmed by"), QStringLiteral("Overrides and skips")},
             "th");
    for (const auto &s : r.steps)
        h += tr_(
            {QString::number(s.number),
             esc(s.title) + (s.critical ? QStringLiteral(" <em>(critical path)</em>") : QString()),
             esc(s.role), esc(s.state), ReportText::duration(s.plannedMs),
             ReportText::duration(s.actualMs), esc(s.confirmedBy.join(QStringLiteral(", "))),
             esc(s.overrides.join(QStringLiteral("; ")))});
    h += QStringLiteral("</table>\n<h3>Decisions</h3>\n");
    if (r.decisions.isEmpty())
        h += QStringLiteral("<p>No choice was recorded.</p>\n");
    else {
        h += QStringLiteral("<ul>\n");
        for (const auto &d : r.decisions)
            h += QStringLiteral("<li>%1: <b>%2</b> (%3, %4)</li>\n")
                     .arg(esc(d.question), esc(d.answer), esc(d.actor), formatElapsed(d.atMs));
        h += QStringLiteral("</ul>\n");
    }
    QStringList roles;
    for (const ChecklistRole &role : r.checklist.roles)
        roles << role.title;
    h += QStringLiteral("<h3>Roles and people</h3>\n<ul>\n<li>Roles in the checklist: %1</li>\n"
                        "<li>People who signed events: %2</li>\n</ul>\n")
             .arg(esc(roles.isEmpty() ? QStringLiteral("none named")
                                      : roles.join(QStringLiteral(", "))),
                  esc(r.people.join(QStringLiteral(", "))));
    h += QStringLiteral("<h3>Actions and checks</h3>\n");
    if (r.runs.isEmpty()) {
        h += QStringLiteral("<p>This checklist has no actions, checks or ramps.</p>\n");
    } else {
        h += table;
        h += tr_({QStringLiteral("#"), QStringLiteral("Item"), QStringLiteral("Kind"),
                  QStringLiteral("Outcome"), QStringLiteral("Runs"), QStringLiteral("Requests"),
                  QStringLiteral("Last value"), QStringLiteral("Last answer")},
                 "th");
        for (const auto &run : r.runs)
            h += tr_(
                {QString::number(run.stepNumber), esc(run.item), esc(run.kind),
                 run.byHand ? QStringLiteral("<b>%1</b>").arg(esc(run.outcome)) : esc(run.outcome),
                 QString::number(run.runs), QString::number(run.requests), esc(run.lastValue),
                 esc(run.lastResult)});
        h += QStringLiteral("</table>\n");
    }
    h += QStringLiteral(
             "<h3>Audit trail</h3>\n<ul>\n<li>Tamper-evident timeline: <code>%1</code></li>\n")
             .arg(esc(ReportText::chainLine(r)));
    h += QStringLiteral("<li>Verify the database against the JSON export with <code>warroom verify "
                        "--db TIMELINE --incident %1 --against EXPORT.json</code>.</li>\n")
             .arg(i.id);
    if (r.privateNotesLeftOut > 0)
        h += QStringLiteral("<li>%1 private note(s) left out of this export.</li>\n")
                 .arg(r.privateNotesLeftOut);
    h += QStringLiteral("</ul>\n</body>\n</html>\n");
    return h;
}

} // namespace warroom
