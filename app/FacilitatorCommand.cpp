#include "FacilitatorCommand.h"

#include "CommandLine.h"
#include "NoteCommand.h"

#include "sim/DrillBackend.h"
#include "ui/actions/FacilitationActions.h"
#include "ui/main/MainWindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTextStream>

#include <cmath>
#include <memory>

namespace warroom {

namespace {

// The bundled drill backend of the drill run from the window, one at a time: a new drill
// replaces it. Lives as long as the console (a child of it).
class BundledBackend : public QObject
{
public:
    using QObject::QObject;

    bool start(const Scenario &s, double speed, QString *url, QByteArray *token, QString *error)
    {
        DrillScenario play;
        play.jobSeconds = std::max(1, int(std::lround(play.jobSeconds / speed)));
        if (!s.initialFaults.isEmpty()
            && !DrillBackend::readScenario(QJsonDocument(s.initialFaults).toJson(), &play, error))
            return false;
        *token = qgetenv("WARROOM_SIM_TOKEN");
        if (token->isEmpty()) {
            // A token for this process only: the checklist reads it from the environment.
            *token = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
            qputenv("WARROOM_SIM_TOKEN", *token);
        }
        m_backend = std::make_unique<DrillBackend>(play);
        m_backend->setRequiredToken(*token);
        m_backend->setDrillSpeed(speed);
        if (m_backend->listen(0) == 0) {
            *error = QStringLiteral("the drill backend could not listen on 127.0.0.1");
            return false;
        }
        *url = QStringLiteral("http://127.0.0.1:%1").arg(m_backend->port());
        return true;
    }

private:
    std::unique_ptr<DrillBackend> m_backend;
};

QString scenarioFolder()
{
    // The shipped library: from a checkout (the working folder, or build/app/ inside it).
    const QStringList candidates
        = {QDir::currentPath() + QStringLiteral("/checklists/scenarios"),
           QCoreApplication::applicationDirPath() + QStringLiteral("/../../checklists/scenarios")};
    for (const QString &candidate : candidates) {
        if (QDir(candidate).exists())
            return QDir(candidate).absolutePath();
    }
    return QDir::currentPath();
}

} // namespace

bool installFacilitation(MainWindow &window, const CommandLine &cl)
{
    auto *backend = new BundledBackend(&window);
    auto *actions = new FacilitationActions(
        window, [backend](const Scenario &s, double speed, QString *url, QByteArray *token,
                          QString *error) { return backend->start(s, speed, url, token, error); });
    actions->setScenarioFolder(scenarioFolder());
    actions->setOfferedCommander(cl.actor);
    if (!cl.facilitator)
        return true;
    actions->showFacilitator();
    if (cl.scenario.isEmpty())
        return true;
    QString error;
    // A person commands a drill the room plays: the one named, else whoever started the window.
    const QString commander = cl.actor.isEmpty() ? loginName() : cl.actor;
    if (const QString bad = FacilitationSession::commanderProblem(commander); !bad.isEmpty()) {
        QTextStream(stderr) << "warroom: the drill from " << cl.scenario << " cannot start: " << bad
                            << " Give it with --actor NAME.\n";
        return false;
    }
    if (!actions->startDrill(cl.scenario, commander, &error)) {
        QTextStream(stderr) << "warroom: the drill could not start from " << cl.scenario << ":\n"
                            << error << "\n";
        return false;
    }
    return true;
}

} // namespace warroom
