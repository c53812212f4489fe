#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace warroom {

// A request as the checklist writes it. Strings may hold {{variables}} (incident variables and
// values extracted by earlier actions) and ${env:NAME} references. Environment references are the
// only way a secret enters a request, and they are expanded at send time only: what is recorded
// and shown is the template with its variables filled in and its ${env:...} left as written.
struct RequestTemplate
{
    struct Header
    {
        QString name;
        QString value;
        bool secret = false; // marked in the checklist, or holding an ${env:...}
    };

    QString method = QStringLiteral("GET");
    QString url;
    QList<Header> headers;
    QJsonValue body;            // JSON; undefined when the request has none
    QList<int> expectStatus;    // empty: any 2xx
    int timeoutSeconds = 30;    // total, per attempt
    int maxRedirects = 0;       // 0: redirects are not followed
    QStringList plainHttpHosts; // hosts besides loopback that may be reached over http://
    QString caFile;             // an extra CA bundle (a private CA); verification stays on

    bool accepts(int status) const
    {
        return expectStatus.isEmpty() ? status >= 200 && status < 300
                                      : expectStatus.contains(status);
    }
};

// A value read from a JSON document and compared: "the job's /state equals 'succeeded'",
// "the error rate is below 0.01".
struct Condition
{
    enum class Op { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };
    QString pointer; // RFC 6901 JSON pointer; for Prometheus, the query's first sample
    Op op = Op::Equal;
    QJsonValue value; // a number, or a string that may hold {{variables}}

    static QString opSymbol(Op op);
    // For people, not JSON pointers: "/state" reads "state", "/job/last_phase" "last phase",
    // "" "the answer".
    static QString pointerWords(const QString &pointer);
    // What the condition waits for: "succeeded" for ==, "not failed", ">= 100".
    QString wantedText() const;
};

// Call a status URL every N seconds until a field reaches a value, or give up: the
// start-a-job-then-poll shape of Rundeck, Jenkins and Argo CD.
struct PollSpec
{
    RequestTemplate request;
    int everySeconds = 5;
    int deadlineSeconds = 600;
    Condition until;
    bool hasFailWhen = false;
    Condition failWhen;
    // Optional: where the job's answer says how far it got, in percent (0 to 100), shown
    // as a bar while the job runs. Empty when the checklist names none.
    QString progressPointer;
};

struct ActionSpec
{
    RequestTemplate request;
    QMap<QString, QString> extract; // variable name -> JSON pointer into the response
    bool hasPoll = false;
    PollSpec poll;
    bool confirm = false;      // show the exact request and ask before sending
    bool irreversible = false; // also needs a second named person
};

// A sensed, closed-loop item: it passes on a measured value against a threshold.
struct CheckSpec
{
    enum class Source { Probe, Prometheus };
    Source source = Source::Probe;
    RequestTemplate probe; // for Probe
    QString prometheusUrl; // for Prometheus: the server's base URL (template)
    QString query;         // PromQL (template)
    Condition condition;
    int everySeconds = 5;
    int deadlineSeconds = 300;
    int consecutive = 1; // passing samples in a row before the check passes
    QString label;       // for checks inside a ramp; the item text otherwise

    // The threshold as people read it: "< 0.01", "== succeeded".
    QString thresholdText() const;
};

// Shift traffic back in stages: set each weight, hold, watch the checks. A failing check halts the
// ramp and offers to set the weight back.
struct RampSpec
{
    QList<double> weights;
    int holdSeconds = 60;
    RequestTemplate request; // {{weight}} is the stage's weight
    QList<CheckSpec> checks;
    double rollbackWeight = 0;
};

bool isValidJsonPointer(const QString &pointer);

// A JSON value as people read it in a threshold or a sample: "0.12", "running", "(absent)".
QString jsonValueText(const QJsonValue &value);

} // namespace warroom
