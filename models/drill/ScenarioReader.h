#pragma once

// Internal to the core: it includes nlohmann, so no public header may include it.

#include "drill/Scenario.h"
#include "util/JsonWalker.h"

namespace warroom {

// Walks a scenario document into a Scenario and reports every structural problem with its JSON
// path. What needs the checklist (do the steps and items exist?) is ScenarioChecks' part.
class ScenarioReader : public JsonWalker
{
public:
    using JsonWalker::JsonWalker;

    void read(const Json &root, Scenario &out);

private:
    void readBackend(const Json &root, Scenario &out);
    void readFaults(const Json &j, const QString &path, QJsonObject &out);
    void readPlayers(const Json &root, DrillPlayers &out);
    void readAct(const Json &j, const QString &path, DrillAct &out);
    void readInject(const Json &j, const QString &path, DrillInject &out);
    void readExpectation(const Json &j, const QString &path, DrillExpectation &out);
    void readCapability(const Json &j, const QString &path, DrillCapability &out);
    bool readMoment(const Json &j, const QString &path, DrillMoment &out);
    // readString for text that is one line wherever it is shown: a name that signs events, a
    // title, an inject's message, a reason. A control character (CR, LF, ESC, NUL...) in one
    // would forge lines in the drill's log and the timeline, or drive the terminal it is shown on.
    bool readLine(const Json &obj, const char *key, const QString &path, QString &out,
                  bool required);
    // readLine for a name that signs events or vouches for someone: an invisible character (a
    // zero-width space, a bidirectional control) in it would make one person read as another.
    bool readName(const Json &obj, const char *key, const QString &path, QString &out,
                  bool required);
    // "T+0:12:00" or "0:00:30" (or minutes) as drill milliseconds; false with the error noted.
    bool readTime(const Json &obj, const char *key, const QString &path, qint64 &out,
                  bool required);
};

} // namespace warroom
