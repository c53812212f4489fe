// The scenario, its injects and the drill clock as the facilitation record keeps them: every
// field the board, the scoring and the debrief read, so they need neither the scenario file nor
// the checklist file after the drill (both may have moved or changed since).
#include "facilitation/FacilitationRecord.h"

#include <QJsonArray>

namespace warroom {

namespace {

QJsonObject momentJson(const DrillMoment &m)
{
    return {{QStringLiteral("at_ms"), m.atMs},
            {QStringLiteral("event"), int(m.event)},
            {QStringLiteral("target"), m.target},
            {QStringLiteral("after_ms"), m.afterMs}};
}

DrillMoment momentFromJson(const QJsonObject &o)
{
    DrillMoment m;
    m.atMs = o.value(QStringLiteral("at_ms")).toInteger(-1);
    const int event = o.value(QStringLiteral("event")).toInt();
    m.event = event >= 0 && event <= int(DrillMoment::Event::Inject) ? DrillMoment::Event(event)
                                                                      : DrillMoment::Event::None;
    m.target = o.value(QStringLiteral("target")).toString();
    m.afterMs = o.value(QStringLiteral("after_ms")).toInteger();
    return m;
}

QJsonObject expectationJson(const DrillExpectation &e)
{
    return {{QStringLiteral("id"), e.id},
            {QStringLiteral("kind"), int(e.kind)},
            {QStringLiteral("target"), e.target},
            {QStringLiteral("by_ms"), e.byMs},
            {QStringLiteral("outcome"), e.outcome},
            {QStringLiteral("within_ms"), e.withinMs},
            {QStringLiteral("of_inject"), e.ofInject}};
}

DrillExpectation expectationFromJson(const QJsonObject &o)
{
    DrillExpectation e;
    e.id = o.value(QStringLiteral("id")).toString();
    const int kind = o.value(QStringLiteral("kind")).toInt();
    e.kind = kind >= 0 && kind <= int(DrillExpectation::Kind::DrillOutcome)
                 ? DrillExpectation::Kind(kind)
                 : DrillExpectation::Kind::StepDoneBy;
    e.target = o.value(QStringLiteral("target")).toString();
    e.byMs = o.value(QStringLiteral("by_ms")).toInteger(-1);
    e.outcome = o.value(QStringLiteral("outcome")).toString();
    e.withinMs = o.value(QStringLiteral("within_ms")).toInteger(-1);
    e.ofInject = o.value(QStringLiteral("of_inject")).toString();
    return e;
}

} // namespace

QJsonObject FacilitationRecord::injectJson(const DrillInject &inject)
{
    return {{QStringLiteral("id"), inject.id},
            {QStringLiteral("when"), momentJson(inject.when)},
            {QStringLiteral("fault"), inject.fault},
            {QStringLiteral("message"), inject.message},
            {QStringLiteral("to"), inject.toRole}};
}

DrillInject FacilitationRecord::injectFromJson(const QJsonObject &o)
{
    DrillInject i;
    i.id = o.value(QStringLiteral("id")).toString();
    i.when = momentFromJson(o.value(QStringLiteral("when")).toObject());
    i.fault = o.value(QStringLiteral("fault")).toObject();
    i.message = o.value(QStringLiteral("message")).toString();
    i.toRole = o.value(QStringLiteral("to")).toString();
    return i;
}

QJsonObject FacilitationRecord::scenarioJson(const Scenario &s)
{
    QJsonArray injects;
    for (const DrillInject &i : s.injects)
        injects.append(injectJson(i));
    QJsonArray expectations;
    for (const DrillExpectation &e : s.expectations)
        expectations.append(expectationJson(e));
    QJsonArray capabilities;
    for (const DrillCapability &c : s.capabilities)
        capabilities.append(QJsonObject{{QStringLiteral("id"), c.id},
                                        {QStringLiteral("name"), c.name},
                                        {QStringLiteral("steps"),
                                         QJsonArray::fromStringList(c.steps)}});
    return {{QStringLiteral("capabilities"), capabilities},
            {QStringLiteral("file"), s.file},
            {QStringLiteral("id"), s.id},
            {QStringLiteral("title"), s.title},
            {QStringLiteral("description"), s.description},
            {QStringLiteral("objectives"), QJsonArray::fromStringList(s.objectives)},
            {QStringLiteral("deadline_ms"), s.deadlineMs},
            {QStringLiteral("injects"), injects},
            {QStringLiteral("expect"), expectations}};
}

Scenario FacilitationRecord::scenarioFromJson(const QJsonObject &o)
{
    Scenario s;
    s.file = o.value(QStringLiteral("file")).toString();
    s.id = o.value(QStringLiteral("id")).toString();
    s.title = o.value(QStringLiteral("title")).toString();
    s.description = o.value(QStringLiteral("description")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("objectives")).toArray())
        s.objectives.append(v.toString());
    s.deadlineMs = o.value(QStringLiteral("deadline_ms")).toInteger(-1);
    for (const QJsonValue &v : o.value(QStringLiteral("injects")).toArray())
        s.injects.append(injectFromJson(v.toObject()));
    for (const QJsonValue &v : o.value(QStringLiteral("expect")).toArray())
        s.expectations.append(expectationFromJson(v.toObject()));
    // A record from before capabilities has none: its ratings are all of steps.
    for (const QJsonValue &v : o.value(QStringLiteral("capabilities")).toArray()) {
        const QJsonObject c = v.toObject();
        DrillCapability cap{c.value(QStringLiteral("id")).toString(),
                            c.value(QStringLiteral("name")).toString(),
                            {}};
        for (const QJsonValue &step : c.value(QStringLiteral("steps")).toArray())
            cap.steps.append(step.toString());
        s.capabilities.append(cap);
    }
    return s;
}

QJsonObject FacilitationRecord::clockJson(const DrillClock &clock)
{
    QJsonArray pauses;
    for (const auto &p : clock.pauses())
        pauses.append(QJsonArray{p.first, p.second});
    return {{QStringLiteral("speed"), clock.speed()},
            {QStringLiteral("start_real_ms"), clock.startReal()},
            {QStringLiteral("pauses"), pauses},
            {QStringLiteral("paused_since"), clock.pausedSince()}};
}

DrillClock FacilitationRecord::clockFromJson(const QJsonObject &o)
{
    const double speed = o.value(QStringLiteral("speed")).toDouble(1.0);
    DrillClock clock(speed > 0 ? speed : 1.0);
    clock.start(o.value(QStringLiteral("start_real_ms")).toInteger());
    for (const QJsonValue &v : o.value(QStringLiteral("pauses")).toArray()) {
        const QJsonArray p = v.toArray();
        clock.pause(p.at(0).toInteger());
        clock.resume(p.at(1).toInteger());
    }
    const qint64 open = o.value(QStringLiteral("paused_since")).toInteger(-1);
    if (open >= 0)
        clock.pause(open);
    return clock;
}

} // namespace warroom
