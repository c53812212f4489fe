#include "WallScript.h"

#include "support/PollHelper.h"
#include "support/TestStrings.h"
#include "timeline/EventVocabulary.h"
#include "timeline/Incident.h"
#include "timeline/ScreenClock.h"
#include "wall/WallStateBuilder.h"

#include <QJsonObject>

namespace warroom::test {

namespace {
const QString ic = QStringLiteral("ic");
constexpr qint64 minute = 60'000;
} // namespace

bool play(TestTimeline &t, const QStringList &script)
{
    ChecklistEngine &e = t.engine();
    for (const QString &line : script) {
        const QStringList w = line.split(u' ');
        const qint64 at = static_cast<qint64>(w.at(0).toDouble() * minute);
        const QString verb = w.at(1);
        const QString step = w.value(2);
        const QString item = w.value(3);
        const QString arg = w.mid(4).join(u' ');
        const QString runId = s("run-") + item;
        const QJsonObject run{{s("run"), runId}};
        // The shipped checklist polls before some items: the script's person passes it.
        if ((verb == QLatin1String("confirm") || verb == QLatin1String("override")
             || verb == QLatin1String("run"))
            && !test::passPoll(t, step, item, ic))
            return false;
        EnginePlan plan;
        if (verb == QLatin1String("confirm"))
            plan = e.planConfirmItem(step, item, ic, arg);
        else if (verb == QLatin1String("override"))
            plan = e.planConfirmItem(step, item, ic, {}, arg);
        else if (verb == QLatin1String("skip-item"))
            plan = e.planSkipItem(step, item, ic, arg);
        else if (verb == QLatin1String("start"))
            plan = e.planStartStep(step, ic, w.mid(3).join(u' '));
        else if (verb == QLatin1String("skip"))
            plan = e.planSkipStep(step, ic, w.mid(3).join(u' '));
        else if (verb == QLatin1String("fail"))
            plan = e.planFailStep(step, ic, w.mid(3).join(u' '));
        else if (verb == QLatin1String("close"))
            plan = e.planClose(ic, w.mid(2).join(u' '));
        else if (verb == QLatin1String("note") || verb == QLatin1String("private"))
            plan = e.planNote(ic, w.mid(2).join(u' '), verb == QLatin1String("private"));
        else if (verb == QLatin1String("drill-end")) { // the runner ended the drill
            plan = e.planNote(ScreenClock::facilitator, s("Drill timed out."), false);
            plan.drafts.first().payload.insert(PayloadKey::DrillClock,
                                               ScreenClock::fact(DrillClockChange::Ended, at));
        } else if (verb == QLatin1String("pause") || verb == QLatin1String("resume")
                   || verb == QLatin1String("drill-clock")) {
            // The runner's clock facts, as IncidentSession::recordDrillClock writes them.
            const bool pause = verb == QLatin1String("pause");
            plan = e.planNote(ScreenClock::facilitator,
                              (pause ? ScreenClock::pausedPrefix : ScreenClock::resumedPrefix)
                                  + QStringLiteral("T+00:%1:00 on the drill clock.").arg(w.at(0)),
                              false);
            const QJsonObject fact
                = verb == QLatin1String("drill-clock")
                      ? ScreenClock::fact(DrillClockChange::Started, at, w.value(2).toDouble())
                      : ScreenClock::fact(pause ? DrillClockChange::Paused
                                                : DrillClockChange::Resumed,
                                          at);
            plan.drafts.first().payload.insert(PayloadKey::DrillClock, fact);
        } else if (verb == QLatin1String("run"))
            plan = e.planStartRun(step, item, ic, run, s("drill"));
        else if (verb == QLatin1String("handover")) // command to NAME (one word), who accepts
            plan = e.planHandOver(step, step, {});
        else if (verb == QLatin1String("sample"))
            plan = e.planRunEvent(EventKind::CheckSampled, step, item, ic,
                                  {{s("run"), runId},
                                   {s("value_text"), w.value(4)},
                                   {s("threshold"), w.value(5)},
                                   {s("passed"), w.value(6) == QLatin1String("pass")},
                                   {s("label"), w.value(7)}});
        else if (verb == QLatin1String("held"))
            plan = e.planRunEvent(EventKind::RampStage, step, item, ic,
                                  {{s("run"), runId},
                                   {s("weight"), w.value(4).toDouble()},
                                   {s("state"), s("held")}});
        else if (verb == QLatin1String("weight")) // the service took the weight ARG
            plan = e.planRunEvent(EventKind::ActionResponded, step, item, ic,
                                  {{s("run"), runId},
                                   {s("status"), 200},
                                   {s("accepted"), true},
                                   {s("weight"), w.value(4).toDouble()}});
        else if (verb == QLatin1String("answer")) // a job's poll answered: STATE PERCENT
            plan = e.planRunEvent(EventKind::ActionResponded, step, item, ic,
                                  {{s("run"), runId},
                                   {s("status"), 200},
                                   {s("phase"), s("poll")},
                                   {s("value_text"), w.value(4)},
                                   {s("progress"), w.value(5).toDouble()}});
        else if (verb == QLatin1String("jobfailed")) // an action's run ends failed (ARG: reason)
            plan = e.planRunEvent(
                EventKind::ActionFinished, step, item, ic,
                {{s("run"), runId}, {s("outcome"), s("failed")}, {s("reason"), arg}});
        else if (verb == QLatin1String("succeeded")) // an action's run ends succeeded
            plan = e.planRunEvent(EventKind::ActionFinished, step, item, ic,
                                  {{s("run"), runId}, {s("outcome"), s("succeeded")}});
        else if (verb == QLatin1String("unknown")) // sent, and no answer came
            plan = e.planRunEvent(EventKind::ActionUnknown, step, item, ic,
                                  {{s("run"), runId}, {s("reason"), s("no whole answer")}});
        else if (verb == QLatin1String("halted")) // a ramp's guard halted it
            plan = e.planRunEvent(EventKind::RampFinished, step, item, ic,
                                  {{s("run"), runId},
                                   {s("outcome"), s("halted")},
                                   {s("reason"), s("p99 over its threshold")}});
        else if (verb == QLatin1String("passed"))
            plan = e.planRunEvent(EventKind::CheckFinished, step, item, ic,
                                  {{s("run"), runId}, {s("outcome"), s("passed")}});
        else if (verb == QLatin1String("failed")) // a check's run ends failed (ARG: reason)
            plan = e.planRunEvent(
                EventKind::CheckFinished, step, item, ic,
                {{s("run"), runId}, {s("outcome"), s("failed")}, {s("reason"), arg}});
        else
            qFatal("unknown verb in script: %s", qPrintable(line));
        if (!t.commit(plan, at))
            return false;
    }
    return true;
}

QStringList scopeDone()
{
    return {s("1 confirm scope impact"), s("2 confirm scope trigger"),
            s("2.5 confirm scope authority"), s("3 confirm scope class deploy"),
            s("4 confirm scope db-implications")};
}

QStringList allStepsFinished()
{
    QStringList all = scopeDone();
    for (const char *step :
         {"notify", "freeze", "execute", "validate", "reenable", "communicate", "audit"})
        all << QStringLiteral("10 skip %1 drill ends here").arg(QLatin1String(step));
    return all;
}

QStringList lastStepFailedThenClosed()
{
    QStringList script = allStepsFinished();
    script.removeLast();
    return script << QStringList{QStringLiteral("10 start audit"),
                                 QStringLiteral("10 fail audit log lost"),
                                 QStringLiteral("11 close log lost")};
}

WallState wallOf(TestTimeline &t, qint64 nowMs, const WallAnnouncements &a,
                 const QString &storageProblem)
{
    static const IncidentRecord record = [] {
        IncidentRecord r;
        r.title = s("Checkout 5xx after v1.3.0 deploy");
        r.commander = s("Priya Raman");
        r.mode = IncidentMode::Drill;
        return r;
    }();
    WallSource source;
    source.incident = &record;
    source.engine = &t.engine();
    source.events = &t.events();
    source.nowMs = nowMs;
    source.storageProblem = storageProblem;
    return WallStateBuilder::build(source, a);
}

} // namespace warroom::test
