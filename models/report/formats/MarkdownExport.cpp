#include "report/formats/MarkdownExport.h"

#include "report/ReportText.h"
#include "util/TimeFormat.h"

namespace warroom {

namespace {

// A table cell: pipes escaped, line breaks folded, so that no text can break the table.
QString cell(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'|', QStringLiteral("\\|"));
    text.replace(QLatin1String("\r\n"), QLatin1String(" "));
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    return text;
}

QString row(const QStringList &cells)
{
    QStringList escaped;
    for (const QString &c : cells)
        escaped << cell(c);
    return QStringLiteral("| ") + escaped.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
}

QString blank()
{
    return QStringLiteral("*To be written by the team.*\n\n");
}

} // namespace

QString MarkdownExport::write(const PostmortemReport &r)
{
    const IncidentRecord &i = r.incident;
    QString md;
    md += QStringLiteral("# %1Postmortem: %2\n\n")
              .arg(r.isDrill() ? QStringLiteral("[DRILL] ") : QString(), cell(i.title));
    if (r.isDrill())
        md += QStringLiteral("> **DRILL**: this was a rollback drill, not a live incident.\n\n");
    md += row({QStringLiteral("Field"), QStringLiteral("Value")});
    md += QStringLiteral("| --- | --- |\n");
    md += row({QStringLiteral("Incident"), i.title});
    md += row({QStringLiteral("Mode"), r.modeWord()});
    md += row({QStringLiteral("Commander"), i.commander});
    md += row({QStringLiteral("Declared"), formatUtc(i.declaredUtcMs)});
    md += row({QStringLiteral("Status"), ReportText::statusLine(r)});
    md += row({QStringLiteral("Checklist"), QStringLiteral("%1 revision %2 (sha256 %3)")
                                                .arg(i.checklistId, i.checklistRevision,
                                                     QString::fromLatin1(i.checklistSha256))});
    md += row({QStringLiteral("Timeline"), ReportText::chainLine(r)});
    md += row({QStringLiteral("This export"),
               QStringLiteral("%1, exported %2")
                   .arg(ReportText::sliceLine(r), formatUtc(r.options.generatedUtcMs))});
    md += u'\n';

    md += QStringLiteral("## Summary\n\n") + blank();
    md += QStringLiteral("## Impact\n\n") + blank();
    md += QStringLiteral("## Root causes\n\n") + blank();
    md += QStringLiteral("## Trigger\n\n") + blank();
    md += QStringLiteral("## Resolution\n\n");
    for (const QString &line : ReportText::resolutionFacts(r).split(u'\n'))
        md += QStringLiteral("- ") + line + u'\n';
    md += u'\n';
    md += QStringLiteral("## Detection\n\n") + blank();
    md += QStringLiteral("## Action items\n\n");
    md += row({QStringLiteral("Action item"), QStringLiteral("Type"), QStringLiteral("Owner"),
               QStringLiteral("Bug")});
    md += QStringLiteral("| --- | --- | --- | --- |\n");
    for (const char *type : {"prevent", "mitigate", "process"})
        md += row({QString(), QString::fromLatin1(type), QString(), QString()});
    md += u'\n';
    md += QStringLiteral("## Lessons learned\n\n");
    md += QStringLiteral("### What went well\n\n") + blank();
    md += QStringLiteral("### What went wrong\n\n") + blank();
    md += QStringLiteral("### Where we got lucky\n\n") + blank();

    md += QStringLiteral("## Timeline\n\n");
    md += row({QStringLiteral("UTC"), QStringLiteral("T+"), QStringLiteral("Who"),
               QStringLiteral("Event")});
    md += QStringLiteral("| --- | --- | --- | --- |\n");
    for (const auto &t : r.timeline)
        md += row({formatUtc(t.utcMs), formatElapsed(t.elapsedMs), t.actor,
                   t.isOverride ? QStringLiteral("**%1**").arg(t.text) : t.text});
    md += u'\n';

    md += QStringLiteral(
        "## Supporting information\n\n### Rollback steps: planned against actual\n\n");
    md += row({QStringLiteral("#"), QStringLiteral("Step"), QStringLiteral("Owner"),
               QStringLiteral("State"), QStringLiteral("Planned"), QStringLiteral("Actual"),
               QStringLiteral("Confirmed by"), QStringLiteral("Overrides and skips")});
    md += QStringLiteral("| ---: | --- | --- | --- | ---: | ---: | --- | --- |\n");
    for (const auto &s : r.steps)
        md += row({QString::number(s.number),
                   s.critical ? s.title + QStringLiteral(" (critical path)") : s.title, s.role,
                   s.state, ReportText::duration(s.plannedMs), ReportText::duration(s.actualMs),
                   s.confirmedBy.join(QStringLiteral(", ")),
                   s.overrides.join(QStringLiteral("; "))});
    md += u'\n';

    md += QStringLiteral("### Decisions\n\n");
    if (r.decisions.isEmpty())
        md += QStringLiteral("No choice was recorded.\n\n");
    for (const auto &d : r.decisions)
        md += QStringLiteral("- %1: **%2** (%3, %4)\n")
                  .arg(d.question, d.answer, d.actor, formatElapsed(d.atMs));
    if (!r.decisions.isEmpty())
        md += u'\n';

    md += QStringLiteral("### Roles and people\n\n");
    QStringList roles;
    for (const ChecklistRole &role : r.checklist.roles)
        roles << role.title;
    md += QStringLiteral("- Roles in the checklist: %1\n")
              .arg(roles.isEmpty() ? QStringLiteral("none named")
                                   : roles.join(QStringLiteral(", ")));
    md += QStringLiteral("- People who signed events: %1\n\n")
              .arg(r.people.join(QStringLiteral(", ")));

    md += QStringLiteral("### Actions and checks\n\n");
    if (r.runs.isEmpty()) {
        md += QStringLiteral("This checklist has no actions, checks or ramps.\n\n");
    } else {
        md += row({QStringLiteral("#"), QStringLiteral("Item"), QStringLiteral("Kind"),
                   QStringLiteral("Outcome"), QStringLiteral("Runs"), QStringLiteral("Requests"),
                   QStringLiteral("Last value"), QStringLiteral("Last answer")});
        md += QStringLiteral("| ---: | --- | --- | --- | ---: | ---: | --- | --- |\n");
        for (const auto &run : r.runs)
            md += row({QString::number(run.stepNumber), run.item, run.kind,
                       run.byHand ? QStringLiteral("**%1**").arg(run.outcome) : run.outcome,
                       QString::number(run.runs), QString::number(run.requests), run.lastValue,
                       run.lastResult});
        md += u'\n';
    }

    md += QStringLiteral("### Audit trail\n\n");
    md += QStringLiteral("- Tamper-evident timeline: %1\n").arg(ReportText::chainLine(r));
    md += QStringLiteral("- Verify the database against this export with `warroom verify --db "
                         "TIMELINE --incident %1 --against EXPORT.json`, or a JSON export on its "
                         "own with `warroom verify EXPORT.json`.\n")
              .arg(i.id);
    if (r.privateNotesLeftOut > 0)
        md += QStringLiteral("- %1 private note(s) left out of this export.\n")
                  .arg(r.privateNotesLeftOut);
    return md;
}

} // namespace warroom
