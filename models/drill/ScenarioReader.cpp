#include "drill/ScenarioReader.h"

#include "util/OneLine.h"
#include "util/PersonName.h"
#include "util/TimeFormat.h"

namespace warroom {

namespace {

// The drill backend's POST /api/faults keys (models/sim/DrillBackend::readScenario), by type. The
// core does not include sim/, so they are named here; tst_scenario checks the two lists agree
// by sending every key to a running backend.
enum class FaultType { Text, Flag, Share, Count };
struct FaultKey
{
    const char *name;
    FaultType type;
    long long max;
};
constexpr FaultKey faultKeys[] = {
    {"service", FaultType::Text, 0},
    {"bad_version", FaultType::Text, 0},
    {"good_version", FaultType::Text, 0},
    {"job_seconds", FaultType::Count, 3600},
    {"job_fails", FaultType::Flag, 0},
    {"error_responses", FaultType::Share, 1},
    {"flapping_error_rate", FaultType::Flag, 0},
    {"fail_next", FaultType::Count, 1'000'000},
    {"latency_ms", FaultType::Count, 600'000},
    {"stall_next", FaultType::Count, 1'000'000},
};

QJsonValue toQJson(const Json &j)
{
    if (j.is_boolean())
        return j.get<bool>();
    if (j.is_number())
        return j.get<double>();
    return QString::fromStdString(j.get<std::string>());
}

// Empty when the value suits the fault; else what was expected, in words.
QString faultValueProblem(const FaultKey &key, const Json &value)
{
    long long n = 0;
    switch (key.type) {
    case FaultType::Text:
        if (!value.is_string())
            return QStringLiteral("expected a string, found ") + jsonTypeName(value);
        // The backend answers with it and prints it: one line, as it refuses otherwise.
        if (const auto bad
            = OneLine::firstControl(QString::fromStdString(value.get<std::string>())))
            return QStringLiteral("control character %1 at character %2: write it on one line of "
                                  "plain text")
                .arg(OneLine::codePoint(bad->code))
                .arg(bad->at);
        return {};
    case FaultType::Flag:
        if (value.is_boolean())
            return {};
        return QStringLiteral("expected true or false, found ") + jsonTypeName(value);
    case FaultType::Share:
        if (value.is_number() && value.get<double>() >= 0 && value.get<double>() <= 1)
            return {};
        return QStringLiteral("expected a share from 0 to 1");
    case FaultType::Count:
        if (integerInRange(value, 0, key.max, n))
            return {};
        return QStringLiteral("expected an integer from 0 to %1").arg(key.max);
    }
    return {};
}

} // namespace

bool ScenarioReader::readLine(const Json &obj, const char *key, const QString &path, QString &out,
                              bool required)
{
    QString text;
    if (!readString(obj, key, path, text, required))
        return false;
    if (const auto bad = OneLine::firstControl(text)) {
        error(path + u'.' + QString::fromLatin1(key),
              QStringLiteral("control character %1 at character %2: write it on one line "
                             "of plain text")
                  .arg(OneLine::codePoint(bad->code))
                  .arg(bad->at));
        return false; // `out` keeps its default, so no second, confusing error follows
    }
    out = text;
    return true;
}

bool ScenarioReader::readName(const Json &obj, const char *key, const QString &path, QString &out,
                              bool required)
{
    QString name;
    if (!readLine(obj, key, path, name, required))
        return false;
    if (const QString bad = PersonName::problem(name); !bad.isEmpty()) {
        error(path + u'.' + QString::fromLatin1(key),
              QStringLiteral("the name %1: write it plainly").arg(bad));
        return false;
    }
    out = name;
    return true;
}

void ScenarioReader::read(const Json &root, Scenario &out)
{
    const QString p = QStringLiteral("$");
    if (!expectObject(root, p))
        return;
    checkKeys(root, p,
              {"$schema", "scenario", "id", "title", "description", "objectives", "checklist",
               "variables", "commander", "backend", "drill_speed", "deadline", "players", "injects",
               "expect", "capabilities"});
    int format = 0;
    if (readInt(root, "scenario", p, format, true, 1, 1000) && format != Scenario::currentFormat)
        error(p + QStringLiteral(".scenario"),
              QStringLiteral("scenario format %1 is not known to this warroom (it reads %2)")
                  .arg(format)
                  .arg(Scenario::currentFormat));
    readId(root, "id", p, out.id);
    if (readLine(root, "title", p, out.title, false)) {
        // The title becomes the drill incident's, which is one line of plain text (OneLine, as
        // IncidentSession::declare checks it): refused here, with the file, not at the drill.
        if (const auto bad = OneLine::firstBreaker(out.title)) {
            error(QStringLiteral("$.title"),
                  QStringLiteral("control character %1 at character %2: the title becomes the "
                                 "incident's, one line of plain text")
                      .arg(OneLine::codePoint(bad->code))
                      .arg(bad->at));
            out.title.clear();
        }
    }
    readString(root, "description", p, out.description, false, true);
    if (const Json *objectives = readArray(root, "objectives", p, false)) {
        for (size_t i = 0; i < objectives->size(); ++i) {
            const Json &o = objectives->at(i);
            const QString at = QStringLiteral("$.objectives[%1]").arg(i);
            if (!o.is_string() || o.get<std::string>().empty())
                error(at, QStringLiteral("expected a learning objective in words"));
            else
                out.objectives.append(QString::fromStdString(o.get<std::string>()));
        }
    }
    readString(root, "checklist", p, out.checklistPath, true);
    readName(root, "commander", p, out.commander, false);
    if (const Json *vars = member(root, "variables", p, false)) {
        if (expectObject(*vars, p + QStringLiteral(".variables"))) {
            for (const auto &[key, value] : vars->items()) {
                QString v;
                if (readString(*vars, key.c_str(), p + QStringLiteral(".variables"), v, true, true))
                    out.variables.insert(QString::fromStdString(key), v);
            }
        }
    }
    readBackend(root, out);
    readNumber(root, "drill_speed", p, out.drillSpeed, false, 1, 100);
    // T+0:00:00 passed, and the drill timed out as it started.
    if (readTime(root, "deadline", p, out.deadlineMs, false) && out.deadlineMs <= 0)
        error(p + QStringLiteral(".deadline"),
              QStringLiteral("T+0:00:00 ends the drill as it starts: give a time after it"));
    readPlayers(root, out.players);
    if (const Json *injects = readArray(root, "injects", p, false)) {
        for (size_t i = 0; i < injects->size(); ++i) {
            DrillInject inject;
            readInject(injects->at(i), QStringLiteral("$.injects[%1]").arg(i), inject);
            out.injects.append(inject);
        }
    }
    if (const Json *expect = readArray(root, "expect", p, false)) {
        for (size_t i = 0; i < expect->size(); ++i) {
            DrillExpectation e;
            readExpectation(expect->at(i), QStringLiteral("$.expect[%1]").arg(i), e);
            out.expectations.append(e);
        }
    }
    if (const Json *caps = readArray(root, "capabilities", p, false)) {
        for (size_t i = 0; i < caps->size(); ++i) {
            DrillCapability c;
            readCapability(caps->at(i), QStringLiteral("$.capabilities[%1]").arg(i), c);
            out.capabilities.append(c);
        }
    }
}

void ScenarioReader::readBackend(const Json &root, Scenario &out)
{
    const Json *b = member(root, "backend", QStringLiteral("$"), false);
    const QString p = QStringLiteral("$.backend");
    if (!b || !expectObject(*b, p))
        return;
    checkKeys(*b, p, {"kind", "url_variables", "faults", "faults_url"});
    QString kind;
    if (readString(*b, "kind", p, kind, true)) {
        if (kind == QLatin1String("external"))
            out.bundledBackend = false;
        else if (kind != QLatin1String("bundled"))
            error(p + QStringLiteral(".kind"),
                  quoted(kind) + QStringLiteral(" is not a backend kind (bundled, external)"));
    }
    if (const Json *vars = readArray(*b, "url_variables", p, false)) {
        out.urlVariables.clear();
        for (size_t i = 0; i < vars->size(); ++i) {
            if (vars->at(i).is_string())
                out.urlVariables << QString::fromStdString(vars->at(i).get<std::string>());
            else
                error(p + QStringLiteral(".url_variables[%1]").arg(i),
                      QStringLiteral("expected a string, found ") + jsonTypeName(vars->at(i)));
        }
    }
    if (const Json *faults = member(*b, "faults", p, false))
        readFaults(*faults, p + QStringLiteral(".faults"), out.initialFaults);
    readString(*b, "faults_url", p, out.faultsUrl, false);
    if (out.bundledBackend && !out.faultsUrl.isEmpty())
        error(p + QStringLiteral(".faults_url"),
              QStringLiteral("only an external backend takes a faults_url (the bundled one is "
                             "started by the drill)"));
}

void ScenarioReader::readFaults(const Json &j, const QString &path, QJsonObject &out)
{
    if (!expectObject(j, path))
        return;
    for (const auto &[key, value] : j.items()) {
        const FaultKey *known = nullptr;
        for (const FaultKey &k : faultKeys)
            known = key == k.name ? &k : known;
        const QString p = memberPath(path, key);
        if (!known) {
            QStringList names;
            for (const FaultKey &k : faultKeys)
                names << QString::fromLatin1(k.name);
            error(p, QStringLiteral("unknown fault ") + quoted(QString::fromStdString(key))
                         + QStringLiteral(" (the drill backend's faults: ")
                         + names.join(QStringLiteral(", ")) + u')');
            continue;
        }
        const QString problem = faultValueProblem(*known, value);
        if (!problem.isEmpty()) {
            error(p, problem);
            continue;
        }
        out.insert(QString::fromStdString(key), toQJson(value));
    }
}

bool ScenarioReader::readTime(const Json &obj, const char *key, const QString &path, qint64 &out,
                              bool required)
{
    QString text;
    if (!readString(obj, key, path, text, required))
        return false;
    const std::optional<qint64> ms = parseElapsed(text);
    if (!ms) {
        error(path + u'.' + QString::fromLatin1(key),
              quoted(text)
                  + QStringLiteral(" is not a drill time: write T+H:MM:SS, H:MM:SS, "
                                   "MM:SS or minutes"));
        return false;
    }
    out = *ms;
    return true;
}

} // namespace warroom
