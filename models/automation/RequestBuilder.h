#pragma once

#include "checklist/Automation.h"
#include "http/HttpRequest.h"
#include "http/SecretRedactor.h"

#include <QJsonObject>
#include <QMap>

namespace warroom {

// A request ready to send, and the form of it that may be recorded and shown.
struct [[nodiscard]] BuiltRequest
{
    HttpRequest wire;   // secrets filled in: handed to the HTTP engine and nowhere else
    QString display;    // "POST http://...\nHeader: value" with secrets as [redacted]
    QJsonObject record; // method, url and headers for the timeline, with no secret in it
    SecretRedactor secrets; // what must be taken out of the answer before it is recorded
    QString error;      // why the request cannot be built (a missing environment variable...)

    bool ok() const { return error.isEmpty(); }
};

// Turns a checklist's RequestTemplate into a request. {{variables}} are filled from the incident;
// ${env:NAME} is read from this process's environment at the moment of sending, so a secret lives
// only in memory and in the request on the wire.
//
// Nothing a variable holds can add to the request: a header that would carry a CR, LF or NUL
// is refused, and so is a URL with a control character. The variables named in fromResponses
// were extracted from a server's answer; in a URL such a value is percent-encoded whole, so it
// stays data and cannot change the host, the path above it or the query.
class RequestBuilder
{
public:
    static BuiltRequest build(const RequestTemplate &t, const QMap<QString, QString> &variables,
                              const QString &idempotencyKey = {},
                              const QSet<QString> &fromResponses = {});
    // What a check reads: its probe, or an instant query to its Prometheus (/api/v1/query).
    static RequestTemplate checkRequest(const CheckSpec &check,
                                        const QMap<QString, QString> &variables);

    // Expands ${env:NAME}; false with the missing name when a variable is not set. The values
    // filled in are added to `values` when given: they are secrets.
    static bool expandEnvironment(const QString &text, QString *out, QString *missing,
                                  QStringList *values = nullptr);
    static bool hasEnvironmentReference(const QString &text);
    // Fills {{variables}} in every string of a JSON value. A string that is exactly one
    // {{name}} whose value is a number becomes that number, so {"percent": "{{weight}}"} sends
    // a number.
    static QJsonValue expandJson(const QJsonValue &value, const QMap<QString, QString> &variables);
};

} // namespace warroom
