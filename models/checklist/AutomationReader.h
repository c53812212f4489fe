#pragma once

// Internal to the core: ChecklistValidator's reader for action, check and ramp items.

#include "checklist/Automation.h"
#include "util/JsonWalker.h"

#include <QList>
#include <QPair>
#include <QSet>

namespace warroom {

class AutomationReader
{
public:
    using Texts = QList<QPair<QString, QString>>; // (path, text) that may reference variables

    AutomationReader(JsonWalker &json, Texts &texts)
        : m_json(json)
        , m_texts(texts)
    {}

    void readAction(const Json &j, const QString &path, ActionSpec &out);
    void readCheck(const Json &j, const QString &path, CheckSpec &out, bool inRamp = false);
    void readRamp(const Json &j, const QString &path, RampSpec &out);

    // Names that actions extract from responses; later items may use them as {{name}}.
    const QSet<QString> &extractedNames() const { return m_extracted; }

private:
    void readRequest(const Json &j, const QString &path, RequestTemplate &out);
    void readMethodAndUrl(const Json &j, const QString &path, RequestTemplate &out);
    void readHeaders(const Json &j, const QString &path, RequestTemplate &out);
    void readBody(const Json &j, const QString &path, RequestTemplate &out);
    void readExpectedStatus(const Json &j, const QString &path, RequestTemplate &out);
    void readPlainHttpHosts(const Json &j, const QString &path, RequestTemplate &out);
    void readCondition(const Json &j, const QString &path, const char *valueKey, Condition &out);
    // Reads the JSON pointer at `key` ("pointer", or "progress" in a poll).
    void readPointer(const Json &j, const QString &path, QString &out, const char *key = "pointer",
                     bool required = true);
    void text(const QString &path, const QString &value);
    void checkEnvironmentReferences(const QString &path, const QString &value);

    JsonWalker &m_json;
    Texts &m_texts;
    QSet<QString> m_extracted;
    bool m_inRamp = false; // {{weight}} is defined inside a ramp's request
};

} // namespace warroom
