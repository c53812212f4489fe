#include "checklist/AutomationReader.h"

#include "util/OneLine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace warroom {

namespace {

QJsonValue toQt(const Json &j)
{
    const Json wrapped = Json::array({j});
    return QJsonDocument::fromJson(QByteArray::fromStdString(wrapped.dump())).array().at(0);
}

void collectStrings(const Json &j, const QString &path, QList<QPair<QString, QString>> &out)
{
    if (j.is_string()) {
        out.append({path, QString::fromStdString(j.get<std::string>())});
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i)
            collectStrings(j[i], path + QStringLiteral("[%1]").arg(i), out);
    } else if (j.is_object()) {
        for (const auto &[key, value] : j.items())
            collectStrings(value, memberPath(path, key), out);
    }
}

const QStringList &methods()
{
    static const QStringList m
        = {QStringLiteral("GET"),    QStringLiteral("HEAD"),  QStringLiteral("POST"),
           QStringLiteral("PUT"),    QStringLiteral("PATCH"), QStringLiteral("DELETE"),
           QStringLiteral("OPTIONS")};
    return m;
}

// "CR", "LF" or "NUL" when the text holds one, for the message; empty when it holds none.
QString lineBreakIn(const QString &text)
{
    for (const QChar c : text) {
        if (c == u'\r')
            return QStringLiteral("CR (\\r)");
        if (c == u'\n')
            return QStringLiteral("LF (\\n)");
        if (c == QChar(0))
            return QStringLiteral("NUL");
    }
    return {};
}

} // namespace

// Every ${env:NAME} must be one the request builder expands; anything else would be sent as
// written, which is never what the author meant.
void AutomationReader::checkEnvironmentReferences(const QString &path, const QString &value)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*\\z"));
    const QString open = QStringLiteral("${env:");
    qsizetype from = 0;
    for (;;) {
        const qsizetype at = value.indexOf(open, from);
        if (at < 0)
            return;
        const qsizetype nameStart = at + open.size();
        const qsizetype close = value.indexOf(u'}', nameStart);
        const qsizetype nested = value.indexOf(QStringLiteral("${"), nameStart);
        const QString where
            = QStringLiteral(" (at character %1)").arg(OneLine::characterAt(value, at));
        if (close < 0) {
            m_json.error(path, QStringLiteral("unterminated ${env:...}: no closing '}'") + where);
            return;
        }
        if (nested >= 0 && nested < close) {
            m_json.error(path, QStringLiteral("nested ${...} inside ${env:...} is not supported")
                                   + where);
            return;
        }
        const QString var = value.mid(nameStart, close - nameStart);
        if (var.isEmpty())
            m_json.error(path,
                         QStringLiteral("empty ${env:}: name an environment variable") + where);
        else if (!m_json.matchesWhole(name, var))
            m_json.error(path, quoted(var)
                                   + QStringLiteral(" is not an environment variable name "
                                                    "(letters, digits and '_', not starting "
                                                    "with a digit)")
                                   + where);
        from = close + 1;
    }
}

void AutomationReader::text(const QString &path, const QString &value)
{
    checkEnvironmentReferences(path, value);
    if (!m_inRamp) {
        m_texts.append({path, value});
        return;
    }
    static const QRegularExpression weight(QStringLiteral("\\{\\{\\s*weight\\s*\\}\\}"));
    m_texts.append({path, QString(value).remove(weight)});
}

void AutomationReader::readRequest(const Json &j, const QString &path, RequestTemplate &out)
{
    if (!m_json.expectObject(j, path))
        return;
    m_json.checkKeys(j, path,
                     {"method", "url", "headers", "secret_headers", "body", "expect_status",
                      "timeout_seconds", "max_redirects", "allow_http_hosts", "ca_file"});
    readMethodAndUrl(j, path, out);
    readHeaders(j, path, out);
    readBody(j, path, out);
    readExpectedStatus(j, path, out);
    m_json.readInt(j, "timeout_seconds", path, out.timeoutSeconds, false, 1, 600);
    m_json.readInt(j, "max_redirects", path, out.maxRedirects, false, 0, 10);
    if (m_json.readString(j, "ca_file", path, out.caFile, false))
        text(path + QStringLiteral(".ca_file"), out.caFile);
    readPlainHttpHosts(j, path, out);
}

void AutomationReader::readMethodAndUrl(const Json &j, const QString &path, RequestTemplate &out)
{
    if (m_json.readString(j, "method", path, out.method, false)) {
        out.method = out.method.toUpper();
        if (!methods().contains(out.method))
            m_json.error(path + QStringLiteral(".method"),
                         QStringLiteral("unknown method %1 (known: %2)")
                             .arg(quoted(out.method), methods().join(QStringLiteral(", "))));
    }
    if (m_json.readString(j, "url", path, out.url, true)) {
        text(path + QStringLiteral(".url"), out.url);
        if (const QString bad = lineBreakIn(out.url); !bad.isEmpty())
            m_json.error(path + QStringLiteral(".url"),
                         QStringLiteral("a URL must not contain %1").arg(bad));
        static const QRegularExpression scheme(
            QStringLiteral("^(\\{\\{[^}]+\\}\\}|\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}|https?://)"));
        if (!scheme.match(out.url).hasMatch())
            m_json.error(path + QStringLiteral(".url"),
                         QStringLiteral("a URL must start with http:// or https:// (or with a "
                                        "{{variable}} or ${env:NAME} that holds them)"));
    }
}

void AutomationReader::readHeaders(const Json &j, const QString &path, RequestTemplate &out)
{
    QSet<QString> secret;
    if (const Json *names = m_json.readArray(j, "secret_headers", path, false)) {
        for (const auto &n : *names) {
            if (n.is_string())
                secret.insert(QString::fromStdString(n.get<std::string>()).toLower());
            else
                m_json.error(path + QStringLiteral(".secret_headers"),
                             QStringLiteral("expected header names (strings)"));
        }
    }
    if (const Json *headers = m_json.member(j, "headers", path, false)) {
        const QString hp = path + QStringLiteral(".headers");
        if (m_json.expectObject(*headers, hp)) {
            for (const auto &[key, value] : headers->items()) {
                const QString name = QString::fromStdString(key);
                const QString np = memberPath(hp, key);
                if (!value.is_string()) {
                    m_json.error(np,
                                 QStringLiteral("expected a string, found ") + jsonTypeName(value));
                    continue;
                }
                RequestTemplate::Header h{name, QString::fromStdString(value.get<std::string>()),
                                          secret.contains(name.toLower())};
                // A line break in a header would end it and start another of the file's
                // choosing (header injection); NUL cuts it short.
                if (const QString bad = lineBreakIn(name); !bad.isEmpty())
                    m_json.error(np, QStringLiteral("a header name must not contain %1").arg(bad));
                else if (name.isEmpty())
                    m_json.error(np, QStringLiteral("a header needs a name"));
                if (const QString bad = lineBreakIn(h.value); !bad.isEmpty())
                    m_json.error(np, QStringLiteral("a header value must not contain %1").arg(bad));
                text(np, h.value);
                out.headers << h;
            }
        }
    }
}

void AutomationReader::readBody(const Json &j, const QString &path, RequestTemplate &out)
{
    if (const Json *body = m_json.member(j, "body", path, false)) {
        out.body = toQt(*body);
        AutomationReader::Texts strings;
        collectStrings(*body, path + QStringLiteral(".body"), strings);
        for (const auto &[p, t] : std::as_const(strings))
            text(p, t);
        if (out.method == QLatin1String("GET") || out.method == QLatin1String("HEAD"))
            m_json.error(path + QStringLiteral(".body"),
                         QStringLiteral("a %1 request carries no body").arg(out.method));
    }
}

void AutomationReader::readExpectedStatus(const Json &j, const QString &path, RequestTemplate &out)
{
    if (const Json *expect = m_json.readArray(j, "expect_status", path, false)) {
        for (std::size_t i = 0; i < expect->size(); ++i) {
            long long status = 0;
            if (!integerInRange((*expect)[i], 100, 599, status))
                m_json.error(path + QStringLiteral(".expect_status[%1]").arg(i),
                             QStringLiteral("expected an HTTP status from 100 to 599"));
            else
                out.expectStatus << static_cast<int>(status);
        }
    }
}

void AutomationReader::readPlainHttpHosts(const Json &j, const QString &path, RequestTemplate &out)
{
    if (const Json *hosts = m_json.readArray(j, "allow_http_hosts", path, false)) {
        for (const auto &h : *hosts) {
            if (h.is_string())
                out.plainHttpHosts << QString::fromStdString(h.get<std::string>());
            else
                m_json.error(path + QStringLiteral(".allow_http_hosts"),
                             QStringLiteral("expected host names (strings)"));
        }
    }
}

void AutomationReader::readPointer(const Json &j, const QString &path, QString &out,
                                   const char *key, bool required)
{
    if (m_json.readString(j, key, path, out, required, true) && !isValidJsonPointer(out))
        m_json.error(path + u'.' + QString::fromLatin1(key),
                     quoted(out)
                         + QStringLiteral(" is not a JSON pointer (RFC 6901): write \"/field\" "
                                          "or \"/list/0/field\", or \"\" for the whole answer"));
}

void AutomationReader::readCondition(const Json &j, const QString &path, const char *valueKey,
                                     Condition &out)
{
    static const QList<QPair<QString, Condition::Op>> ops
        = {{QStringLiteral("=="), Condition::Op::Equal},
           {QStringLiteral("!="), Condition::Op::NotEqual},
           {QStringLiteral("<"), Condition::Op::Less},
           {QStringLiteral("<="), Condition::Op::LessOrEqual},
           {QStringLiteral(">"), Condition::Op::Greater},
           {QStringLiteral(">="), Condition::Op::GreaterOrEqual}};
    QString op;
    if (m_json.readString(j, "op", path, op, true)) {
        bool found = false;
        for (const auto &[name, value] : ops) {
            if (name == op) {
                out.op = value;
                found = true;
            }
        }
        if (!found)
            m_json.error(path + QStringLiteral(".op"),
                         QStringLiteral("unknown comparator %1 (known: ==, !=, <, <=, >, >=)")
                             .arg(quoted(op)));
    }
    if (const Json *v = m_json.member(j, valueKey, path, true)) {
        const QString vp = path + u'.' + QString::fromLatin1(valueKey);
        if (v->is_string()) {
            out.value = QString::fromStdString(v->get<std::string>());
            text(vp, out.value.toString());
            if (out.op != Condition::Op::Equal && out.op != Condition::Op::NotEqual)
                m_json.error(vp, QStringLiteral("%1 compares numbers; the value here is a string")
                                     .arg(Condition::opSymbol(out.op)));
        } else if (v->is_number() || v->is_boolean()) {
            out.value = toQt(*v);
        } else {
            m_json.error(vp, QStringLiteral("expected a number or a string, found ")
                                 + jsonTypeName(*v));
        }
    }
}

void AutomationReader::readAction(const Json &j, const QString &path, ActionSpec &out)
{
    if (!m_json.expectObject(j, path))
        return;
    m_json.checkKeys(j, path, {"request", "extract", "poll", "confirm", "irreversible"});
    if (const Json *r = m_json.member(j, "request", path, true))
        readRequest(*r, path + QStringLiteral(".request"), out.request);
    m_json.readBool(j, "confirm", path, out.confirm);
    m_json.readBool(j, "irreversible", path, out.irreversible);
    // Irreversible means a second person looks at the exact request, so it is always shown.
    out.confirm = out.confirm || out.irreversible;
    if (const Json *extract = m_json.member(j, "extract", path, false)) {
        const QString ep = path + QStringLiteral(".extract");
        static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}\\z"));
        if (m_json.expectObject(*extract, ep)) {
            for (const auto &[key, value] : extract->items()) {
                const QString var = QString::fromStdString(key);
                const QString vp = memberPath(ep, key);
                if (!m_json.matchesWhole(name, var))
                    m_json.error(vp, quoted(var) + QStringLiteral(" is not a valid variable name"));
                const QString pointer = value.is_string()
                                            ? QString::fromStdString(value.get<std::string>())
                                            : QStringLiteral("?");
                if (!value.is_string() || !isValidJsonPointer(pointer))
                    m_json.error(vp, QStringLiteral("expected a JSON pointer such as \"/id\""));
                out.extract.insert(var, pointer);
                m_extracted.insert(var);
            }
        }
    }
    if (const Json *poll = m_json.member(j, "poll", path, false)) {
        const QString pp = path + QStringLiteral(".poll");
        if (!m_json.expectObject(*poll, pp))
            return;
        out.hasPoll = true;
        m_json.checkKeys(
            *poll, pp,
            {"request", "every_seconds", "deadline_seconds", "until", "fail_when", "progress"});
        readPointer(*poll, pp, out.poll.progressPointer, "progress", false);
        if (const Json *r = m_json.member(*poll, "request", pp, true))
            readRequest(*r, pp + QStringLiteral(".request"), out.poll.request);
        m_json.readInt(*poll, "every_seconds", pp, out.poll.everySeconds, false, 1, 3600);
        m_json.readInt(*poll, "deadline_seconds", pp, out.poll.deadlineSeconds, false, 1,
                       7 * 24 * 3600);
        for (const char *key : {"until", "fail_when"}) {
            const Json *c = m_json.member(*poll, key, pp, key == std::string_view("until"));
            if (!c)
                continue;
            const QString cp = pp + u'.' + QString::fromLatin1(key);
            if (!m_json.expectObject(*c, cp))
                continue;
            m_json.checkKeys(*c, cp, {"pointer", "op", "value"});
            Condition &cond = key == std::string_view("until") ? out.poll.until : out.poll.failWhen;
            readPointer(*c, cp, cond.pointer);
            readCondition(*c, cp, "value", cond);
            if (key != std::string_view("until"))
                out.poll.hasFailWhen = true;
        }
    }
}

void AutomationReader::readCheck(const Json &j, const QString &path, CheckSpec &out, bool inRamp)
{
    if (!m_json.expectObject(j, path))
        return;
    if (inRamp)
        m_json.checkKeys(j, path,
                         {"label", "probe", "prometheus", "op", "threshold", "every_seconds"});
    else
        m_json.checkKeys(j, path,
                         {"probe", "prometheus", "op", "threshold", "every_seconds",
                          "deadline_seconds", "consecutive"});
    if (inRamp && m_json.readString(j, "label", path, out.label, true))
        text(path + QStringLiteral(".label"), out.label);
    const Json *probe = m_json.member(j, "probe", path, false);
    const Json *prom = m_json.member(j, "prometheus", path, false);
    if (!probe == !prom) {
        m_json.error(path, QStringLiteral("a check reads either a 'probe' (an HTTP request and a "
                                          "JSON pointer) or 'prometheus' (a server and a query); "
                                          "give exactly one"));
    } else if (probe) {
        const QString pp = path + QStringLiteral(".probe");
        out.source = CheckSpec::Source::Probe;
        if (m_json.expectObject(*probe, pp)) {
            m_json.checkKeys(*probe, pp, {"request", "pointer"});
            if (const Json *r = m_json.member(*probe, "request", pp, true))
                readRequest(*r, pp + QStringLiteral(".request"), out.probe);
            readPointer(*probe, pp, out.condition.pointer);
        }
    } else {
        const QString pp = path + QStringLiteral(".prometheus");
        out.source = CheckSpec::Source::Prometheus;
        if (m_json.expectObject(*prom, pp)) {
            m_json.checkKeys(*prom, pp, {"url", "query"});
            if (m_json.readString(*prom, "url", pp, out.prometheusUrl, true))
                text(pp + QStringLiteral(".url"), out.prometheusUrl);
            if (m_json.readString(*prom, "query", pp, out.query, true))
                text(pp + QStringLiteral(".query"), out.query);
        }
    }
    readCondition(j, path, "threshold", out.condition);
    m_json.readInt(j, "every_seconds", path, out.everySeconds, false, 1, 3600);
    m_json.readInt(j, "deadline_seconds", path, out.deadlineSeconds, false, 1, 7 * 24 * 3600);
    m_json.readInt(j, "consecutive", path, out.consecutive, false, 1, 100);
}

void AutomationReader::readRamp(const Json &j, const QString &path, RampSpec &out)
{
    if (!m_json.expectObject(j, path))
        return;
    m_json.checkKeys(j, path, {"weights", "hold_seconds", "request", "checks", "rollback_weight"});
    if (const Json *weights = m_json.readArray(j, "weights", path, true)) {
        double last = -1;
        for (std::size_t i = 0; i < weights->size(); ++i) {
            const Json &w = (*weights)[i];
            const QString wp = path + QStringLiteral(".weights[%1]").arg(i);
            if (!w.is_number() || w.get<double>() < 0 || w.get<double>() > 100) {
                m_json.error(wp, QStringLiteral("expected a weight from 0 to 100"));
                continue;
            }
            if (w.get<double>() <= last)
                m_json.error(wp, QStringLiteral("weights must rise from stage to stage"));
            last = w.get<double>();
            out.weights << last;
        }
        if (weights->empty())
            m_json.error(path + QStringLiteral(".weights"),
                         QStringLiteral("a ramp needs at least one weight"));
    }
    m_json.readInt(j, "hold_seconds", path, out.holdSeconds, false, 0, 24 * 3600);
    m_json.readNumber(j, "rollback_weight", path, out.rollbackWeight, false, 0, 100);
    m_inRamp = true;
    if (const Json *r = m_json.member(j, "request", path, true))
        readRequest(*r, path + QStringLiteral(".request"), out.request);
    m_inRamp = false;
    if (const Json *checks = m_json.readArray(j, "checks", path, false)) {
        for (std::size_t i = 0; i < checks->size(); ++i) {
            CheckSpec check;
            readCheck((*checks)[i], path + QStringLiteral(".checks[%1]").arg(i), check, true);
            out.checks << check;
        }
    }
}

} // namespace warroom
