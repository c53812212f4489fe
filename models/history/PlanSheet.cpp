#include "history/PlanSheet.h"

#include "automation/RequestBuilder.h"
#include "history/HistoryText.h"
#include "http/SecretRedactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace warroom {

namespace {

using Block = PlanSheet::Block;
using Kind = PlanSheet::Block::Kind;

Block para(const QString &text)
{
    return {Kind::Paragraph, text};
}

Block bullet(const QString &text)
{
    return {Kind::Bullet, text};
}

// ${env:NAME} is read only when a request is sent; the sheet never reads it and shows none.
QString withoutSecrets(const QString &text)
{
    static const QRegularExpression env(QStringLiteral(R"(\$\{env:[^}]*\})"));
    return QString(text).replace(env, SecretRedactor::marker());
}

// The request as the runner would send it with the checklist's default values, each secret
// header and environment value shown as [redacted].
QString requestText(const RequestTemplate &t, const QMap<QString, QString> &vars)
{
    QStringList lines{t.method + u' ' + withoutSecrets(expandVariables(t.url, vars))};
    for (const RequestTemplate::Header &h : t.headers)
        lines << h.name + QStringLiteral(": ")
                     + (h.secret ? SecretRedactor::marker()
                                 : withoutSecrets(expandVariables(h.value, vars)));
    if (!t.body.isUndefined() && !t.body.isNull()) {
        const QJsonValue body = RequestBuilder::expandJson(t.body, vars);
        const QByteArray json = body.isObject()  ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact)
                                : body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                                 : body.toString().toUtf8();
        lines << QString() << withoutSecrets(QString::fromUtf8(json));
    }
    return lines.join(u'\n');
}

QString stepLabel(const Checklist &c, int index)
{
    return QStringLiteral("Step %1, %2").arg(index + 1).arg(c.steps.at(index).title);
}

// Nobody triggers a committing act alone: the go/no-go polls the checklist puts in front of one,
// each role in the order it is asked.
void pollsBefore(const Checklist &c, const QMap<QString, QString> &vars, PlanSheet::Section &s)
{
    for (int i = 0; i < c.steps.size(); ++i) {
        for (const ChecklistItem &item : c.steps.at(i).items) {
            if (item.poll.isEmpty())
                continue;
            QStringList roles;
            for (const QString &role : item.poll)
                roles << c.roleTitle(role);
            s.blocks << para(QStringLiteral("Before \u201c%1\u201d (%2) a go/no-go poll asks, in "
                                            "this order: %3. Every one must say GO; one NO-GO "
                                            "stops it until a new poll.")
                                 .arg(expandVariables(item.text, vars), stepLabel(c, i),
                                      roles.join(QStringLiteral(", "))));
        }
    }
}

PlanSheet::Section whoTriggers(const Checklist &c, const QMap<QString, QString> &vars)
{
    PlanSheet::Section s{QStringLiteral("1. Who can trigger it?"), {}};
    s.blocks << para(QStringLiteral("The checklist names roles, not people: anyone holding the "
                                    "role acts, so no rollback waits for one person."));
    for (const ChecklistMilestone &m : c.milestones) {
        const int i = c.stepIndex(m.stepId);
        if (m.id == QLatin1String("rollback-start") && i >= 0)
            s.blocks << para(QStringLiteral("The rollback itself (%1) is run by the %2.")
                                 .arg(stepLabel(c, i), c.roleTitle(c.steps.at(i).role)));
    }
    if (!c.steps.isEmpty())
        s.blocks << para(QStringLiteral("It is declared by the %1 (%2).")
                             .arg(c.roleTitle(c.steps.first().role), stepLabel(c, 0)));
    for (const ChecklistRole &r : c.roles) {
        QStringList steps;
        for (int i = 0; i < c.steps.size(); ++i) {
            if (c.steps.at(i).role == r.id)
                steps << QString::number(i + 1);
        }
        s.blocks << bullet(QStringLiteral("%1: %2").arg(r.title,
                                                        steps.isEmpty()
                                                            ? QStringLiteral("no step")
                                                            : (steps.size() == 1 ? QStringLiteral("step ") : QStringLiteral("steps "))
                                                                  + steps.join(QStringLiteral(", "))));
    }
    pollsBefore(c, vars, s);
    return s;
}

PlanSheet::Section commands(const Checklist &c, const QMap<QString, QString> &vars)
{
    PlanSheet::Section s{QStringLiteral("2. What exact command triggers it?"), {}};
    s.blocks << para(QStringLiteral("Each automated action sends exactly this (shown with the "
                                    "checklist's default values; secrets are read from the "
                                    "environment when sent and never written down):"));
    for (int i = 0; i < c.steps.size(); ++i) {
        for (const ChecklistItem &item : c.steps.at(i).items) {
            if (item.kind == ItemKind::Action) {
                QString what = QStringLiteral("%1: %2").arg(stepLabel(c, i), expandVariables(item.text, vars));
                if (item.action.irreversible)
                    what += QStringLiteral(" (irreversible: a second named person confirms)");
                else if (item.action.confirm)
                    what += QStringLiteral(" (confirmed before it is sent)");
                s.blocks << para(what) << Block{Kind::Code, requestText(item.action.request, vars)};
                if (item.action.hasPoll)
                    s.blocks << para(QStringLiteral("then every %1 s, up to %2 s, until %3 is %4:")
                                         .arg(item.action.poll.everySeconds)
                                         .arg(item.action.poll.deadlineSeconds)
                                         .arg(Condition::pointerWords(item.action.poll.until.pointer),
                                              item.action.poll.until.wantedText()))
                             << Block{Kind::Code, requestText(item.action.poll.request, vars)};
            } else if (item.kind == ItemKind::Ramp) {
                QStringList weights;
                for (double w : item.ramp.weights)
                    weights << QString::number(w);
                s.blocks << para(QStringLiteral("%1: %2 — weights %3%, holding %4 s at each:")
                                     .arg(stepLabel(c, i), expandVariables(item.text, vars),
                                          weights.join(QStringLiteral(" → ")))
                                     .arg(item.ramp.holdSeconds))
                         << Block{Kind::Code, requestText(item.ramp.request, vars)};
            }
        }
    }
    return s;
}

} // namespace

PlanSheet PlanSheet::build(const Checklist &checklist,
                           const std::optional<ChecklistHistory> &history, qint64 nowUtcMs)
{
    QMap<QString, QString> vars;
    for (const ChecklistVariable &v : checklist.variables)
        vars.insert(v.name, v.defaultValue);
    PlanSheet sheet;
    sheet.title = QStringLiteral("Rollback plan: %1").arg(checklist.title);
    sheet.subtitle = QStringLiteral("Checklist %1 revision %2, sha256 %3")
                         .arg(checklist.id, checklist.revision,
                              QString::fromLatin1(checklist.sourceSha256.left(16)));
    sheet.sections << whoTriggers(checklist, vars) << commands(checklist, vars)
                   << duration(checklist, history, nowUtcMs) << database(checklist, vars)
                   << verification(checklist, vars);
    return sheet;
}

} // namespace warroom
