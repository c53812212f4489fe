#include "report/formats/RoomSections.h"

#include "report/formats/DocumentText.h"

#include "util/TimeFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace warroom {

namespace {

// One table as title, columns and rows, laid out by each format.
struct Table
{
    QString title;
    QStringList columns;
    QList<QStringList> rows;
    QString empty; // said instead of an empty table
};

QString periodEnd(qint64 toMs)
{
    return toMs < 0 ? QStringLiteral("end") : formatElapsed(toMs);
}

QList<Table> tables(const PostmortemReport &r)
{
    const PostmortemRoom &room = r.room;
    Table roles{QStringLiteral("Roles held"),
                {QStringLiteral("Role"), QStringLiteral("Person"), QStringLiteral("Fallback"),
                 QStringLiteral("From"), QStringLiteral("To")},
                {},
                QStringLiteral("No roles in this checklist.")};
    for (const auto &row : room.roles) {
        const bool never = row.person.isEmpty();
        roles.rows << QStringList{row.role, never ? QStringLiteral("\u2014") : row.person,
                                  row.fallback, never ? QString() : formatElapsed(row.fromMs),
                                  never ? QString() : periodEnd(row.toMs)};
    }
    Table command{QStringLiteral("Command periods"),
                  {QStringLiteral("Commander"), QStringLiteral("From"), QStringLiteral("To"),
                   QStringLiteral("Briefing received")},
                  {},
                  QString()};
    for (const auto &c : room.commandPeriods)
        command.rows << QStringList{c.commander, formatElapsed(c.fromMs), periodEnd(c.toMs),
                                    QString(c.briefing).replace(u'\n', QStringLiteral(" · "))};
    Table polls{QStringLiteral("Go/no-go polls"),
                {QStringLiteral("Step"), QStringLiteral("Before"), QStringLiteral("Poll"),
                 QStringLiteral("Role"), QStringLiteral("Person"), QStringLiteral("Answer"),
                 QStringLiteral("At")},
                {},
                QStringLiteral("No go/no-go poll was answered.")};
    for (const auto &p : room.polls)
        polls.rows << QStringList{
            QString::number(p.stepNumber),
            p.item,
            QString::number(p.round),
            p.role,
            p.alsoAnsweredAs.isEmpty()
                ? p.person
                : QStringLiteral("%1 (also answered as %2 in this round)")
                      .arg(p.person, DocumentText::joined(p.alsoAnsweredAs, u", ")),
            p.go ? QStringLiteral("GO") : QStringLiteral("NO-GO: ") + p.reason,
            formatElapsed(p.atMs)};
    Table deferrals{QStringLiteral("Deferred items"),
                    {QStringLiteral("Step"), QStringLiteral("Item"), QStringLiteral("Deferred to"),
                     QStringLiteral("Reason"), QStringLiteral("By"), QStringLiteral("At"),
                     QStringLiteral("Now")},
                    {},
                    QStringLiteral("No item was deferred.")};
    for (const auto &d : room.deferrals)
        deferrals.rows << QStringList{QString::number(d.stepNumber), d.item, d.target, d.reason,
                                      d.actor, formatElapsed(d.atMs),
                                      d.open ? QStringLiteral("STILL OPEN: action item")
                                             : QStringLiteral("resolved")};
    return {roles, command, polls, deferrals};
}

QString mdCell(const QString &text)
{
    return DocumentText::markdown(text);
}

} // namespace

QString RoomSections::markdown(const PostmortemReport &r)
{
    QString md;
    for (const Table &t : tables(r)) {
        md += QStringLiteral("### ") + t.title + QStringLiteral("\n\n");
        if (t.rows.isEmpty()) {
            md += t.empty + QStringLiteral("\n\n");
            continue;
        }
        QStringList rule;
        for (qsizetype i = 0; i < t.columns.size(); ++i)
            rule << QStringLiteral("---");
        md += QStringLiteral("| ") + t.columns.join(QStringLiteral(" | ")) + QStringLiteral(" |\n| ")
              + rule.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
        for (const QStringList &row : t.rows) {
            QStringList cells;
            for (const QString &c : row)
                cells << mdCell(c);
            md += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
        }
        md += u'\n';
    }
    return md;
}

QString RoomSections::html(const PostmortemReport &r)
{
    QString h;
    for (const Table &t : tables(r)) {
        h += QStringLiteral("<h3>%1</h3>\n").arg(DocumentText::html(t.title));
        if (t.rows.isEmpty()) {
            h += QStringLiteral("<p>%1</p>\n").arg(DocumentText::html(t.empty));
            continue;
        }
        h += QStringLiteral("<table>\n<thead><tr>");
        for (const QString &c : t.columns)
            h += QStringLiteral("<th>%1</th>").arg(DocumentText::html(c));
        h += QStringLiteral("</tr></thead>\n");
        for (const QStringList &row : t.rows) {
            h += QStringLiteral("<tr>");
            for (const QString &c : row)
                h += QStringLiteral("<td>%1</td>").arg(DocumentText::html(c));
            h += QStringLiteral("</tr>\n");
        }
        h += QStringLiteral("</table>\n");
    }
    return h;
}

QByteArray RoomSections::json(const PostmortemReport &r)
{
    QJsonArray roles, periods, polls, deferrals;
    for (const auto &x : r.room.roles)
        roles << QJsonObject{
            {QStringLiteral("role"), x.role},
            {QStringLiteral("person"), x.person},
            {QStringLiteral("fallback"), x.fallback},
            {QStringLiteral("from_ms"), x.person.isEmpty() ? QJsonValue() : QJsonValue(x.fromMs)},
            {QStringLiteral("to_ms"),
             x.person.isEmpty() || x.toMs < 0 ? QJsonValue() : QJsonValue(x.toMs)}};
    for (const auto &c : r.room.commandPeriods)
        periods << QJsonObject{{QStringLiteral("commander"), c.commander},
                               {QStringLiteral("from_ms"), c.fromMs},
                               {QStringLiteral("to_ms"), c.toMs < 0 ? QJsonValue() : QJsonValue(c.toMs)},
                               {QStringLiteral("briefing"), c.briefing}};
    for (const auto &p : r.room.polls)
        polls << QJsonObject{{QStringLiteral("step"), p.stepNumber},
                             {QStringLiteral("item"), p.item},
                             {QStringLiteral("round"), p.round},
                             {QStringLiteral("role"), p.role},
                             {QStringLiteral("person"), p.person},
                             {QStringLiteral("go"), p.go},
                             {QStringLiteral("reason"), p.reason},
                             {QStringLiteral("elapsed_ms"), p.atMs}};
    for (const auto &d : r.room.deferrals)
        deferrals << QJsonObject{{QStringLiteral("step"), d.stepNumber},
                                 {QStringLiteral("item"), d.item},
                                 {QStringLiteral("target"), d.target},
                                 {QStringLiteral("reason"), d.reason},
                                 {QStringLiteral("actor"), d.actor},
                                 {QStringLiteral("elapsed_ms"), d.atMs},
                                 {QStringLiteral("open"), d.open}};
    return QJsonDocument(QJsonObject{{QStringLiteral("roles"), roles},
                                     {QStringLiteral("command_periods"), periods},
                                     {QStringLiteral("polls"), polls},
                                     {QStringLiteral("deferrals"), deferrals}})
        .toJson(QJsonDocument::Compact);
}

QList<QStringList> RoomSections::actionItems(const PostmortemReport &r)
{
    QList<QStringList> rows;
    for (const auto &d : r.room.deferrals) {
        if (d.open)
            rows << QStringList{QStringLiteral("%1 (deferred from step %2 to %3: %4)")
                                    .arg(d.item)
                                    .arg(d.stepNumber)
                                    .arg(d.target, d.reason),
                                QStringLiteral("Deferred item"), d.actor, QString()};
    }
    return rows;
}

} // namespace warroom
