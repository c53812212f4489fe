#include "checklist/Automation.h"

#include "util/JsonText.h"

namespace warroom {

QString Condition::opSymbol(Op op)
{
    switch (op) {
    case Op::Equal:
        return QStringLiteral("==");
    case Op::NotEqual:
        return QStringLiteral("!=");
    case Op::Less:
        return QStringLiteral("<");
    case Op::LessOrEqual:
        return QStringLiteral("<=");
    case Op::Greater:
        return QStringLiteral(">");
    case Op::GreaterOrEqual:
        return QStringLiteral(">=");
    }
    return {};
}

QString jsonValueText(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 6);
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isNull())
        return QStringLiteral("null");
    if (v.isUndefined())
        return QStringLiteral("(absent)");
    return QString::fromUtf8(compactJson(v));
}

QString Condition::pointerWords(const QString &pointer)
{
    if (pointer.isEmpty())
        return QStringLiteral("the answer");
    // The last segment names the field; a list index alone says nothing, so take its parent.
    QStringList parts = pointer.split(u'/', Qt::SkipEmptyParts);
    while (parts.size() > 1 && !parts.constLast().isEmpty() && parts.constLast().at(0).isDigit())
        parts.removeLast();
    QString name = parts.isEmpty() ? pointer : parts.constLast();
    name.replace(QStringLiteral("~1"), QStringLiteral("/"));
    name.replace(QStringLiteral("~0"), QStringLiteral("~"));
    name.replace(u'_', u' ');
    return name;
}

QString Condition::wantedText() const
{
    const QString v = jsonValueText(value);
    switch (op) {
    case Op::Equal:
        return v;
    case Op::NotEqual:
        return QStringLiteral("not ") + v;
    default:
        break;
    }
    return opSymbol(op) + u' ' + v;
}

QString CheckSpec::thresholdText() const
{
    return Condition::opSymbol(condition.op) + u' ' + jsonValueText(condition.value);
}

bool isValidJsonPointer(const QString &pointer)
{
    if (pointer.isEmpty())
        return true;
    if (!pointer.startsWith(u'/'))
        return false;
    for (qsizetype i = 0; i < pointer.size(); ++i) {
        if (pointer.at(i) == u'~'
            && (i + 1 >= pointer.size()
                || (pointer.at(i + 1) != u'0' && pointer.at(i + 1) != u'1')))
            return false;
    }
    return true;
}

} // namespace warroom
