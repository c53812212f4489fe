#include "automation/RequestBuilder.h"

#include "checklist/Checklist.h"
#include "util/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <functional>

namespace warroom {

namespace {

const QRegularExpression &envPattern()
{
    static const QRegularExpression re(QStringLiteral("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)\\}"));
    return re;
}

// Rebuilds a JSON value with every string replaced by what `map` makes of it. Stops (and says
// false) as soon as `map` does.
bool mapStrings(const QJsonValue &value,
                const std::function<bool(const QString &, QJsonValue *)> &map, QJsonValue *out)
{
    if (value.isString())
        return map(value.toString(), out);
    if (value.isArray()) {
        QJsonArray a;
        for (const QJsonValue &v : value.toArray()) {
            QJsonValue mapped;
            if (!mapStrings(v, map, &mapped))
                return false;
            a.append(mapped);
        }
        *out = a;
        return true;
    }
    if (value.isObject()) {
        QJsonObject o;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it) {
            QJsonValue mapped;
            if (!mapStrings(it.value(), map, &mapped))
                return false;
            o.insert(it.key(), mapped);
        }
        *out = o;
        return true;
    }
    *out = value;
    return true;
}

// ${env:...} inside a JSON body: expanded in every string, before the variables.
bool expandJsonEnvironment(QJsonValue &value, QString *missing, QStringList *secrets)
{
    return mapStrings(
        value,
        [missing, secrets](const QString &text, QJsonValue *out) {
            QString expanded;
            if (!RequestBuilder::expandEnvironment(text, &expanded, missing, secrets))
                return false;
            *out = expanded;
            return true;
        },
        &value);
}

const QRegularExpression &variablePattern()
{
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}"));
    return re;
}

// Fills {{variables}} into a URL, those from a server's answer percent-encoded whole.
QString expandUrl(const QString &url, const QMap<QString, QString> &variables,
                  const QSet<QString> &fromResponses)
{
    if (fromResponses.isEmpty())
        return expandVariables(url, variables);
    QMap<QString, QString> values = variables;
    for (const QString &name : fromResponses) {
        const auto it = values.find(name);
        if (it != values.end())
            *it = QString::fromLatin1(QUrl::toPercentEncoding(*it));
    }
    return expandVariables(url, values);
}

bool isControl(QChar c)
{
    return c.unicode() < 0x20 || c.unicode() == 0x7f;
}

// What ends a header line, or (NUL) cuts it short, on the wire.
bool breaksHeaderLine(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c == u'\r' || c == u'\n' || c == u'\0';
    });
}

// A name from the checklist, fit for a message: control characters shown as \xNN.
QString visible(const QString &text)
{
    QString out;
    for (QChar c : text) {
        out += isControl(c)
                   ? QStringLiteral("\\x%1").arg(static_cast<uint>(c.unicode()), 2, 16, QChar(u'0'))
                   : QString(c);
    }
    return out;
}

// The {{names}} in `text` whose values break a header line: where the CR or LF came from.
QStringList lineBreakingVariables(const QString &text, const QMap<QString, QString> &variables)
{
    QStringList names;
    auto it = variablePattern().globalMatch(text);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        const QString shown = QStringLiteral("{{%1}}").arg(name);
        if (breaksHeaderLine(variables.value(name)) && !names.contains(shown))
            names << shown;
    }
    return names;
}

} // namespace

bool RequestBuilder::hasEnvironmentReference(const QString &text)
{
    return envPattern().match(text).hasMatch();
}

bool RequestBuilder::expandEnvironment(const QString &text, QString *out, QString *missing,
                                       QStringList *values)
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
        const QString value = qEnvironmentVariable(name.constData());
        result += value;
        if (values)
            values->append(value);
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
    QJsonValue out;
    mapStrings(
        value,
        [&variables](const QString &text, QJsonValue *mapped) {
            const auto m = single.match(text);
            if (m.hasMatch() && variables.contains(m.captured(1))) {
                bool isNumber = false;
                const double d = variables.value(m.captured(1)).toDouble(&isNumber);
                if (isNumber && std::isfinite(d)) {
                    *mapped = d;
                    return true;
                }
            }
            *mapped = expandVariables(text, variables);
            return true;
        },
        &out);
    return out;
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

namespace {

// One request being built: the secrets met so far, and the first environment variable missing.
class Assembly
{
public:
    Assembly(BuiltRequest &b, const QMap<QString, QString> &variables)
        : m_b(b)
        , m_variables(variables)
    {}

    // Fills ${env:...} in; false (with the error set) when a variable is not set.
    bool expandEnvironment(const QString &text, QString *out, const QString &where)
    {
        return RequestBuilder::expandEnvironment(text, out, &m_missing, &m_secrets)
               || missing(where);
    }
    bool addHeader(const RequestTemplate::Header &h);
    bool addBody(const QJsonValue &templateBody);
    void finish(const QString &displayUrl, const QString &idempotencyKey);

private:
    bool missing(const QString &where)
    {
        m_b.error = QStringLiteral("the environment variable %1 is not set (it is used in the "
                                   "request's %2); set it in the environment that starts warroom")
                        .arg(m_missing, where);
        return false;
    }

    BuiltRequest &m_b;
    const QMap<QString, QString> &m_variables;
    QString m_missing;
    QStringList m_secrets;
    QStringList m_lines;       // the display, after its first line
    QJsonArray m_shownHeaders; // as recorded, secrets redacted
};

bool Assembly::addHeader(const RequestTemplate::Header &h)
{
    const QString shown = expandVariables(h.value, m_variables);
    HttpHeader wireHeader;
    wireHeader.name = h.name;
    wireHeader.secret = h.secret || RequestBuilder::hasEnvironmentReference(h.value)
                        || HttpRequest::isSecretHeaderName(h.name);
    QString wireValue;
    if (!expandEnvironment(h.value, &wireValue, QStringLiteral("header %1").arg(h.name)))
        return false;
    wireHeader.value = expandVariables(wireValue, m_variables);
    if (breaksHeaderLine(h.name) || breaksHeaderLine(wireHeader.value)) {
        // Sent, it would end the header early and add lines of the sender's choosing.
        const QStringList from = lineBreakingVariables(h.value, m_variables);
        m_b.error
            = QStringLiteral("the header %1 would contain a CR, LF or NUL character%2; "
                             "not sent")
                  .arg(visible(h.name),
                       from.isEmpty()
                           ? QString()
                           : QStringLiteral(" (from %1)").arg(from.join(QStringLiteral(", "))));
        return false;
    }
    if (wireHeader.secret) {
        m_secrets << wireHeader.value;
        // "Bearer <token>": the token alone may come back too.
        const qsizetype space = wireHeader.value.indexOf(u' ');
        if (space > 0)
            m_secrets << wireHeader.value.mid(space + 1).trimmed();
    }
    const QString safe = wireHeader.secret ? QStringLiteral("[redacted]") : shown;
    m_lines << h.name + QStringLiteral(": ") + safe;
    m_shownHeaders.append(QString(h.name + QStringLiteral(": ") + safe));
    m_b.wire.headers << wireHeader;
    return true;
}

bool Assembly::addBody(const QJsonValue &templateBody)
{
    const QJsonValue shownBody = RequestBuilder::expandJson(templateBody, m_variables);
    QJsonValue body = templateBody;
    if (!expandJsonEnvironment(body, &m_missing, &m_secrets))
        return missing(QStringLiteral("body"));
    body = RequestBuilder::expandJson(body, m_variables);
    m_b.wire.body = compactJson(body);
    m_b.wire.headers << HttpHeader{QStringLiteral("Content-Type"),
                                   QStringLiteral("application/json"), false};
    m_b.record.insert(QLatin1String("body"), shownBody);
    m_lines << QString()
            << QString::fromUtf8(
                   shownBody.isObject()
                       ? QJsonDocument(shownBody.toObject()).toJson(QJsonDocument::Indented)
                       : compactJson(shownBody))
                   .trimmed();
    return true;
}

void Assembly::finish(const QString &displayUrl, const QString &idempotencyKey)
{
    if (!idempotencyKey.isEmpty())
        m_lines.insert(m_shownHeaders.size(), QStringLiteral("Idempotency-Key: ") + idempotencyKey);
    for (const QString &secret : std::as_const(m_secrets))
        m_b.secrets.add(secret);
    m_b.display = (QStringList{m_b.wire.method + u' ' + displayUrl} + m_lines).join(u'\n');
    m_b.record.insert(QLatin1String("method"), m_b.wire.method);
    m_b.record.insert(QLatin1String("url"), displayUrl);
    if (!m_shownHeaders.isEmpty())
        m_b.record.insert(QLatin1String("headers"), m_shownHeaders);
}

} // namespace

BuiltRequest RequestBuilder::build(const RequestTemplate &t,
                                   const QMap<QString, QString> &variables,
                                   const QString &idempotencyKey,
                                   const QSet<QString> &fromResponses)
{
    BuiltRequest b;
    HttpRequest &r = b.wire;
    r.method = t.method.toUpper();
    const QString displayUrl = expandUrl(t.url, variables, fromResponses);
    Assembly assembly(b, variables);
    // Secrets are filled into the template before the variables, never into variable values:
    // a value typed into the declaration that looks like ${env:...} stays literal text.
    QString wireUrl;
    if (!assembly.expandEnvironment(t.url, &wireUrl, QStringLiteral("URL")))
        return b;
    r.url = expandUrl(wireUrl, variables, fromResponses);
    if (std::any_of(r.url.cbegin(), r.url.cend(), isControl)) {
        b.error = QStringLiteral("the URL would contain a control character (CR, LF, NUL...) "
                                 "once its variables are filled in; not sent");
        return b;
    }
    r.totalTimeoutMs = t.timeoutSeconds * 1000;
    r.maxRedirects = t.maxRedirects;
    r.caFile = expandVariables(t.caFile, variables);
    for (const QString &h : t.plainHttpHosts)
        r.plainHttpHosts.insert(h);
    r.idempotencyKey = idempotencyKey;
    for (const RequestTemplate::Header &h : t.headers) {
        if (!assembly.addHeader(h))
            return b;
    }
    if (!t.body.isUndefined() && !assembly.addBody(t.body))
        return b;
    assembly.finish(displayUrl, idempotencyKey);
    return b;
}

} // namespace warroom
