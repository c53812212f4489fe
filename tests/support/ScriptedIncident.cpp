#include "support/ScriptedIncident.h"

#include "report/PostmortemExporter.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

namespace warroom::test {

qint64 scriptedIncident(TimelineStore &store)
{
    qint64 now = t0;
    const Clock clock = [&now] {
        return now;
    };
    const Checklist checklist = shippedChecklist();
    IncidentDeclaration d = declarationWithDefaults(
        checklist, s("Checkout 5xx after v1.3.0 deploy"), s("Priya Raman"), IncidentMode::Drill);
    d.uuid = s("00000000-0000-4000-8000-000000000001");
    d.variables[s("service")] = s("checkout-api");
    QString error;
    auto session = IncidentSession::declare(store, checklist, d, clock, &error);
    if (!session)
        qFatal("%s", qPrintable(error));
    auto ok = [](const CommandResult &r) {
        if (!r.ok())
            qFatal("%s", qPrintable(r.message));
    };
    ok(session->addNote(s("Impact: EU card payments | 12% of checkouts in Zürich")));
    ok(session->addNote(s("private: pager fatigue on the DB team"), true));
    const ChecklistEngine &e = session->engine();
    while (e.currentStep() >= 0) {
        const int si = e.currentStep();
        const ChecklistStep &step = e.checklist().steps.at(si);
        const ChecklistItem &item = step.items.at(e.currentItem(si));
        now += minute;
        if (step.id == QLatin1String("communicate") && item.id == QLatin1String("customers")) {
            ok(session->skipItem(step.id, item.id, s("drill: no customers to tell")));
            continue;
        }
        if (step.id == QLatin1String("validate") && item.id == QLatin1String("integrity"))
            ok(session->addNote(s("Checksums match, \"orders\" table ok")));
        ok(passPoll(*session, step.id, item.id)); // the checklist polls before steps 4 and 6
        ok(session->confirmItem(step.id, item.id,
                                item.kind == ItemKind::Choice ? item.options.first().value
                                                              : QString(),
                                item.isAutomated() ? s("checked on the dashboard") : QString()));
    }
    now += minute;
    ok(session->close());
    return session->incident().id;
}

PostmortemReport scriptedReport(const TimelineStore &store, qint64 id, const ExportOptions &options)
{
    QString error;
    const auto snap = IncidentSnapshot::load(store, id, &error);
    if (!snap)
        qFatal("%s", qPrintable(error));
    ExportOptions o = options;
    o.generatedUtcMs = t0 + 60 * minute;
    return PostmortemReport::build(snap->incident, snap->checklist, snap->events, o);
}

} // namespace warroom::test
