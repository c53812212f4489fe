#include "automation/ConditionEvaluation.h"

#include "checklist/Checklist.h"
#include "util/OneLine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace warroom {

namespace {

bool asNumber(const QJsonValue &v, double *out)
{
    if (v.isDouble()) {
        *out = v.toDouble();
        return true;
    }
    if (v.isString()) {
        bool ok = false;
        *out = v.toString().toDouble(&ok);
        return ok;
    }
    return false;
}

// The value as recorded and shown: a backend's answer may hold a 300,000-letter "version", and it
// was recorded whole in every sample, printed by the drill and laid out in every document (the
// PDF took minutes). Its start says what it was; the comparison is made on the whole value.
QString shownValue(const QJsonValue &actual)
{
    constexpr qsizetype longest = 256;
    const QString text = jsonValueText(actual);
    if (text.size() <= longest)
        return text;
    return OneLine::startOf(text, longest).toString()
           + QStringLiteral("\u2026 (%1 characters)").arg(OneLine::characterCount(text));
}

} // namespace

QJsonValue jsonAtPointer(const QJsonValue &root, const QString &pointer)
{
    if (pointer.isEmpty())
        return root;
    QJsonValue current = root;
    const QStringList tokens = pointer.mid(1).split(u'/');
    for (QString token : tokens) {
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
        if (current.isObject()) {
            const QJsonObject o = current.toObject();
            if (!o.contains(token))
                return QJsonValue(QJsonValue::Undefined);
            current = o.value(token);
        } else if (current.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            const QJsonArray a = current.toArray();
            if (!ok || index < 0 || index >= a.size())
                return QJsonValue(QJsonValue::Undefined);
            current = a.at(index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return current;
}

Evaluation evaluateCondition(const Condition &condition, const QJsonValue &actual,
                             const QMap<QString, QString> &variables)
{
    Evaluation e;
    e.value = actual;
    e.valueText = shownValue(actual);
    if (actual.isUndefined()) {
        e.error = QStringLiteral("no value at %1")
                      .arg(condition.pointer.isEmpty() ? QStringLiteral("the document root")
                                                       : condition.pointer);
        return e;
    }
    QJsonValue expected = condition.value;
    if (expected.isString())
        expected = expandVariables(expected.toString(), variables);
    double a = 0, b = 0;
    const bool numeric = asNumber(actual, &a) && asNumber(expected, &b);
    using Op = Condition::Op;
    if (condition.op == Op::Equal || condition.op == Op::NotEqual) {
        const bool equal = numeric ? a == b : actual == expected;
        e.passed = condition.op == Op::Equal ? equal : !equal;
        return e;
    }
    if (!numeric || std::isnan(a)) {
        e.error = QStringLiteral("'%1' is not a number, so it cannot be compared with %2")
                      .arg(e.valueText, Condition::opSymbol(condition.op));
        return e;
    }
    switch (condition.op) {
    case Op::Less:
        e.passed = a < b;
        break;
    case Op::LessOrEqual:
        e.passed = a <= b;
        break;
    case Op::Greater:
        e.passed = a > b;
        break;
    case Op::GreaterOrEqual:
        e.passed = a >= b;
        break;
    default:
        break;
    }
    return e;
}

bool prometheusSample(const QByteArray &body, QJsonValue *value, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("the answer is not Prometheus JSON: %1 at offset %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("status")).toString() != QLatin1String("success")) {
        *error = QStringLiteral("Prometheus answered %1: %2")
                     .arg(o.value(QLatin1String("errorType")).toString(QStringLiteral("an error")),
                          o.value(QLatin1String("error")).toString());
        return false;
    }
    const QJsonObject data = o.value(QLatin1String("data")).toObject();
    const QString type = data.value(QLatin1String("resultType")).toString();
    QJsonArray sample;
    if (type == QLatin1String("vector")) {
        const QJsonArray result = data.value(QLatin1String("result")).toArray();
        if (result.isEmpty()) {
            *error = QStringLiteral("the query returned no series (is the target scraped, and is "
                                    "the metric name right?)");
            return false;
        }
        sample = result.first().toObject().value(QLatin1String("value")).toArray();
    } else if (type == QLatin1String("scalar")) {
        sample = data.value(QLatin1String("result")).toArray();
    } else {
        *error = QStringLiteral("the query returned a %1; a check needs an instant vector or a "
                                "scalar")
                     .arg(type.isEmpty() ? QStringLiteral("malformed result") : type);
        return false;
    }
    bool ok = false;
    const double v = sample.at(1).toString().toDouble(&ok);
    if (!ok) {
        *error = QStringLiteral("the sample's value is not a number");
        return false;
    }
    *value = v;
    return true;
}

} // namespace warroom
