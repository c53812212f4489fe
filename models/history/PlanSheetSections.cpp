#include "history/PlanSheet.h"

#include "automation/RequestBuilder.h"
#include "gantt/SchedulePlanner.h"
#include "history/HistoryText.h"
#include "util/OutputFile.h"
#include "util/TimeFormat.h"

#include <QDateTime>
#include <QFile>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>

#include <algorithm>

namespace warroom {

namespace {

using Block = PlanSheet::Block;
using Kind = PlanSheet::Block::Kind;

QString measured(const QString &what, const DurationStats &s, const QList<IncidentFacts> &all,
                 qint64 nowUtcMs)
{
    return QStringLiteral("%1: median %2, p90 %3, over %4 (%5); the last %6.")
        .arg(what, HistoryText::span(s.medianMs), HistoryText::span(s.p90Ms),
             s.n == 1 ? QStringLiteral("1 incident") : QStringLiteral("%1 incidents").arg(s.n))
        .arg(HistoryText::incidentList(s.incidentIds()),
             all.isEmpty() ? QString()
                           : HistoryText::daysAgo(all.constLast().declaredUtcMs, nowUtcMs));
}

// The plan the chart and the wall show ("plan T+65"): a step waits for those it depends on, the
// others run side by side. The sum of every step's minutes said 1:10:00 for the same checklist.
qint64 plannedFinishMs(const Checklist &c)
{
    return SchedulePlanner::finishMs(SchedulePlanner::plan(c));
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

PlanSheet::Section PlanSheet::duration(const Checklist &c,
                                       const std::optional<ChecklistHistory> &h, qint64 nowUtcMs)
{
    Section s{QStringLiteral("3. How long does it take?"), {}};
    const bool drills = h && !h->triggerToHealthyDrill.isEmpty();
    const bool live = h && !h->triggerToHealthyLive.isEmpty();
    // Drills that stopped before the rollback was complete measure their steps, not this: "run
    // a drill" stood above the medians of three.
    const bool stepsMeasured
        = h
          && std::any_of(h->steps.cbegin(), h->steps.cend(),
                         [](const ChecklistHistory::Step &st) { return !st.drill.isEmpty(); });
    if (!drills && !live)
        s.blocks << Block{Kind::Paragraph,
                          (stepsMeasured ? QStringLiteral("Rollback trigger to healthy is not "
                                                          "measured yet: no drill has reached "
                                                          "it (the steps below are measured). ")
                                         : QStringLiteral("Not measured yet — run a drill. "))
                              + QStringLiteral("The checklist expects %1 from declaration to the "
                                               "end (its plan, as the chart and the wall show "
                                               "it: an estimate, not a measurement).")
                                    .arg(HistoryText::span(plannedFinishMs(c)))};
    if (drills)
        s.blocks << Block{Kind::Paragraph,
                          measured(QStringLiteral("Rollback trigger to healthy, measured in drills"),
                                   h->triggerToHealthyDrill, h->drills, nowUtcMs)};
    if (live)
        s.blocks << Block{Kind::Paragraph,
                          measured(QStringLiteral("In live incidents"), h->triggerToHealthyLive,
                                   h->live, nowUtcMs)};
    if (h && !h->leftOut.isEmpty())
        s.blocks << Block{Kind::Paragraph, h->leftOutLine() + u'.'};
    if (!h)
        return s;
    for (int i = 0; i < h->steps.size(); ++i) {
        const ChecklistHistory::Step &st = h->steps.at(i);
        if (st.drill.isEmpty())
            continue;
        s.blocks << Block{Kind::Bullet,
                          QStringLiteral("Step %1 %2: median %3 over %4 (expected %5)")
                              .arg(i + 1)
                              .arg(st.id, HistoryText::span(st.drill.medianMs),
                                   st.drill.n == 1 ? QStringLiteral("1 drill")
                                                   : QStringLiteral("%1 drills").arg(st.drill.n),
                                   HistoryText::span(st.expectedMs))};
    }
    return s;
}

PlanSheet::Section PlanSheet::database(const Checklist &c, const QMap<QString, QString> &vars)
{
    Section s{QStringLiteral("4. What are the database implications?"), {}};
    static const QRegularExpression words(
        QStringLiteral(R"(\b(database implications|migrations?|schema|snapshot|pitr)\b)"),
        QRegularExpression::CaseInsensitiveOption);
    for (int i = 0; i < c.steps.size(); ++i) {
        for (const ChecklistItem &item : c.steps.at(i).items) {
            if (item.kind == ItemKind::Choice && item.id == QLatin1String("class")) {
                s.blocks << Block{Kind::Paragraph,
                                  QStringLiteral("The rollback class is declared at step %1 (%2):")
                                      .arg(i + 1)
                                      .arg(expandVariables(item.text, vars))};
                for (const ChoiceOption &o : item.options)
                    s.blocks << Block{Kind::Bullet, expandVariables(o.label, vars)};
                continue;
            }
            if (!words.match(item.text).hasMatch() && !words.match(item.id).hasMatch())
                continue;
            QString text = QStringLiteral("Step %1: %2").arg(i + 1).arg(expandVariables(item.text, vars));
            if (!item.detail.isEmpty())
                text += QStringLiteral(" — ") + expandVariables(item.detail, vars).simplified();
            s.blocks << Block{Kind::Bullet, text};
        }
    }
    if (s.blocks.isEmpty())
        s.blocks << Block{Kind::Paragraph, QStringLiteral("The checklist says nothing about the "
                                                          "database: add a step that does.")};
    return s;
}

PlanSheet::Section PlanSheet::verification(const Checklist &c, const QMap<QString, QString> &vars)
{
    Section s{QStringLiteral("5. How is success verified?"), {}};
    auto checkLine = [&vars](const QString &where, const QString &what, const CheckSpec &check) {
        const QString source = check.source == CheckSpec::Source::Prometheus
                                   ? QStringLiteral("PromQL `%1`").arg(expandVariables(check.query, vars))
                                   : QStringLiteral("%1 %2").arg(check.probe.method,
                                                                 expandVariables(check.probe.url, vars));
        return Block{Kind::Bullet,
                     QStringLiteral("%1: %2 — %3 %4, %5 passing sample(s) in a row, within %6 s")
                         .arg(where, what, source, expandVariables(check.thresholdText(), vars))
                         .arg(check.consecutive)
                         .arg(check.deadlineSeconds)};
    };
    for (int i = 0; i < c.steps.size(); ++i) {
        const QString where = QStringLiteral("Step %1").arg(i + 1);
        for (const ChecklistItem &item : c.steps.at(i).items) {
            if (item.kind == ItemKind::Check)
                s.blocks << checkLine(where, expandVariables(item.text, vars), item.check);
            for (const CheckSpec &check : item.kind == ItemKind::Ramp ? item.ramp.checks
                                                                       : QList<CheckSpec>{})
                s.blocks << checkLine(where + QStringLiteral(" ramp"), check.label, check);
        }
    }
    if (s.blocks.isEmpty())
        s.blocks << Block{Kind::Paragraph, QStringLiteral("No check measures success: every "
                                                          "confirmation is a person's word.")};
    return s;
}

QString PlanSheet::markdown() const
{
    QString md = QStringLiteral("# %1\n\n%2\n").arg(title, subtitle);
    for (const Section &section : sections) {
        if (!md.endsWith(QStringLiteral("\n\n")))
            md += u'\n';
        md += QStringLiteral("## %1\n\n").arg(section.title);
        Kind previous = Kind::Paragraph;
        for (const Block &b : section.blocks) {
            if (b.kind != Kind::Bullet && previous == Kind::Bullet)
                md += u'\n';
            if (b.kind == Kind::Bullet)
                md += QStringLiteral("- %1\n").arg(b.text);
            else if (b.kind == Kind::Code)
                md += QStringLiteral("```\n%1\n```\n\n").arg(b.text);
            else
                md += b.text + QStringLiteral("\n\n");
            previous = b.kind;
        }
    }
    return md.trimmed() + u'\n';
}

QString PlanSheet::html() const
{
    // The request's box says its colours both: in the window's dark theme its text took the
    // palette's light grey, on the box's near-white.
    QString h
        = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1"
                         "</title><style>body{font-family:sans-serif;max-width:60em}"
                         "pre{background:#f4f4f4;color:#111111;padding:.5em;white-space:pre-wrap}"
                         "</style></head><body>\n<h1>%1</h1>\n<p>%2</p>\n")
              .arg(escaped(title), escaped(subtitle));
    for (const Section &section : sections) {
        h += QStringLiteral("<h2>%1</h2>\n").arg(escaped(section.title));
        bool inList = false;
        for (const Block &b : section.blocks) {
            if (inList && b.kind != Kind::Bullet)
                h += QStringLiteral("</ul>\n");
            if (!inList && b.kind == Kind::Bullet)
                h += QStringLiteral("<ul>\n");
            inList = b.kind == Kind::Bullet;
            const QString tag = b.kind == Kind::Bullet ? QStringLiteral("li")
                                : b.kind == Kind::Code ? QStringLiteral("pre")
                                                       : QStringLiteral("p");
            h += QStringLiteral("<%1>%2</%1>\n").arg(tag, escaped(b.text));
        }
        if (inList)
            h += QStringLiteral("</ul>\n");
    }
    return h + QStringLiteral("</body></html>\n");
}

bool PlanSheet::writePdf(const QString &path, QString *error) const
{
    if (!OutputFile::check(path, error))
        return false;
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("warroom plan"));
    QTextDocument doc;
    doc.setHtml(html());
    doc.print(&writer);
    if (!QFile::exists(path) || QFile(path).size() == 0) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace warroom
