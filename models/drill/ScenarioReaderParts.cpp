#include "drill/ScenarioReader.h"

#include "util/PersonName.h"

namespace warroom {

namespace {

struct Named
{
    const char *name;
    int value;
};

// The index of `text` among `names`, or -1.
int lookUp(const QString &text, std::initializer_list<Named> names)
{
    for (const Named &n : names) {
        if (text == QLatin1String(n.name))
            return n.value;
    }
    return -1;
}

QString nameList(std::initializer_list<Named> names)
{
    QStringList list;
    for (const Named &n : names)
        list << QString::fromLatin1(n.name);
    return list.join(QStringLiteral(", "));
}

} // namespace

void ScenarioReader::readPlayers(const Json &root, DrillPlayers &out)
{
    const Json *j = member(root, "players", QStringLiteral("$"), false);
    const QString p = QStringLiteral("$.players");
    if (!j || !expectObject(*j, p))
        return;
    checkKeys(*j, p, {"actor", "second_person", "after", "acts"});
    readName(*j, "actor", p, out.actor, false);
    readName(*j, "second_person", p, out.secondPerson, false);
    readTime(*j, "after", p, out.afterMs, false);
    if (PersonName::same(out.actor, out.secondPerson))
        error(p + QStringLiteral(".second_person"),
              QStringLiteral("the second person of a two-person check must be someone other "
                             "than the actor"));
    if (const Json *acts = readArray(*j, "acts", p, false)) {
        for (size_t i = 0; i < acts->size(); ++i) {
            DrillAct act;
            readAct(acts->at(i), p + QStringLiteral(".acts[%1]").arg(i), act);
            out.acts.append(act);
        }
    }
}

void ScenarioReader::readAct(const Json &j, const QString &p, DrillAct &out)
{
    if (!expectObject(j, p))
        return;
    checkKeys(j, p, {"answers", "target", "actor", "value", "skip", "reason", "after"});
    static const std::initializer_list<Named> kinds
        = {{"item", int(DrillAct::Kind::Item)},
           {"choice", int(DrillAct::Kind::Choice)},
           {"two-person", int(DrillAct::Kind::TwoPerson)},
           {"poll", int(DrillAct::Kind::Poll)}};
    QString kind;
    if (readString(j, "answers", p, kind, true)) {
        const int k = lookUp(kind, kinds);
        if (k < 0)
            error(p + QStringLiteral(".answers"),
                  quoted(kind) + QStringLiteral(" is not something the players answer (")
                      + nameList(kinds) + u')');
        else
            out.kind = DrillAct::Kind(k);
    }
    readString(j, "target", p, out.target, true);
    readName(j, "actor", p, out.actor, false);
    readLine(j, "value", p, out.value, false);
    readBool(j, "skip", p, out.skip);
    readLine(j, "reason", p, out.reason, false);
    readTime(j, "after", p, out.afterMs, false);
    if ((out.kind == DrillAct::Kind::Choice || out.kind == DrillAct::Kind::Poll) && !out.skip
        && out.value.isEmpty() && !j.contains("value"))
        error(
            p,
            QStringLiteral("a %1 is answered with a \"value\"").arg(DrillAct::kindName(out.kind)));
    if (out.skip && !j.contains("reason")) // a reason given but refused was named above
        error(p, QStringLiteral("a skip needs a \"reason\": it is recorded in the timeline"));
    if (out.kind == DrillAct::Kind::TwoPerson && out.actor.isEmpty())
        error(p, QStringLiteral("a two-person check names its second person in \"actor\""));
}

bool ScenarioReader::readMoment(const Json &j, const QString &p, DrillMoment &out)
{
    const bool hasAt = j.contains("at");
    const bool hasOn = j.contains("on");
    if (hasAt == hasOn) {
        error(p, QStringLiteral("give either \"at\" (a drill time such as T+0:12:00) or \"on\" "
                                "(an event such as step-started:reenable)"));
        return false;
    }
    readTime(j, "after", p, out.afterMs, false);
    if (hasAt)
        return readTime(j, "at", p, out.atMs, true);
    static const std::initializer_list<Named> events
        = {{"step-started", int(DrillMoment::Event::StepStarted)},
           {"step-done", int(DrillMoment::Event::StepDone)},
           {"run-started", int(DrillMoment::Event::RunStarted)},
           {"item-done", int(DrillMoment::Event::ItemDone)},
           {"inject", int(DrillMoment::Event::Inject)}};
    QString on;
    if (!readString(j, "on", p, on, true))
        return false;
    const int e = lookUp(on.section(u':', 0, 0), events);
    out.target = on.section(u':', 1);
    if (e < 0 || out.target.isEmpty()) {
        error(p + QStringLiteral(".on"),
              quoted(on) + QStringLiteral(" is not an event: write EVENT:TARGET with EVENT one of ")
                  + nameList(events));
        return false;
    }
    out.event = DrillMoment::Event(e);
    return true;
}

void ScenarioReader::readInject(const Json &j, const QString &p, DrillInject &out)
{
    if (!expectObject(j, p))
        return;
    checkKeys(j, p, {"id", "at", "on", "after", "fault", "message", "to"});
    readId(j, "id", p, out.id);
    readMoment(j, p, out.when);
    if (const Json *fault = member(j, "fault", p, false))
        readFaults(*fault, p + QStringLiteral(".fault"), out.fault);
    readLine(j, "message", p, out.message, false);
    readString(j, "to", p, out.toRole, false);
    if (j.contains("fault") == j.contains("message"))
        error(p, QStringLiteral("an inject is either a \"fault\" for the drill backend or a "
                                "\"message\" to the room"));
}

void ScenarioReader::readExpectation(const Json &j, const QString &p, DrillExpectation &out)
{
    if (!expectObject(j, p))
        return;
    checkKeys(j, p, {"id", "step", "done_by", "item", "outcome", "within", "of_inject", "drill"});
    readId(j, "id", p, out.id);
    const int kinds = int(j.contains("step")) + int(j.contains("item")) + int(j.contains("drill"));
    if (kinds != 1) {
        error(p, QStringLiteral("an expectation names one of \"step\" (with \"done_by\"), "
                                "\"item\" (with \"outcome\") or \"drill\" (its outcome)"));
        return;
    }
    if (j.contains("step")) {
        out.kind = DrillExpectation::Kind::StepDoneBy;
        readString(j, "step", p, out.target, true);
        readTime(j, "done_by", p, out.byMs, true);
    } else if (j.contains("item")) {
        out.kind = DrillExpectation::Kind::RunOutcome;
        readString(j, "item", p, out.target, true);
        if (readString(j, "outcome", p, out.outcome, true)
            && !QStringList{QStringLiteral("succeeded"), QStringLiteral("failed"),
                            QStringLiteral("halted"), QStringLiteral("unknown")}
                    .contains(out.outcome))
            error(p + QStringLiteral(".outcome"),
                  quoted(out.outcome)
                      + QStringLiteral(" is not a run's outcome (succeeded, "
                                       "failed, halted, unknown)"));
        readTime(j, "within", p, out.withinMs, false);
        readString(j, "of_inject", p, out.ofInject, out.withinMs >= 0);
    } else {
        out.kind = DrillExpectation::Kind::DrillOutcome;
        if (readString(j, "drill", p, out.outcome, true)
            && out.outcome != QLatin1String("completed") && out.outcome != QLatin1String("stopped"))
            error(p + QStringLiteral(".drill"),
                  quoted(out.outcome)
                      + QStringLiteral(" is not a drill's outcome (completed: "
                                       "every step finished; stopped: it ended "
                                       "early)"));
    }
}

void ScenarioReader::readCapability(const Json &j, const QString &p, DrillCapability &out)
{
    if (!expectObject(j, p))
        return;
    checkKeys(j, p, {"id", "name", "steps"});
    readId(j, "id", p, out.id);
    readLine(j, "name", p, out.name, true);
    const Json *steps = readArray(j, "steps", p, true);
    if (!steps)
        return;
    if (steps->empty())
        error(p + QStringLiteral(".steps"),
              QStringLiteral("name at least one step that exercises the capability"));
    for (size_t i = 0; i < steps->size(); ++i) {
        const Json &s = steps->at(i);
        if (!s.is_string() || s.get<std::string>().empty())
            error(p + QStringLiteral(".steps[%1]").arg(i),
                  QStringLiteral("expected a step id, found ") + jsonTypeName(s));
        else
            out.steps.append(QString::fromStdString(s.get<std::string>()));
    }
}

} // namespace warroom
