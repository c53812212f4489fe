// Writes a mid-incident DRILL into a timeline database, backdated so that it is 40 minutes old
// now: two steps running in parallel (one over its plan), two done, a note. For screenshots and
// for looking at the live screen without waiting 40 minutes:
//   build/tests/support/demo_incident /tmp/demo.sqlite && build/app/warroom --db /tmp/demo.sqlite
#include "checklist/ChecklistParser.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: demo_incident DB\n");
        return 2;
    }
    warroom::TimelineStore store;
    QString error;
    if (!store.open(QString::fromLocal8Bit(argv[1]), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const auto parsed = warroom::ChecklistParser::parseFile(
        QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json"));
    if (!parsed.ok())
        return 1;
    const qint64 minute = 60'000;
    qint64 now = QDateTime::currentMSecsSinceEpoch() - 40 * minute;
    const warroom::Clock clock = [&now] {
        return now;
    };

    warroom::IncidentDeclaration d;
    d.title = QStringLiteral("Checkout 5xx after v1.3.0 deploy");
    d.commander = QStringLiteral("Priya Raman");
    d.mode = warroom::IncidentMode::Drill;
    for (const auto &v : parsed.checklist->variables)
        d.variables.insert(v.name, v.defaultValue);
    d.variables[QStringLiteral("service")] = QStringLiteral("checkout-api");
    auto s = warroom::IncidentSession::declare(store, *parsed.checklist, d, clock, &error);
    if (!s) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const qint64 t0 = now;
    auto at = [&](double minutes) {
        now = t0 + static_cast<qint64>(minutes * minute);
    };
    auto ok = [](const warroom::CommandResult &r) {
        if (!r.ok())
            qFatal("%s", qPrintable(r.message));
    };
    const QString scope = QStringLiteral("scope");
    at(1);
    ok(s->confirmItem(scope, QStringLiteral("impact")));
    at(1.5);
    ok(s->addNote(QStringLiteral("EU card payments failing, ~12% of checkouts")));
    at(2);
    ok(s->confirmItem(scope, QStringLiteral("trigger")));
    at(3);
    ok(s->confirmItem(scope, QStringLiteral("authority")));
    at(3.5);
    ok(s->confirmItem(scope, QStringLiteral("class"), QStringLiteral("deploy")));
    at(4);
    ok(s->confirmItem(scope, QStringLiteral("db-implications")));
    // Notify and freeze run side by side.
    s->setActor(QStringLiteral("Sam Okafor"));
    at(5);
    ok(s->confirmItem(QStringLiteral("notify"), QStringLiteral("channel"), {},
                      QStringLiteral("posted by hand in the channel")));
    s->setActor(QStringLiteral("Lena Vogt"));
    at(5.5);
    ok(s->confirmItem(QStringLiteral("freeze"), QStringLiteral("capture")));
    at(7);
    ok(s->confirmItem(QStringLiteral("freeze"), QStringLiteral("freeze-writes"), {},
                      QStringLiteral("frozen from the DB console")));
    s->setActor(QStringLiteral("Sam Okafor"));
    at(8);
    ok(s->confirmItem(QStringLiteral("notify"), QStringLiteral("roles")));
    s->setActor(QStringLiteral("Lena Vogt"));
    at(9);
    ok(s->confirmItem(QStringLiteral("freeze"), QStringLiteral("write-rate"), {},
                      QStringLiteral("read off the DB dashboard")));
    at(10);
    ok(s->confirmItem(QStringLiteral("execute"), QStringLiteral("marker-start")));
    at(11);
    ok(s->confirmItem(QStringLiteral("execute"), QStringLiteral("run"), {},
                      QStringLiteral("started from the deploy pipeline")));
    at(18);
    ok(s->addNote(QStringLiteral("rollout at 60%, two pods stuck in CrashLoopBackOff")));
    std::printf("incident %lld written to %s\n", static_cast<long long>(s->incident().id), argv[1]);
    return 0;
}
