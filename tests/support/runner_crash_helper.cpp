// Declares an incident with tests/data/checklists/good/one-action.json, starts its action against
// the server given on the command line, prints "sent" once the request is on record, and waits.
// The test kills it with SIGKILL while the request is in flight.
#include "automation/AutomationRunner.h"
#include "checklist/ChecklistParser.h"
#include "http/HttpEngine.h"
#include "store/TimelineStore.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 4)
        return 2;
    using namespace warroom;
    TimelineStore store;
    QString error;
    if (!store.open(QString::fromLocal8Bit(argv[1]), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QFile file(QString::fromLocal8Bit(argv[2]));
    if (!file.open(QIODevice::ReadOnly))
        return 1;
    const ChecklistParseResult parsed = ChecklistParser::parse(file.readAll(), file.fileName());
    if (!parsed.ok())
        return 1;
    IncidentDeclaration d;
    d.title = QStringLiteral("Killed with a request in flight");
    d.commander = QStringLiteral("ic");
    d.mode = IncidentMode::Drill;
    d.variables = {{QStringLiteral("base"), QString::fromLocal8Bit(argv[3])},
                   {QStringLiteral("path"), QStringLiteral("/stall")}};
    auto session = IncidentSession::declare(store, *parsed.checklist, d, systemClock(), &error);
    if (!session)
        return 1;
    HttpEngine http;
    AutomationRunner runner(*session, http);
    const CommandResult r = runner.start(QStringLiteral("send"), QStringLiteral("post"));
    if (!r.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(r.message));
        return 1;
    }
    std::printf("sent %lld\n", static_cast<long long>(session->incident().id));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
