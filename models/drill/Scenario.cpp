#include "drill/Scenario.h"

#include "checklist/Checklist.h"
#include "util/TimeFormat.h"

namespace warroom {

namespace {

// "0:00:30" for a span of drill time.
QString span(qint64 ms)
{
    return formatElapsed(ms).mid(2);
}

} // namespace

QString DrillInject::recipient(const Checklist &checklist) const
{
    if (!fault.isEmpty())
        return QStringLiteral("the backend");
    return toRole.isEmpty() ? QStringLiteral("the room") : checklist.roleTitle(toRole);
}

QString DrillMoment::describe() const
{
    if (event == Event::None)
        return formatElapsed(atMs);
    QString what;
    switch (event) {
    case Event::StepStarted:
        what = QStringLiteral("step %1 started").arg(target);
        break;
    case Event::StepDone:
        what = QStringLiteral("step %1 done").arg(target);
        break;
    case Event::RunStarted:
        what = QStringLiteral("%1 started running").arg(target);
        break;
    case Event::ItemDone:
        what = QStringLiteral("%1 done").arg(target);
        break;
    case Event::Inject:
        what = QStringLiteral("inject %1").arg(target);
        break;
    case Event::None:
        break;
    }
    return afterMs > 0 ? QStringLiteral("%1 after %2").arg(span(afterMs), what) : what;
}

QString DrillAct::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Item:
        return QStringLiteral("item");
    case Kind::Choice:
        return QStringLiteral("choice");
    case Kind::TwoPerson:
        return QStringLiteral("two-person");
    case Kind::Poll:
        return QStringLiteral("poll");
    }
    return {};
}

const DrillAct *DrillPlayers::find(DrillAct::Kind kind, const QString &target) const
{
    for (const DrillAct &act : acts) {
        if (act.kind == kind && act.target == target)
            return &act;
    }
    return nullptr;
}

QString DrillExpectation::describe() const
{
    switch (kind) {
    case Kind::StepDoneBy:
        return QStringLiteral("step %1 done by %2").arg(target, formatElapsed(byMs));
    case Kind::RunOutcome:
        if (withinMs >= 0)
            return QStringLiteral("%1 %2 within %3 of inject %4")
                .arg(target, outcome, span(withinMs), ofInject);
        return QStringLiteral("%1 %2").arg(target, outcome);
    case Kind::DrillOutcome:
        return QStringLiteral("the drill %1").arg(outcome);
    }
    return {};
}

const DrillInject *Scenario::inject(const QString &injectId) const
{
    for (const DrillInject &i : injects) {
        if (i.id == injectId)
            return &i;
    }
    return nullptr;
}

const DrillCapability *Scenario::capability(const QString &capabilityId) const
{
    for (const DrillCapability &c : capabilities) {
        if (c.id == capabilityId)
            return &c;
    }
    return nullptr;
}

QList<DrillCapability> Scenario::capabilitiesOf(const QString &stepId) const
{
    QList<DrillCapability> out;
    for (const DrillCapability &c : capabilities) {
        if (c.steps.contains(stepId))
            out.append(c);
    }
    return out;
}

} // namespace warroom
