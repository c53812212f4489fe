#include "SimCommand.h"

#include "CommandLine.h"
#include "Console.h"

#include "sim/DrillBackend.h"
#include "util/Diagnostic.h"
#include "util/InputFile.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace warroom {

int runSim(const CommandLine &cl)
{
    DrillBackend::Scenario scenario;
    if (!cl.scenario.isEmpty()) {
        // A FIFO or /dev/zero named here hung the backend before it listened: InputFile reads
        // regular files only, and never more than a scenario could need.
        QString error;
        const auto data = InputFile::read(cl.scenario, 1 << 20, &error);
        if (!data) {
            err() << "warroom sim: " << Diagnostic{cl.scenario, 0, 0, {}, error}.toString() << "\n";
            return 1;
        }
        // A drill's scenario (checklists/scenarios/) names the faults its bundled backend starts
        // with under backend.faults: sim starts with those. It refused every scenario of the
        // library, "unknown scenario key '$schema'", and said nothing of the two formats.
        const QJsonDocument doc = QJsonDocument::fromJson(*data);
        const bool drill = doc.isObject() && doc.object().contains(QLatin1String("scenario"));
        QByteArray faults = *data;
        if (drill) {
            const QJsonValue backend = doc.object().value(QLatin1String("backend"));
            const QJsonValue f = backend.toObject().value(QLatin1String("faults"));
            if ((!backend.isUndefined() && !backend.isObject())
                || (!f.isUndefined() && !f.isObject()))
                error = QStringLiteral("backend.faults: expected an object");
            faults = QJsonDocument(f.toObject()).toJson();
        }
        if (error.isEmpty() && !DrillBackend::readScenario(faults, &scenario, &error) && drill)
            error = QStringLiteral("backend.faults: ") + error;
        if (!error.isEmpty()) {
            err() << "warroom sim: " << Diagnostic{cl.scenario, 0, 0, {}, error}.toString() << "\n";
            return 1;
        }
        if (drill)
            out() << "A drill's scenario: its backend starts with the faults under backend.faults; "
                     "those its injects send later come from the drill's runner, not from here.\n";
    }
    // Local, so it and its sockets are gone before the application object they rely on.
    DrillBackend backend(scenario);
    const QByteArray token = qgetenv("WARROOM_SIM_TOKEN");
    backend.setRequiredToken(token);
    if (backend.listen(cl.port) == 0) {
        err() << "warroom sim: cannot listen on 127.0.0.1:" << cl.port << " (in use?)\n";
        return 1;
    }
    out() << "warroom drill backend on http://127.0.0.1:" << backend.port() << " ("
          << scenario.service << ", deployed " << scenario.badVersion << ", known good "
          << scenario.goodVersion << ")"
          << (token.isEmpty() ? "" : "; side effects need the bearer token in WARROOM_SIM_TOKEN")
          << "; Ctrl+C stops it\n";
    // Without a token it takes any request, but the shipped checklist sends
    // ${env:WARROOM_SIM_TOKEN} and refuses to send while it is unset: a drill started by hand
    // beside this found every action refused, "the environment variable ... is not set".
    if (token.isEmpty())
        out() << "No WARROOM_SIM_TOKEN is set, so any token is taken. The shipped checklist sends "
                 "one: start warroom with WARROOM_SIM_TOKEN set to any value (scripts/dev run "
                 "makes one up for both).\n";
    out().flush();
    return QCoreApplication::exec();
}

} // namespace warroom
