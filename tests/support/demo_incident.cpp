// Writes a mid-incident DRILL into a timeline database, backdated so that it is 40 minutes old
// now: two steps running in parallel (one over its plan), two done, a note. For screenshots and
// for looking at the live screen without waiting 40 minutes:
//   build/tests/support/demo_incident /tmp/demo.sqlite && build/app/warroom --db /tmp/demo.sqlite
// With --finished every step is finished (checks with measured values, one item skipped), for
// the completion summary; --closed closes it too. The people in the room: roles assigned in step
// 2, a handover of command at step 3, a NO-GO then GO before the rollback job, an item of step 2
// deferred to step 8; --polling stops with the rollback job's second poll under way; --step8 stops
// with steps 1 to 7 done and step 8 to do, the deferred item back there ("↩ FROM STEP 2").
#include "checklist/ChecklistParser.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>
#include <functional>
#include <tuple>

namespace {

using Ok = std::function<void(const warroom::CommandResult &)>;
using At = std::function<void(double)>;

void passCheck(warroom::IncidentSession &s, const Ok &ok, const QString &step, const QString &item,
               const QString &value, const QString &threshold)
{
    const QString run = QStringLiteral("demo-") + item;
    ok(s.startRun(step, item, {{QStringLiteral("run"), run}}));
    ok(s.recordRun(QLatin1StringView("check.sampled"), step, item,
                   {{QStringLiteral("run"), run},
                    {QStringLiteral("value_text"), value},
                    {QStringLiteral("threshold"), threshold},
                    {QStringLiteral("passed"), true}}));
    ok(s.recordRun(
        QLatin1StringView("check.finished"), step, item,
        {{QStringLiteral("run"), run}, {QStringLiteral("outcome"), QStringLiteral("passed")}}));
}

// Each (person, role, go, concern) answers in turn, as that person.
void poll(warroom::IncidentSession &s, const Ok &ok, const char *step, const char *item,
          const QList<std::tuple<const char *, const char *, bool, const char *>> &answers)
{
    for (const auto &[person, role, go, concern] : answers) {
        s.setActor(QString::fromUtf8(person));
        ok(s.answerPoll(QString::fromLatin1(step), QString::fromLatin1(item),
                        QString::fromLatin1(role), go, QString::fromUtf8(concern)));
    }
}

void assignRoles(warroom::IncidentSession &s, const Ok &ok)
{
    ok(s.assignRole(QStringLiteral("database"), QStringLiteral("Lena Vogt"),
                    QStringLiteral("Tom Berg")));
    ok(s.assignRole(QStringLiteral("app-owner"), QStringLiteral("Ada Mensah")));
    ok(s.assignRole(QStringLiteral("comms"), QStringLiteral("Sam Okafor")));
    ok(s.assignRole(QStringLiteral("sre"), QStringLiteral("Jon Park")));
    ok(s.assignRole(QStringLiteral("scribe"), QStringLiteral("Priya Raman")));
}

void finish(warroom::IncidentSession &s, const At &at, const Ok &ok, bool audit)
{
    const auto confirm = [&](const char *step, const char *item) {
        ok(s.confirmItem(QString::fromLatin1(step), QString::fromLatin1(item)));
    };
    s.setActor(QStringLiteral("Sam Okafor"));
    at(19);
    confirm("notify", "status-page");
    s.setActor(QStringLiteral("Lena Vogt"));
    at(20);
    confirm("execute", "telemetry");
    at(21);
    passCheck(s, ok, QStringLiteral("execute"), QStringLiteral("finished"), QStringLiteral("100"),
              QStringLiteral(">= 100"));
    s.setActor(QStringLiteral("Ada Mensah"));
    at(23);
    passCheck(s, ok, QStringLiteral("validate"), QStringLiteral("version"),
              QStringLiteral("v1.2.0"), QStringLiteral("== v1.2.0"));
    at(25);
    confirm("validate", "integrity");
    confirm("validate", "invariants");
    at(26);
    passCheck(s, ok, QStringLiteral("validate"), QStringLiteral("thresholds"),
              QStringLiteral("182"), QStringLiteral("< 300"));
    s.setActor(QStringLiteral("Lena Vogt"));
    at(27.5);
    poll(s, ok, "reenable", "unfreeze",
         {{"Lena Vogt", "database", true, ""},
          {"Ada Mensah", "app-owner", true, ""},
          {"Jon Park", "sre", true, ""},
          {"Sam Okafor", "comms", true, ""}});
    s.setActor(QStringLiteral("Lena Vogt"));
    at(28);
    ok(s.confirmItem(QStringLiteral("reenable"), QStringLiteral("unfreeze"), {},
                     QStringLiteral("unfrozen from the DB console")));
    at(29);
    ok(s.skipItem(QStringLiteral("reenable"), QStringLiteral("ramp"),
                  QStringLiteral("traffic came back through the load balancer's own ramp")));
    at(33);
    confirm("reenable", "dashboards");
    confirm("reenable", "marker-complete");
    s.setActor(QStringLiteral("Sam Okafor"));
    at(34);
    confirm("communicate", "status-resolved");
    ok(s.confirmItem(QStringLiteral("communicate"), QStringLiteral("internal"), {},
                     QStringLiteral("sent by hand")));
    confirm("communicate", "customers");
    s.setActor(QStringLiteral("Priya Raman"));
    if (!audit)
        return;
    at(37);
    for (const char *item : {"timeline", "evidence", "duration", "follow-ups", "checklist-update"})
        confirm("audit", item);
}

} // namespace

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
    assignRoles(*s, ok);
    ok(s->confirmItem(QStringLiteral("notify"), QStringLiteral("roles")));
    at(8.5);
    ok(s->deferItem(QStringLiteral("notify"), QStringLiteral("stakeholders"),
                    QStringLiteral("audit"),
                    QStringLiteral("compliance lead unreachable until the shift change")));
    // Step 3 still under way: Priya hands command to Marco, face to face.
    at(8.7);
    s->setActor(QStringLiteral("Marco Diaz"));
    ok(s->handOver(
        QStringLiteral("Marco Diaz"), QStringLiteral("Marco Diaz"),
        {{QStringLiteral("situation"), QStringLiteral("Step 3: writes frozen, write rate still falling")},
         {QStringLiteral("objectives"), QStringLiteral("Roll checkout-api back to v1.2.0")},
         {QStringLiteral("next_actions"), QStringLiteral("Poll, then start the rollback job")},
         {QStringLiteral("concerns"), QStringLiteral("EU canary error rate")}}));
    s->setActor(QStringLiteral("Lena Vogt"));
    at(9);
    ok(s->confirmItem(QStringLiteral("freeze"), QStringLiteral("write-rate"), {},
                      QStringLiteral("read off the DB dashboard")));
    at(10);
    ok(s->confirmItem(QStringLiteral("execute"), QStringLiteral("marker-start")));
    at(10.3);
    poll(*s, ok, "execute", "run",
         {{"Lena Vogt", "database", true, ""},
          {"Ada Mensah", "app-owner", false, "EU canary still at 4% errors; wait for the next "
                                             "sample"}});
    s->setActor(QStringLiteral("Marco Diaz"));
    at(10.7);
    ok(s->startPoll(QStringLiteral("execute"), QStringLiteral("run")));
    poll(*s, ok, "execute", "run",
         {{"Lena Vogt", "database", true, ""}, {"Ada Mensah", "app-owner", true, ""}});
    const QString mode = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    if (mode == QLatin1String("--polling")) { // the poll under way: Comms still to answer
        std::printf("incident %lld written to %s\n", static_cast<long long>(s->incident().id),
                    argv[1]);
        return 0;
    }
    poll(*s, ok, "execute", "run", {{"Sam Okafor", "comms", true, ""}});
    s->setActor(QStringLiteral("Lena Vogt"));
    at(11);
    ok(s->confirmItem(QStringLiteral("execute"), QStringLiteral("run"), {},
                      QStringLiteral("started from the deploy pipeline")));
    at(18);
    ok(s->addNote(QStringLiteral("rollout at 60%, two pods stuck in CrashLoopBackOff")));
    if (mode == QLatin1String("--finished") || mode == QLatin1String("--closed")
        || mode == QLatin1String("--step8"))
        finish(*s, at, ok, mode != QLatin1String("--step8"));
    if (mode == QLatin1String("--closed")) {
        at(38);
        ok(s->close());
    }
    std::printf("incident %lld written to %s\n", static_cast<long long>(s->incident().id), argv[1]);
    return 0;
}
