#pragma once

#include "checklist/Automation.h"

// Evaluating a checklist's conditions against what a service answered: the runner's reading of
// responses, apart from the checklist format that declares them (checklist/Automation.h).

namespace warroom {

// The value at an RFC 6901 JSON pointer ("" is the whole document); undefined when absent.
QJsonValue jsonAtPointer(const QJsonValue &root, const QString &pointer);

struct [[nodiscard]] Evaluation
{
    bool passed = false;
    QJsonValue value;  // what was measured
    QString valueText; // as shown: "0.12", "running"
    QString error;     // why no value could be compared (absent, not a number...)
};

// Compares a measured value with a condition; string values in the condition may hold
// {{variables}}. A number that arrives as a string (Prometheus sends them so) compares as a number.
Evaluation evaluateCondition(const Condition &condition, const QJsonValue &actual,
                             const QMap<QString, QString> &variables);

// The value of the first sample of a Prometheus instant-query response (/api/v1/query), as a
// number; false with the reason in words (an error status, no series, not a vector).
bool prometheusSample(const QByteArray &body, QJsonValue *value, QString *error);

} // namespace warroom
