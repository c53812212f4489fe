#include "drill/ScenarioParser.h"

#include "checklist/ChecklistParser.h"
#include "drill/ScenarioChecks.h"
#include "drill/ScenarioReader.h"
#include "util/Diagnostic.h"
#include "util/InputFile.h"
#include "util/JsonReader.h"

#include <QDir>
#include <QFileInfo>

namespace warroom {

namespace {

// The checklist a scenario names: "builtin", or a path from the scenario's folder.
QString resolveChecklist(const QString &named, const QString &scenarioFile)
{
    if (named == QLatin1String("builtin"))
        return ScenarioParser::builtinChecklist();
    if (QFileInfo(named).isAbsolute() || scenarioFile.isEmpty())
        return named;
    return QFileInfo(scenarioFile).dir().filePath(named);
}

// `scenarioFile` names the scenario whose $.checklist led here ("" for --checklist): the
// checklist's own messages name only the checklist's file, and a bad path in a scenario read as
// if the command line had named it.
void loadChecklist(ScenarioParseResult &result, const QString &path,
                   const QString &scenarioFile = {})
{
    ChecklistParseResult parsed = ChecklistParser::parseFile(path);
    result.diagnostics += parsed.diagnostics;
    result.checklist = std::move(parsed.checklist);
    if (!result.checklist && !scenarioFile.isEmpty())
        result.diagnostics.append(
            {scenarioFile, 0, 0, QStringLiteral("$.checklist"),
             QStringLiteral("the checklist it names (%1) cannot be used: see above")
                 .arg(printableText(path, 400))});
}

} // namespace

ScenarioParseResult ScenarioParser::parse(const QByteArray &data, const QString &fileName)
{
    ScenarioParseResult result;
    const auto root = JsonReader::parseFile(data, fileName, result.diagnostics);
    if (!root)
        return result;
    Scenario scenario;
    scenario.file = fileName;
    ScenarioReader reader(fileName);
    reader.read(*root, scenario);
    result.diagnostics = reader.diagnostics();
    if (!result.diagnostics.isEmpty())
        return result;
    scenario.checklistPath = resolveChecklist(scenario.checklistPath, fileName);
    loadChecklist(result, scenario.checklistPath, fileName);
    if (!result.checklist)
        return result;
    result.diagnostics = ScenarioChecks::check(scenario, *result.checklist);
    if (result.diagnostics.isEmpty())
        result.scenario = std::move(scenario);
    else
        result.checklist.reset();
    return result;
}

ScenarioParseResult ScenarioParser::parseFile(const QString &path)
{
    QString error;
    const auto data = InputFile::read(path, maxFileBytes, &error);
    if (!data) {
        ScenarioParseResult result;
        result.diagnostics.append({path, 0, 0, {}, error});
        return result;
    }
    return parse(*data, path);
}

ScenarioParseResult ScenarioParser::fromChecklist(const QString &checklistPath,
                                                  const QMap<QString, QString> &variables)
{
    ScenarioParseResult result;
    Scenario scenario;
    scenario.checklistPath = resolveChecklist(checklistPath, {});
    scenario.variables = variables;
    loadChecklist(result, scenario.checklistPath);
    if (!result.checklist)
        return result;
    scenario.id = result.checklist->id;
    result.diagnostics = ScenarioChecks::check(scenario, *result.checklist);
    // A command-line drill of a checklist without the drill backend's URL variables simply
    // sets none: the checklist may drive something else entirely.
    result.diagnostics.removeIf([](const Diagnostic &d) {
        return d.path.startsWith(QLatin1String("$.backend.url_variables"));
    });
    for (Diagnostic &d : result.diagnostics) {
        if (d.path.startsWith(QLatin1String("$.variables.")))
            d = {QStringLiteral("--var"), 0, 0, {}, d.message};
    }
    if (result.diagnostics.isEmpty())
        result.scenario = std::move(scenario);
    else
        result.checklist.reset();
    return result;
}

bool ScenarioParser::looksLikeScenario(const QByteArray &data)
{
    Diagnostics ignored;
    const auto root = JsonReader::parse(data, {}, ignored);
    return root && root->is_object() && root->contains("scenario");
}

} // namespace warroom
