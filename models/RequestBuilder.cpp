#include "RequestBuilder.h"

#include "Checklist.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>

namespace warroom {

namespace {

const QRegularExpression &envPattern()
{
    static const QRegularExpression re(QStringLiteral("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)\\}"));
    return re;
}

// ${env:...} inside a JSON body: expanded in every string, after variables.
bool expandJsonEnvironment(QJsonValue &value, QString *missing)
{
    if (value.isString()) {
        QString out;
        if (!RequestBuilder::expandEnvironment(value.toString(), &out, missing))
            return false;
        value = out;
    } else if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (auto it = a.begin(); it != a.end(); ++it) {
            QJsonValue v = *it;
            if (!expandJsonEnvironment(v, missing))
                return false;
            *it = v;
        }
        value = a;
    } else if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            QJsonValue v = *it;
            if (!expandJsonEnvironment(v, missing))
                return false;
            *it = v;
        }
        value = o;
    }
    return true;
}

} // namespace

bool RequestBuilder::hasEnvironmentReference(const QString &text)
{
    return envPattern().match(text).hasMatch();
}

bool RequestBuilder::expandEnvironment(const QString &text, QString *out, QString *missing)
{
    QString result;
    qsizetype last = 0;
    auto it = envPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QByteArray name = m.captured(1).toLatin1();
        if (!qEnvironmentVariableIsSet(name.constData())) {
            *missing = m.captured(1);
            return false;
        }
        result += QStringView(text).mid(last, m.capturedStart() - last);
        result += qEnvironmentVariable(name.constData());
        last = m.capturedEnd();
    }
    result += QStringView(text).mid(last);
    *out = result;
    return true;
}

QJsonValue RequestBuilder::expandJson(const QJsonValue &value,
                                      const QMap<QString, QString> &variables)
{
    static const QRegularExpression single(
        QStringLiteral("^\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}$"));
    if (value.isString()) {
        const QString s = value.toString();
        const auto m = single.match(s);
        if (m.hasMatch() && variables.contains(m.captured(1))) {
            bool isNumber = false;
            const double d = variables.value(m.captured(1)).toDouble(&isNumber);
            if (isNumber && std::isfinite(d))
                return d;
        }
        return expandVariables(s, variables);
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(expandJson(v, variables));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), expandJson(it.value(), variables));
        return out;
    }
    return value;
}

RequestTemplate RequestBuilder::checkRequest(const CheckSpec &check,
                                             const QMap<QString, QString> &variables)
{
    if (check.source == CheckSpec::Source::Probe)
        return check.probe;
    RequestTemplate t;
    t.url = expandVariables(check.prometheusUrl, variables) + QStringLiteral("/api/v1/query?query=")
            + QString::fromLatin1(QUrl::toPercentEncoding(expandVariables(check.query, variables)));
    t.timeoutSeconds = 10;
    return t;
}

BuiltRequest RequestBuilder::build(const RequestTemplate &t,
                                   const QMap<QString, QString> &variables,
                                   const QString &idempotencyKey)
{
    BuiltRequest b;
    HttpRequest &r = b.wire;
    r.method = t.method.toUpper();
    const QString displayUrl = expandVariables(t.url, variables);
    QString missing;
    auto fail = [&](const QString &where) {
        b.error = QStringLiteral("the environment variable %1 is not set (it is used in the "
                                 "request's %2); set it in the environment that starts warroom")
                      .arg(missing, where);
        return b;
    };
    // Secrets are filled into the template before the variables, never into variable values:
    // a value typed into the declaration that looks like ${env:...} stays literal text.
    QString wireUrl;
    if (!expandEnvironment(t.url, &wireUrl, &missing))
        return fail(QStringLiteral("URL"));
    r.url = expandVariables(wireUrl, variables);
    r.totalTimeoutMs = t.timeoutSeconds * 1000;
    r.maxRedirects = t.maxRedirects;
    r.caFile = expandVariables(t.caFile, variables);
    for (const QString &h : t.plainHttpHosts)
        r.plainHttpHosts.insert(h);
    r.idempotencyKey = idempotencyKey;

    QStringList lines{r.method + u' ' + displayUrl};
    QJsonArray recordedHeaders;
    for (const RequestTemplate::Header &h : t.headers) {
        const QString shown = expandVariables(h.value, variables);
        HttpHeader wireHeader;
        wireHeader.name = h.name;
        wireHeader.secret = h.secret || hasEnvironmentReference(h.value)
                            || HttpRequest::isSecretHeaderName(h.name);
        QString wireValue;
        if (!expandEnvironment(h.value, &wireValue, &missing))
            return fail(QStringLiteral("header %1").arg(h.name));
        wireHeader.value = expandVariables(wireValue, variables);
        const QString safe = wireHeader.secret ? QStringLiteral("[redacted]") : shown;
        lines << h.name + QStringLiteral(": ") + safe;
        recordedHeaders.append(QString(h.name + QStringLiteral(": ") + safe));
        r.headers << wireHeader;
    }
    if (!t.body.isUndefined()) {
        const QJsonValue shownBody = expandJson(t.body, variables);
        QJsonValue body = t.body;
        if (!expandJsonEnvironment(body, &missing))
            return fail(QStringLiteral("body"));
        body = expandJson(body, variables);
        r.body = body.isObject()  ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact)
                 : body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                  : QJsonDocument(QJsonArray{body})
                                        .toJson(QJsonDocument::Compact)
                                        .chopped(1)
                                        .mid(1);
        r.headers << HttpHeader{QStringLiteral("Content-Type"), QStringLiteral("application/json"),
                                false};
        b.record.insert(QLatin1String("body"), shownBody);
        lines << QString()
              << QString::fromUtf8(
                     shownBody.isObject()
                         ? QJsonDocument(shownBody.toObject()).toJson(QJsonDocument::Indented)
                         : QJsonDocument(QJsonArray{shownBody}).toJson(QJsonDocument::Compact))
                     .trimmed();
    }
    if (!idempotencyKey.isEmpty())
        lines.insert(1 + recordedHeaders.size(),
                     QStringLiteral("Idempotency-Key: ") + idempotencyKey);
    b.display = lines.join(u'\n');
    b.record.insert(QLatin1String("method"), r.method);
    b.record.insert(QLatin1String("url"), displayUrl);
    if (!recordedHeaders.isEmpty())
        b.record.insert(QLatin1String("headers"), recordedHeaders);
    return b;
}

} // namespace warroom
