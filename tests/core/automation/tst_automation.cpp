// The pure parts of actions and checks: request templates and secrets, conditions, and reading
// Prometheus answers. No server, no session; tst_automationrunner runs them for real.
#include "checklist/Automation.h"
#include "util/JsonText.h"
#include "automation/ConditionEvaluation.h"
#include "automation/RequestBuilder.h"
#include "support/TestStrings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <cctype>
#include <map>

using namespace warroom;
using warroom::test::s;

namespace {

QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
}

} // namespace

class TestAutomation : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void requestTemplates_data();
    void requestTemplates();
    void answersLoseTheRequestsSecrets_data();
    void answersLoseTheRequestsSecrets();
    void valuesCannotReshapeTheRequest_data();
    void valuesCannotReshapeTheRequest();
    void conditions_data();
    void conditions();
    void prometheusAnswers_data();
    void prometheusAnswers();

private:
    QByteArray m_secret;
};

void TestAutomation::init()
{
    m_secret = "s3cr3t-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    qputenv("WARROOM_TEST_SECRET", m_secret);
}

void TestAutomation::requestTemplates_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("header"); // value of X-Api-Key; empty: none
    QTest::addColumn<QString>("body");   // JSON; empty: none
    QTest::addColumn<QString>("base");   // the {{base}} variable
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("wireUrl");
    QTest::addColumn<QString>("wireBody");
    QTest::addColumn<QString>("error");
    const QString secret = s("${env:WARROOM_TEST_SECRET}");
    QTest::newRow("variables") << s("{{base}}/api/rollback") << QString()
                               << s(R"({"to": "{{base}}"})") << s("http://127.0.0.1:9")
                               << s("POST http://127.0.0.1:9/api/rollback")
                               << s("http://127.0.0.1:9/api/rollback")
                               << s(R"({"to":"http://127.0.0.1:9"})") << QString();
    QTest::newRow("secret in a header is redacted")
        << s("{{base}}/x") << s("Bearer ") + secret << QString() << s("http://127.0.0.1:9")
        << s("X-Api-Key: [redacted]") << s("http://127.0.0.1:9/x") << QString() << QString();
    QTest::newRow("secret in the URL stays a reference")
        << s("{{base}}/hook/") + secret << QString() << QString() << s("http://127.0.0.1:9")
        << s("POST http://127.0.0.1:9/hook/") + secret << s("http://127.0.0.1:9/hook/<SECRET>")
        << QString() << QString();
    QTest::newRow("a lone numeric placeholder sends a number")
        << s("{{base}}/traffic") << QString()
        << s(R"({"percent": "{{weight}}", "note": "w={{weight}}"})") << s("http://127.0.0.1:9")
        << s("\"percent\": 25") << s("http://127.0.0.1:9/traffic")
        << s(R"({"note":"w=25","percent":25})") << QString();
    QTest::newRow("a value that looks like a secret stays literal")
        << s("{{base}}/x") << QString() << QString() << secret << s("POST ${env:")
        << s("${env:WARROOM_TEST_SECRET}/x") << QString() << QString();
    QTest::newRow("missing environment variable")
        << s("{{base}}/x") << s("${env:WARROOM_TEST_NOT_SET}") << QString()
        << s("http://127.0.0.1:9") << QString() << QString() << QString()
        << s("the environment variable WARROOM_TEST_NOT_SET is not set (it is used in the "
             "request's header X-Api-Key); set it in the environment that starts warroom");
}

void TestAutomation::requestTemplates()
{
    QFETCH(QString, url);
    QFETCH(QString, header);
    QFETCH(QString, body);
    QFETCH(QString, base);
    QFETCH(QString, display);
    QFETCH(QString, wireUrl);
    QFETCH(QString, wireBody);
    QFETCH(QString, error);
    RequestTemplate t;
    t.method = s("POST");
    t.url = url;
    if (!header.isEmpty())
        t.headers << RequestTemplate::Header{s("X-Api-Key"), header, false};
    if (!body.isEmpty())
        t.body = QJsonDocument::fromJson(body.toUtf8()).object();
    const QMap<QString, QString> vars{{s("base"), base}, {s("weight"), s("25")}};
    const BuiltRequest b = RequestBuilder::build(t, vars, s("key-1"));
    QCOMPARE(b.error, error);
    if (!error.isEmpty())
        return;
    QVERIFY2(b.display.contains(display), qPrintable(b.display));
    QCOMPARE(b.wire.url, QString(wireUrl).replace(s("<SECRET>"), QString::fromLatin1(m_secret)));
    if (!wireBody.isEmpty())
        QCOMPARE(QString::fromUtf8(b.wire.body), wireBody);
    QCOMPARE(b.wire.idempotencyKey, s("key-1"));
    QVERIFY(b.wire.caFile.isEmpty());
    t.caFile = s("/etc/warroom/{{weight}}.pem"); // a private CA's bundle, named per environment
    QCOMPARE(RequestBuilder::build(t, vars).wire.caFile, s("/etc/warroom/25.pem"));
    // What is shown and recorded never holds the secret.
    const QByteArray recorded = QJsonDocument(b.record).toJson();
    QVERIFY(!b.display.toUtf8().contains(m_secret));
    QVERIFY(!recorded.contains(m_secret));
    if (!header.isEmpty()) {
        QCOMPARE(b.wire.headers.first().value,
                 QString(header).replace(s("${env:WARROOM_TEST_SECRET}"),
                                         QString::fromLatin1(m_secret)));
        QVERIFY(b.wire.headers.first().secret);
    }
}

void TestAutomation::answersLoseTheRequestsSecrets_data()
{
    QTest::addColumn<QString>("where");  // where the request carries the secret
    QTest::addColumn<QString>("secret"); // what must not come back
    QTest::addColumn<QString>("echo");   // how the server echoes it (see the test)
    // A secret with characters that JSON, HTML-safe JSON and URLs escape.
    const QString odd = s("p\"a/ss w\u00f6rd\\&<>*~!");
    for (const char *echo :
         {"raw", "json", "percent", "json with \\/", "json in ASCII", "JSON IN ASCII", "php json",
          "percent, lower case", "url path", "go json", "form", "percent, mixed case", "java form",
          "encodeURIComponent"}) {
        QTest::newRow(qPrintable(s("env in a header, %1").arg(s(echo))))
            << s("header-env") << odd << s(echo);
        QTest::newRow(qPrintable(s("env in the URL, %1").arg(s(echo))))
            << s("url-env") << odd << s(echo);
        QTest::newRow(qPrintable(s("env in the body, %1").arg(s(echo))))
            << s("body-env") << odd << s(echo);
        QTest::newRow(qPrintable(s("literal bearer token, %1").arg(s(echo))))
            << s("authorization") << s("tok-3e9a") << s(echo);
    }
}

namespace {

// "%2F%C3%B6%20" as "%2F%c3%b6%20": the hex digits of every second escape in lower case.
QByteArray everySecondEscapeLower(QByteArray percent)
{
    int escapes = 0;
    for (qsizetype i = 0; i + 2 < percent.size(); ++i) {
        if (percent.at(i) != '%')
            continue;
        if (escapes++ % 2 == 1) {
            percent[i + 1] = char(std::tolower(static_cast<unsigned char>(percent.at(i + 1))));
            percent[i + 2] = char(std::tolower(static_cast<unsigned char>(percent.at(i + 2))));
        }
        i += 2;
    }
    return percent;
}

} // namespace

void TestAutomation::answersLoseTheRequestsSecrets()
{
    QFETCH(QString, where);
    QFETCH(QString, secret);
    QFETCH(QString, echo);
    qputenv("WARROOM_TEST_ODD", secret.toUtf8());
    RequestTemplate t;
    t.method = s("POST");
    t.url = where == s("url-env") ? s("http://127.0.0.1:9/hook/${env:WARROOM_TEST_ODD}")
                                  : s("http://127.0.0.1:9/x");
    if (where == s("header-env"))
        t.headers << RequestTemplate::Header{s("X-Token"), s("${env:WARROOM_TEST_ODD}"), false};
    if (where == s("authorization"))
        t.headers << RequestTemplate::Header{s("Authorization"), s("Bearer ") + secret, false};
    if (where == s("body-env"))
        t.body = QJsonObject{{s("password"), s("${env:WARROOM_TEST_ODD}")}};
    const BuiltRequest b = RequestBuilder::build(t, {});
    QVERIFY2(b.ok(), qPrintable(b.error));
    QVERIFY(!b.secrets.isEmpty());

    // Written out as each encoder writes them, not by the redactor's own code.
    const QByteArray json = compactJson(QJsonValue(secret)).mid(1).chopped(1);
    const QByteArray slashes = QByteArray(json).replace("/", "\\/");
    const std::map<QString, QByteArray> echoes{
        {s("raw"), secret.toUtf8()},
        {s("json"), json},
        {s("percent"), QUrl::toPercentEncoding(secret)},
        {s("json with \\/"), slashes},
        {s("json in ASCII"), QByteArray(json).replace("\xc3\xb6", "\\u00f6")}, // Python
        {s("JSON IN ASCII"), QByteArray(json).replace("\xc3\xb6", "\\u00F6")},
        {s("php json"), QByteArray(slashes).replace("\xc3\xb6", "\\u00f6")}, // json_encode
        {s("percent, lower case"), QUrl::toPercentEncoding(secret).toLower()},
        {s("url path"), QUrl::toPercentEncoding(secret, "/")},
        // Go's encoding/json keeps JSON safe in HTML; a form writes a space as "+"; a server
        // may write some escapes in lower case and some in upper (every second one here).
        {s("go json"),
         QByteArray(json).replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")},
        {s("form"), QUrl::toPercentEncoding(secret).replace("%20", "+")},
        {s("percent, mixed case"), everySecondEscapeLower(QUrl::toPercentEncoding(secret))},
        // Java's URLEncoder and HTML forms leave "*" and escape "~"; JavaScript's
        // encodeURIComponent leaves "!" and "*".
        {s("java form"), QUrl::toPercentEncoding(secret)
                             .replace("%20", "+")
                             .replace("%2A", "*")
                             .replace("~", "%7E")},
        {s("encodeURIComponent"),
         QUrl::toPercentEncoding(secret).replace("%21", "!").replace("%2A", "*")}};
    const QByteArray echoed = echoes.at(echo);
    HttpResult answer;
    answer.status = 401;
    answer.body = R"({"error": "bad token )" + echoed + R"(", "id": ")" + echoed + R"("})";
    answer.headers = {{s("WWW-Authenticate"), s("Bearer error=") + QString::fromUtf8(echoed)}};
    answer.error = s("server said ") + QString::fromUtf8(echoed);
    const HttpResult clean = b.secrets.redacted(answer);
    const QByteArray jsonForm = compactJson(QJsonValue(secret)).mid(1).chopped(1);
    for (const QByteArray &form :
         {secret.toUtf8(), jsonForm, QUrl::toPercentEncoding(secret), echoed}) {
        QVERIFY2(!clean.body.contains(form), clean.body.constData());
        QVERIFY(!clean.headers.first().second.toUtf8().contains(form));
        QVERIFY(!clean.error.toUtf8().contains(form));
    }
    QCOMPARE(clean.body, QByteArray(R"({"error": "bad token [redacted]", "id": "[redacted]"})"));
    QCOMPARE(clean.headers.first().second, s("Bearer error=[redacted]"));
    QCOMPARE(clean.error, s("server said [redacted]"));
    QCOMPARE(clean.status, 401);
}

void TestAutomation::valuesCannotReshapeTheRequest_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("headerName");
    QTest::addColumn<QString>("headerValue");
    QTest::addColumn<QString>("value");        // of {{v}}
    QTest::addColumn<bool>("fromAnswer");      // {{v}} was extracted from a server's answer
    QTest::addColumn<QString>("error");        // "": built
    QTest::addColumn<QString>("wireUrl");
    const QString url = s("http://127.0.0.1:9/jobs/{{v}}");
    const QString plain = s("http://127.0.0.1:9/jobs/1");
    QTest::newRow("CR LF in a header value")
        << plain << s("X-Job") << s("{{v}}") << s("j1\r\nX-Evil: 1") << true
        << s("the header X-Job would contain a CR, LF or NUL character (from {{v}}); not sent")
        << QString();
    QTest::newRow("bare LF, typed into the declaration")
        << plain << s("X-Job") << s("id {{v}}") << s("j1\nX-Evil: 1") << false
        << s("the header X-Job would contain a CR, LF or NUL character (from {{v}}); not sent")
        << QString();
    QTest::newRow("NUL in a header value")
        << plain << s("X-Job") << s("{{v}}") << QString(s("j1") + QChar(0) + s("x")) << true
        << s("the header X-Job would contain a CR, LF or NUL character (from {{v}}); not sent")
        << QString();
    QTest::newRow("CR in a header name")
        << plain << s("X-Job\rX-Evil") << s("1") << s("j1") << false
        << s("the header X-Job\\x0dX-Evil would contain a CR, LF or NUL character; not sent")
        << QString();
    QTest::newRow("extracted value in a URL is one segment")
        << url << QString() << QString() << s("j1\r\n/../admin?x#y") << true << QString()
        << s("http://127.0.0.1:9/jobs/j1%0D%0A%2F..%2Fadmin%3Fx%23y");
    QTest::newRow("extracted value cannot move the host")
        << s("http://127.0.0.1:9{{v}}") << QString() << QString() << s("@evil.example/x") << true
        << QString() << s("http://127.0.0.1:9%40evil.example%2Fx");
    QTest::newRow("typed value keeps its slashes")
        << s("{{v}}/api/status") << QString() << QString() << s("http://127.0.0.1:9") << false
        << QString() << s("http://127.0.0.1:9/api/status");
    QTest::newRow("typed value with a line break")
        << url << QString() << QString() << s("j1\r\nHost: evil") << false
        << s("the URL would contain a control character (CR, LF, NUL...) once its variables are "
             "filled in; not sent")
        << QString();
}

void TestAutomation::valuesCannotReshapeTheRequest()
{
    QFETCH(QString, url);
    QFETCH(QString, headerName);
    QFETCH(QString, headerValue);
    QFETCH(QString, value);
    QFETCH(bool, fromAnswer);
    QFETCH(QString, error);
    QFETCH(QString, wireUrl);
    RequestTemplate t;
    t.url = url;
    if (!headerName.isEmpty())
        t.headers << RequestTemplate::Header{headerName, headerValue, false};
    const QSet<QString> fromResponses
        = fromAnswer ? QSet<QString>{s("v")} : QSet<QString>{};
    const BuiltRequest b = RequestBuilder::build(t, {{s("v"), value}}, {}, fromResponses);
    QCOMPARE(b.error, error);
    if (error.isEmpty()) {
        QCOMPARE(b.wire.url, wireUrl);
        QCOMPARE(b.record.value(s("url")).toString(), wireUrl); // shown as sent
    }
}

void TestAutomation::conditions_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QJsonValue>("expected");
    QTest::addColumn<QJsonValue>("actual");
    QTest::addColumn<bool>("passed");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("shown"); // the value as recorded ("": not compared)
    QTest::newRow("below") << s("<") << json("0.01") << json("0.002") << true << QString()
                           << s("0.002");
    QTest::newRow("not below") << s("<") << json("0.01") << json("0.12") << false << QString()
                               << QString();
    QTest::newRow("number sent as a string")
        << s("<=") << json("0") << json("\"0\"") << true << QString() << QString();
    QTest::newRow("equal strings")
        << s("==") << json("\"{{good}}\"") << json("\"v1.2.0\"") << true << QString() << QString();
    QTest::newRow("different strings") << s("==") << json("\"succeeded\"") << json("\"running\"")
                                       << false << QString() << QString();
    QTest::newRow("not equal") << s("!=") << json("\"failed\"") << json("\"running\"") << true
                               << QString() << QString();
    QTest::newRow("at least") << s(">=") << json("100") << json("100") << true << QString()
                              << QString();
    QTest::newRow("text compared as a number")
        << s(">") << json("1") << json("\"high\"") << false
        << s("'high' is not a number, so it cannot be compared with >") << QString();
    QTest::newRow("absent") << s("<") << json("1") << QJsonValue(QJsonValue::Undefined) << false
                            << s("no value at /error_rate") << QString();
    // A backend's 300,000-letter "version" was recorded whole in every sample and took the PDF
    // minutes: its first 256 characters are recorded, with its length; it is compared whole.
    const QString huge(300'000, u'A');
    QTest::newRow("a huge value, compared whole")
        << s("==") << QJsonValue(huge) << QJsonValue(huge) << true << QString()
        << QString(256, u'A') + s("\u2026 (300000 characters)");
    QTest::newRow("257 emoji") << s("!=") << json("\"x\"")
                               << QJsonValue(s("\U0001F680").repeated(257)) << true << QString()
                               << s("\U0001F680").repeated(128) + s("\u2026 (257 characters)");
    QTest::newRow("256 characters, kept")
        << s("!=") << json("\"x\"") << QJsonValue(QString(256, u'b')) << true << QString()
        << QString(256, u'b');
}

void TestAutomation::conditions()
{
    QFETCH(QString, op);
    QFETCH(QJsonValue, expected);
    QFETCH(QJsonValue, actual);
    QFETCH(bool, passed);
    QFETCH(QString, error);
    QFETCH(QString, shown);
    Condition c;
    c.pointer = s("/error_rate");
    for (auto o :
         {Condition::Op::Equal, Condition::Op::NotEqual, Condition::Op::Less,
          Condition::Op::LessOrEqual, Condition::Op::Greater, Condition::Op::GreaterOrEqual}) {
        if (Condition::opSymbol(o) == op)
            c.op = o;
    }
    QCOMPARE(Condition::opSymbol(c.op), op);
    c.value = expected;
    const Evaluation e = evaluateCondition(c, actual, {{s("good"), s("v1.2.0")}});
    QCOMPARE(e.passed, passed);
    QCOMPARE(e.error, error);
    if (!shown.isEmpty())
        QCOMPARE(e.valueText, shown);
    // And through a document, as a probe reads it.
    QCOMPARE(jsonAtPointer(QJsonObject{{s("a"), QJsonArray{1, QJsonObject{{s("b~/c"), 7}}}}},
                           s("/a/1/b~0~1c")),
             QJsonValue(7));
}

void TestAutomation::prometheusAnswers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("error");
    QTest::newRow("vector") << QByteArray(R"({"status":"success","data":{"resultType":"vector",
        "result":[{"metric":{},"value":[1700000000.1,"0.002"]}]}})")
                            << 0.002 << QString();
    QTest::newRow("scalar") << QByteArray(R"({"status":"success","data":{"resultType":"scalar",
        "result":[1700000000.1,"42"]}})")
                            << 42.0 << QString();
    QTest::newRow("no series")
        << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":[]}})") << 0.0
        << s("the query returned no series (is the target scraped, and is the metric name right?)");
    QTest::newRow("error") << QByteArray(R"({"status":"error","errorType":"bad_data",
        "error":"parse error at char 5"})")
                           << 0.0 << s("Prometheus answered bad_data: parse error at char 5");
    QTest::newRow("matrix")
        << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[]}})") << 0.0
        << s("the query returned a matrix; a check needs an instant vector or a scalar");
    QTest::newRow("not json") << QByteArray("<html>") << 0.0
                              << s("the answer is not Prometheus JSON: illegal value at offset 1");
}

void TestAutomation::prometheusAnswers()
{
    QFETCH(QByteArray, body);
    QFETCH(double, value);
    QFETCH(QString, error);
    QJsonValue v;
    QString why;
    QCOMPARE(prometheusSample(body, &v, &why), error.isEmpty());
    QCOMPARE(why, error);
    if (error.isEmpty())
        QCOMPARE(v.toDouble(), value);
}

QTEST_GUILESS_MAIN(TestAutomation)
#include "tst_automation.moc"
