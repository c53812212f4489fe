#include "report/formats/MarkdownExport.h"

#include "report/formats/ChunkedOutput.h"
#include "report/formats/DocumentRows.h"
#include "report/formats/DocumentText.h"
#include "report/formats/RoomSections.h"

#include "report/ReportText.h"
#include "util/BidiControls.h"
#include "util/TimeFormat.h"

#include <algorithm>

namespace warroom {

namespace {

QString cell(const QString &text)
{
    return DocumentText::markdown(text);
}

QString row(const QStringList &cells)
{
    QString out = QStringLiteral("| ");
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            out += QLatin1String(" | ");
        out += cell(cells.at(i));
    }
    out += QLatin1String(" |\n");
    return out;
}

QString blank()
{
    return QStringLiteral("*To be written by the team.*\n\n");
}

// A table's header row and the row under it that aligns its columns.
QString header(const QStringList &columns, QLatin1String alignment)
{
    QString out = row(columns);
    out += alignment;
    out += u'\n';
    return out;
}

constexpr QLatin1String numbered("| ---: | --- | --- | --- | ---: | ---: | --- | --- |");

void headings(QString &md, const char *level, const QStringList &titles)
{
    for (const QString &title : titles)
        md += QLatin1String(level) + title + QStringLiteral("\n\n") + blank();
}

void title(QString &md, const PostmortemReport &r)
{
    md += QStringLiteral("# %1Postmortem: %2\n\n")
              .arg(r.isDrill() ? QStringLiteral("[DRILL] ") : QString(), cell(r.incident.title));
    if (r.isDrill())
        md += QStringLiteral("> **DRILL**: this was a rollback drill, not a live incident.\n\n");
}

void facts(QString &md, const PostmortemReport &r)
{
    const IncidentRecord &i = r.incident;
    md += header({QStringLiteral("Field"), QStringLiteral("Value")},
                 QLatin1String("| --- | --- |"));
    md += row({QStringLiteral("Incident"), i.title});
    md += row({QStringLiteral("Mode"), r.modeWord()});
    md += row({QStringLiteral("Commander"), ReportText::commanderLine(r)});
    md += row({QStringLiteral("Declared"), formatUtc(i.declaredUtcMs)});
    md += row({QStringLiteral("Status"), ReportText::statusLine(r)});
    if (const QString clock = ReportText::screensClockLine(r); !clock.isEmpty())
        md += row({QStringLiteral("Times"), clock});
    md += row({QStringLiteral("Checklist"), QStringLiteral("%1 revision %2 (sha256 %3)")
                                                .arg(i.checklistId, i.checklistRevision,
                                                     QString::fromLatin1(i.checklistSha256))});
    md += row({QStringLiteral("Timeline"), ReportText::chainLine(r)});
    md += row({QStringLiteral("This export"),
               QStringLiteral("%1, exported %2")
                   .arg(ReportText::sliceLine(r), formatUtc(r.options.generatedUtcMs))});
    md += u'\n';
}

void keyMoments(QString &md, const PostmortemReport &r)
{
    md += QStringLiteral("## Key moments\n\n") + ReportText::keyMomentsIntro(r)
          + QStringLiteral("\n\n");
    if (r.keyMoments.isEmpty()) {
        md += ReportText::noKeyMoments() + QStringLiteral("\n\n");
        return;
    }
    md += header(ReportText::keyMomentColumns(), QLatin1String("| --- | --- | --- | --- |"));
    const std::optional<ScreenClock> screens = ReportText::screensClock(r);
    for (const auto &k : r.keyMoments)
        md += row({ReportText::momentTime(screens, k.elapsedMs, k.actor), k.actor,
                   QStringLiteral("**%1**").arg(keyMomentName(k.kind)), k.text});
    md += u'\n';
}

void people(QString &md, const PostmortemReport &r)
{
    md += QStringLiteral("## People\n\n");
    for (const auto &p : r.persons)
        md += QStringLiteral("- ") + cell(ReportText::personLine(p)) + u'\n';
    md += u'\n';
}

void writtenByTheTeam(QString &md, const PostmortemReport &r)
{
    headings(md, "## ", ReportText::sectionsBeforeResolution());
    md += QStringLiteral("## Resolution\n\n");
    for (const QString &line : ReportText::resolutionFacts(r).split(u'\n'))
        md += QStringLiteral("- ") + cell(line) + u'\n';
    md += u'\n';
    md += QStringLiteral("## Detection\n\n") + blank();
    md += QStringLiteral("## Action items\n\n");
    md += header(ReportText::actionItemColumns(), QLatin1String("| --- | --- | --- | --- |"));
    for (const QStringList &item : RoomSections::actionItems(r)) // open deferred items
        md += row(item);
    for (const QString &type : ReportText::actionItemTypes())
        md += row({QString(), type, QString(), QString()});
    md += u'\n';
    md += QStringLiteral("## Lessons learned\n\n");
    headings(md, "### ", ReportText::lessonsLearned());
}

// The timeline up to its table's rows, which are made apart (timelineRows).
void timelineHead(QString &md, const PostmortemReport &r)
{
    md += QStringLiteral("## Timeline\n\n");
    if (const QString note = ReportText::foldedNote(r); !note.isEmpty())
        md += note + QStringLiteral("\n\n");
    md += header(ReportText::timelineColumns(), QLatin1String("| --- | --- | --- | --- |"));
}

void timelineRow(QString &md, const PostmortemReport::TimelineRow &t)
{
    const QLatin1String emphasis(t.isOverride ? "**" : t.folded > 0 ? "*" : "");
    md += QLatin1String("| ") + formatUtc(t.utcMs) + QLatin1String(" | ")
          + formatElapsed(t.elapsedMs) + QLatin1String(" | ") + cell(t.actor) + QLatin1String(" | ")
          + emphasis + cell(t.text) + emphasis + QLatin1String(" |\n");
}

void timelineEnd(QString &md, const PostmortemReport &)
{
    md += u'\n';
}

void steps(QString &md, const PostmortemReport &r)
{
    md += QStringLiteral(
        "## Supporting information\n\n### Rollback steps: planned against actual\n\n");
    md += header(ReportText::stepColumns(), numbered);
    const std::optional<ScreenClock> screens = ReportText::screensClock(r);
    for (const auto &s : r.steps)
        md += row({QString::number(s.number),
                   s.critical ? s.title + QStringLiteral(" (critical path)") : s.title, s.role,
                   s.stateText(), ReportText::duration(s.plannedMs),
                   ReportText::stepSpan(r, s, screens), DocumentText::joined(s.confirmedBy, u", "),
                   DocumentText::joined(s.overrides, u"; ")});
    md += u'\n';
}

void decisions(QString &md, const PostmortemReport &r)
{
    md += QStringLiteral("### Decisions\n\n");
    if (r.decisions.isEmpty()) {
        md += ReportText::noDecisions() + QStringLiteral("\n\n");
        return;
    }
    for (const auto &d : r.decisions)
        md += QStringLiteral("- %1: **%2** (%3, %4)\n")
                  .arg(cell(d.question), cell(d.answer), cell(d.actor), formatElapsed(d.atMs));
    md += u'\n';
}

void roles(QString &md, const PostmortemReport &r)
{
    md += QStringLiteral("### Roles and people\n\n");
    // Through cell(): a role title brought in by import with a line break in it ("Commander\n#
    // Nobody was at fault") became a heading of the document.
    md += QStringLiteral("- Roles in the checklist: %1\n").arg(cell(ReportText::rolesLine(r)));
    md += QStringLiteral("- People: %1 (see People above)\n\n")
              .arg(cell(DocumentText::joined(r.people, u", ")));
}

void room(QString &md, const PostmortemReport &r)
{
    md += RoomSections::markdown(r);
}

void runs(QString &md, const PostmortemReport &r)
{
    md += QStringLiteral("### Actions and checks\n\n");
    if (r.runs.isEmpty()) {
        md += ReportText::noRuns() + QStringLiteral("\n\n");
        return;
    }
    md += header(ReportText::runColumns(), numbered);
    for (const auto &run : r.runs)
        md += row({QString::number(run.stepNumber), run.item, run.kind,
                   // Cut inside the emphasis, so that a long one keeps its closing "**".
                   run.byHand ? QStringLiteral("**%1**").arg(
                       DocumentText::cut(run.outcome, DocumentText::longest() - 4))
                              : run.outcome,
                   QString::number(run.runs), QString::number(run.requests), run.lastValue,
                   run.lastResult});
    md += u'\n';
}

void auditTrail(QString &md, const PostmortemReport &r)
{
    md += QStringLiteral("### Audit trail\n\n");
    md += QStringLiteral("- Tamper-evident timeline: %1\n").arg(ReportText::chainLine(r));
    md += QStringLiteral("- Verified when this export was made (%1): %2\n")
              .arg(formatUtc(r.options.generatedUtcMs), r.chain.summary());
    md += QStringLiteral("- Verify the database against this export with `warroom verify --db "
                         "TIMELINE --incident %1 --against EXPORT.json`, or a JSON export on its "
                         "own with `warroom verify EXPORT.json`.\n")
              .arg(r.incident.id);
    md += r.notifications.isEmpty()
              ? QStringLiteral("- Notifications sent (webhook posts and their answers): none\n")
              : QStringLiteral("- Notifications sent (webhook posts and their answers):\n");
    for (const QString &n : r.notifications)
        md += QStringLiteral("  - ") + cell(n) + u'\n';
    md += r.validations.isEmpty()
              ? QStringLiteral("- Validated against thresholds (each check run, each ramp gate): none\n")
              : QStringLiteral("- Validated against thresholds (each check run, each ramp gate):\n");
    for (const QString &v : r.validations)
        md += QStringLiteral("  - ") + cell(v) + u'\n';
    if (r.privateNotesLeftOut > 0)
        md += QStringLiteral("- %1 private note(s) left out of this export.\n")
                  .arg(r.privateNotesLeftOut);
}

// The sections around the timeline table's rows.
using Section = void (*)(QString &, const PostmortemReport &);
constexpr Section beforeRows[]{title, facts, keyMoments, people, writtenByTheTeam, timelineHead};
constexpr Section afterRows[]{timelineEnd, steps, decisions, roles, room, runs, auditTrail};

} // namespace

QString MarkdownExport::write(const PostmortemReport &r)
{
    QString md;
    for (Section section : beforeRows)
        section(md, r);
    for (const auto &t : r.documentRows)
        timelineRow(md, t);
    for (Section section : afterRows)
        section(md, r);
    return BidiControls::shown(std::move(md));
}

bool MarkdownExport::write(const PostmortemReport &r, QIODevice &device)
{
    ChunkedOutput out(device);
    QByteArray scratch;
    QString md;
    for (Section section : beforeRows)
        section(md, r);
    out += ChunkedOutput::utf8(BidiControls::shown(md), scratch);
    writeDocumentRows(r, out, timelineRow);
    md.resize(0);
    for (Section section : afterRows)
        section(md, r);
    out += ChunkedOutput::utf8(BidiControls::shown(md), scratch);
    return out.flush();
}

} // namespace warroom
