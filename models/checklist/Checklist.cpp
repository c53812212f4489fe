#include "checklist/Checklist.h"

#include <QRegularExpression>

namespace warroom {

QString itemKindName(ItemKind kind)
{
    switch (kind) {
    case ItemKind::Confirm:
        return QStringLiteral("confirm");
    case ItemKind::Choice:
        return QStringLiteral("choice");
    case ItemKind::Action:
        return QStringLiteral("action");
    case ItemKind::Check:
        return QStringLiteral("check");
    case ItemKind::Ramp:
        return QStringLiteral("ramp");
    }
    return {};
}

const ChoiceOption *ChecklistItem::option(const QString &value) const
{
    for (const ChoiceOption &o : options) {
        if (o.value == value)
            return &o;
    }
    return nullptr;
}

int ChecklistStep::itemIndex(const QString &itemId) const
{
    for (int i = 0; i < items.size(); ++i) {
        if (items.at(i).id == itemId)
            return i;
    }
    return -1;
}

int Checklist::stepIndex(const QString &stepId) const
{
    for (int i = 0; i < steps.size(); ++i) {
        if (steps.at(i).id == stepId)
            return i;
    }
    return -1;
}

const ChecklistStep *Checklist::step(const QString &stepId) const
{
    const int i = stepIndex(stepId);
    return i < 0 ? nullptr : &steps.at(i);
}

QString Checklist::roleTitle(const QString &roleId) const
{
    for (const ChecklistRole &r : roles) {
        if (r.id == roleId)
            return r.title;
    }
    return roleId;
}

QStringList builtinVariableNames()
{
    return {QStringLiteral("incident.title"), QStringLiteral("incident.commander"),
            QStringLiteral("incident.mode")};
}

QString expandVariables(const QString &text, const QMap<QString, QString> &values)
{
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}"));
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        const auto found = values.constFind(m.captured(1));
        out += found != values.cend() ? *found : m.captured(0);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

QString expandName(const QString &text, const QMap<QString, QString> &values)
{
    QString out = expandVariables(text, values);
    for (QChar &c : out) {
        if (c == u'\n' || c == u'\r' || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = u' ';
    }
    if (out.size() <= shownNameCharacters)
        return out;
    qsizetype cut = shownNameCharacters;
    if (out.at(cut - 1).isHighSurrogate()) // not between the halves of an emoji
        --cut;
    out.truncate(cut);
    return out + QChar(0x2026);
}

} // namespace warroom
