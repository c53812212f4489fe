#include "HistoryScript.h"

#include "session/IncidentSession.h"
#include "support/DeclaredIncident.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

namespace warroom::test {

namespace {

void ok(const CommandResult &r)
{
    if (!r.ok())
        qFatal("%s", qPrintable(r.message));
}

// A check run that passes, stamped with the drill's time scale as the runner stamps its runs.
void passCheckRun(IncidentSession &session, const QString &step, const QString &item, double speed)
{
    const QString run = s("hist-") + item;
    ok(session.startRun(step, item, {{s("run"), run}, {s("time_scale"), 1.0 / speed}}));
    ok(session.recordRun(QLatin1StringView("check.sampled"), step, item,
                         {{s("run"), run},
                          {s("value_text"), s("0")},
                          {s("threshold"), s("== 0")},
                          {s("passed"), true}}));
    ok(session.recordRun(QLatin1StringView("check.finished"), step, item,
                         {{s("run"), run}, {s("outcome"), s("passed")}}));
}

} // namespace

qint64 writeScriptedRun(TimelineStore &store, const ScriptedRun &run)
{
    qint64 now = run.declaredUtcMs;
    const Clock clock = [&now] {
        return now;
    };
    const Checklist checklist = shippedChecklist();
    IncidentDeclaration d
        = declarationWithDefaults(checklist, s("Scripted rollback"), run.commander, run.mode);
    d.extraPayload = run.declarationPayload;
    QString error;
    auto session = IncidentSession::declare(store, checklist, d, clock, &error);
    if (!session)
        qFatal("%s", qPrintable(error));
    session->setActor(run.executor);
    bool stamped = false;
    const ChecklistEngine &e = session->engine();
    while (e.currentStep() >= 0) {
        const ChecklistStep &step = e.checklist().steps.at(e.currentStep());
        if (step.id == run.stopBefore)
            break;
        const qint64 stepMs = qRound64(run.stepMinutes.value(step.id, 2.0) * minute);
        now += minute; // a minute between one step's end and the next one's start
        const qint64 start = now;
        for (qsizetype i = 0; i < step.items.size(); ++i) {
            const ChecklistItem &item = step.items.at(i);
            now = start + (step.items.size() > 1 ? stepMs * i / (step.items.size() - 1) : 0);
            if (item.kind == ItemKind::Check && run.speed > 1.0 && !stamped) {
                passCheckRun(*session, step.id, item.id, run.speed);
                stamped = true;
                continue;
            }
            ok(passPoll(*session, step.id, item.id));
            ok(session->confirmItem(
                step.id, item.id,
                item.kind == ItemKind::Choice ? item.options.first().value : QString(),
                item.isAutomated() ? s("checked on the dashboard") : QString()));
        }
    }
    if (run.close) {
        now += minute;
        ok(session->close());
    }
    return session->incident().id;
}

} // namespace warroom::test
