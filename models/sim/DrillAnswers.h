#pragma once

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>

// The answers the drill backend gives, shared by its routes and its own handlers.
namespace warroom::DrillAnswers {

using Status = QHttpServerResponse::StatusCode;

inline QJsonObject parseBody(const QHttpServerRequest &request)
{
    return QJsonDocument::fromJson(request.body()).object();
}

inline QHttpServerResponse json(const QJsonObject &object, Status status = Status::Ok)
{
    return QHttpServerResponse(object, status);
}

inline QHttpServerResponse problem(const QString &message, Status status)
{
    return json(QJsonObject{{QStringLiteral("error"), message}}, status);
}

inline QHttpServerResponse unauthorized()
{
    return problem(QStringLiteral("missing or wrong bearer token (Authorization: Bearer ...)"),
                   Status::Unauthorized);
}

} // namespace warroom::DrillAnswers
