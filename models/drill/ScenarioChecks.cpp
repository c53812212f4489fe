#include "drill/ScenarioChecks.h"

#include "drill/DrillRunner.h"
#include "session/IncidentSession.h"

#include <QSet>

#include <algorithm>

namespace warroom {

namespace {

class Checker
{
public:
    Checker(const Scenario &s, const Checklist &c)
        : m_s(s)
        , m_c(c)
    {}

    void error(const QString &path, const QString &message)
    {
        m_out.append({m_s.file, 0, 0, path, message});
    }

    // The item "step/item" names, or nullptr with the error noted.
    const ChecklistItem *item(const QString &target, const QString &path)
    {
        const ChecklistStep *step = m_c.step(target.section(u'/', 0, 0));
        const int index = step ? step->itemIndex(target.section(u'/', 1)) : -1;
        if (!target.contains(u'/') || index < 0) {
            error(path, QStringLiteral("'%1' is not an item of checklist %2: write step/item, "
                                       "e.g. execute/run")
                            .arg(printableText(target), m_c.id));
            return nullptr;
        }
        return &step->items.at(index);
    }

    // The drill's declaration as `warroom drill` makes it (the title, or "Drill: " and the
    // checklist's; the values over the checklist's defaults), refused here with the file: a
    // title of 301 characters or a value on two lines passed `validate` and stopped the drill.
    void declaration()
    {
        if (m_s.file.isEmpty()) // --checklist and --var: `warroom drill` says it in its words
            return;
        const IncidentDeclaration d
            = DrillRunner::declarationFor(m_s, m_c, QStringLiteral("http://127.0.0.1:1"));
        if (const QString bad = IncidentSession::declarationProblem(m_c, d); !bad.isEmpty())
            error(QStringLiteral("$"), QStringLiteral("the drill cannot be declared: ") + bad);
    }

    void step(const QString &id, const QString &path)
    {
        if (!m_c.step(id))
            error(path,
                  QStringLiteral("checklist %1 has no step '%2'").arg(m_c.id, printableText(id)));
    }

    void variables();
    void acts();
    void act(const DrillAct &a, const QString &path);
    void injects();
    void moment(const DrillMoment &m, const QString &path);
    void injectCycle(const DrillInject &inject, const QString &path);
    void expectations();
    void capabilities();

    Diagnostics m_out;

private:
    const Scenario &m_s;
    const Checklist &m_c;
};

void Checker::variables()
{
    QStringList names;
    for (const ChecklistVariable &v : m_c.variables)
        names << v.name;
    for (auto it = m_s.variables.cbegin(); it != m_s.variables.cend(); ++it) {
        if (!names.contains(it.key()))
            error(QStringLiteral("$.variables.%1").arg(printableText(it.key())),
                  QStringLiteral("checklist %1 declares no variable '%2' (it has: %3)")
                      .arg(m_c.id, printableText(it.key()), names.join(QStringLiteral(", "))));
    }
    for (qsizetype i = 0; i < m_s.urlVariables.size(); ++i) {
        if (!names.contains(m_s.urlVariables.at(i)))
            error(QStringLiteral("$.backend.url_variables[%1]").arg(i),
                  QStringLiteral("checklist %1 declares no variable '%2'")
                      .arg(m_c.id, printableText(m_s.urlVariables.at(i))));
    }
}

void Checker::act(const DrillAct &a, const QString &path)
{
    if (a.kind == DrillAct::Kind::Poll)
        return; // polls are asked by the incident, not declared by the checklist
    const ChecklistItem *def = item(a.target, path + QStringLiteral(".target"));
    if (!def)
        return;
    const bool choice = def->kind == ItemKind::Choice;
    if (a.kind == DrillAct::Kind::TwoPerson) {
        if (def->kind != ItemKind::Action || !def->action.irreversible)
            error(path, QStringLiteral("%1 is not an irreversible action: it has no two-person "
                                       "check")
                            .arg(a.target));
    } else if (a.kind == DrillAct::Kind::Choice && !choice) {
        error(
            path,
            QStringLiteral("%1 is not a choice (it is %2)").arg(a.target, itemKindName(def->kind)));
    } else if (choice && !a.skip && !def->option(a.value)) {
        QStringList values;
        for (const ChoiceOption &o : def->options)
            values << o.value;
        error(path + QStringLiteral(".value"),
              QStringLiteral("'%1' is not an option of %2 (%3)")
                  .arg(printableText(a.value), a.target, values.join(QStringLiteral(", "))));
    } else if (!choice && !a.value.isEmpty()) {
        error(path + QStringLiteral(".value"),
              QStringLiteral("%1 is not a choice: it takes no value").arg(a.target));
    }
}

void Checker::acts()
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < m_s.players.acts.size(); ++i) {
        const DrillAct &a = m_s.players.acts.at(i);
        const QString path = QStringLiteral("$.players.acts[%1]").arg(i);
        const QString key = DrillAct::kindName(a.kind) + u' ' + a.target;
        if (seen.contains(key))
            error(path, QStringLiteral("%1 is answered twice").arg(key));
        seen.insert(key);
        act(a, path);
    }
}

void Checker::moment(const DrillMoment &m, const QString &path)
{
    switch (m.event) {
    case DrillMoment::Event::StepStarted:
    case DrillMoment::Event::StepDone:
        step(m.target, path + QStringLiteral(".on"));
        break;
    case DrillMoment::Event::RunStarted:
    case DrillMoment::Event::ItemDone:
        item(m.target, path + QStringLiteral(".on"));
        break;
    case DrillMoment::Event::Inject:
        if (!m_s.inject(m.target))
            error(path + QStringLiteral(".on"),
                  QStringLiteral("no inject has the id '%1'").arg(printableText(m.target)));
        break;
    case DrillMoment::Event::None:
        break;
    }
}

void Checker::injects()
{
    QSet<QString> ids;
    for (qsizetype i = 0; i < m_s.injects.size(); ++i) {
        const DrillInject &inject = m_s.injects.at(i);
        const QString path = QStringLiteral("$.injects[%1]").arg(i);
        if (ids.contains(inject.id))
            error(path + QStringLiteral(".id"),
                  QStringLiteral("another inject has the id '%1'").arg(inject.id));
        ids.insert(inject.id);
        moment(inject.when, path);
        if (!inject.toRole.isEmpty()
            && std::none_of(m_c.roles.cbegin(), m_c.roles.cend(),
                            [&](const ChecklistRole &r) { return r.id == inject.toRole; }))
            error(path + QStringLiteral(".to"), QStringLiteral("checklist %1 has no role '%2'")
                                                    .arg(m_c.id, printableText(inject.toRole)));
        if (!inject.fault.isEmpty() && !m_s.bundledBackend && m_s.faultsUrl.isEmpty())
            error(path + QStringLiteral(".fault"),
                  QStringLiteral("an external backend takes faults only with "
                                 "$.backend.faults_url"));
        injectCycle(inject, path);
    }
}

// An inject on another inject that waits, through others, for the first: none of them would fire
// on its own (only a facilitator's hand could), and the drill passed without a word about them.
void Checker::injectCycle(const DrillInject &inject, const QString &path)
{
    QStringList chain{inject.id};
    const DrillInject *at = &inject;
    while (at && at->when.event == DrillMoment::Event::Inject) {
        chain << at->when.target;
        if (at->when.target == inject.id) {
            error(
                path + QStringLiteral(".on"),
                QStringLiteral("inject '%1' waits for itself (%2): it would never fire on its own")
                    .arg(printableText(inject.id),
                         printableText(chain.join(QStringLiteral(" after ")))));
            return;
        }
        if (chain.size() > m_s.injects.size() + 1)
            return; // a loop that does not pass through this inject: its own members say it
        at = m_s.inject(at->when.target);
    }
}

void Checker::expectations()
{
    QSet<QString> ids;
    for (qsizetype i = 0; i < m_s.expectations.size(); ++i) {
        const DrillExpectation &e = m_s.expectations.at(i);
        const QString path = QStringLiteral("$.expect[%1]").arg(i);
        if (ids.contains(e.id))
            error(path + QStringLiteral(".id"),
                  QStringLiteral("another expectation has the id '%1'").arg(e.id));
        ids.insert(e.id);
        if (e.kind == DrillExpectation::Kind::StepDoneBy)
            step(e.target, path + QStringLiteral(".step"));
        if (e.kind != DrillExpectation::Kind::RunOutcome)
            continue;
        if (const ChecklistItem *def = item(e.target, path + QStringLiteral(".item"));
            def && !def->isAutomated())
            error(
                path + QStringLiteral(".item"),
                QStringLiteral("%1 is not an action, check or ramp: it has no run").arg(e.target));
        // Only a ramp halts; only an action's outcome is unknown (it went out, no answer came).
        const bool halted = e.outcome == QLatin1String("halted");
        if ((halted || e.outcome == QLatin1String("unknown"))
            && m_c.step(e.target.section(u'/', 0, 0))) {
            const ChecklistItem *def = item(e.target, path + QStringLiteral(".item"));
            if (def && def->kind != (halted ? ItemKind::Ramp : ItemKind::Action))
                error(path + QStringLiteral(".outcome"),
                      (halted ? QStringLiteral("only a ramp halts; %1 is %2")
                              : QStringLiteral("only an action's outcome is unknown; %1 is %2"))
                          .arg(e.target, itemKindName(def->kind)));
        }
        if (!e.ofInject.isEmpty() && !m_s.inject(e.ofInject))
            error(path + QStringLiteral(".of_inject"),
                  QStringLiteral("no inject has the id '%1'").arg(printableText(e.ofInject)));
    }
}

// A rating names a step or a capability by its id, so the two must not share one.
void Checker::capabilities()
{
    QSet<QString> ids;
    for (qsizetype i = 0; i < m_s.capabilities.size(); ++i) {
        const DrillCapability &c = m_s.capabilities.at(i);
        const QString path = QStringLiteral("$.capabilities[%1]").arg(i);
        if (ids.contains(c.id))
            error(path + QStringLiteral(".id"),
                  QStringLiteral("another capability has the id '%1'").arg(c.id));
        else if (m_c.step(c.id))
            error(path + QStringLiteral(".id"),
                  QStringLiteral("'%1' is a step of checklist %2: a capability needs an id of "
                                 "its own (a rating names one or the other)")
                      .arg(c.id, m_c.id));
        ids.insert(c.id);
        for (qsizetype k = 0; k < c.steps.size(); ++k) {
            const QString at = path + QStringLiteral(".steps[%1]").arg(k);
            step(c.steps.at(k), at);
            if (c.steps.indexOf(c.steps.at(k)) < k)
                error(at, QStringLiteral("step '%1' is named twice").arg(printableText(c.steps.at(k))));
        }
    }
}

} // namespace

Diagnostics ScenarioChecks::check(const Scenario &scenario, const Checklist &checklist)
{
    Checker c(scenario, checklist);
    c.variables();
    c.acts();
    c.injects();
    c.expectations();
    c.capabilities();
    c.declaration();
    return c.m_out;
}

} // namespace warroom
