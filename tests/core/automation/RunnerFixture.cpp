#include "RunnerFixture.h"

#include "checklist/ChecklistParser.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QDeadlineTimer>
#include <QTest>
#include <QUuid>

#include <algorithm>

namespace warroom::test {

const AutomationStatus &runOf(const IncidentSession &session, const QString &step, const QString &item)
{
    return session.engine().itemStatus(step, item)->automation;
}

ItemState stateOf(const IncidentSession &session, const QString &step, const QString &item)
{
    return session.engine().itemStatus(step, item)->state;
}

int countKind(const TimelineEvents &events, QLatin1StringView kind)
{
    return static_cast<int>(std::count_if(events.cbegin(), events.cend(),
                                          [&](const TimelineEvent &e) { return e.kind == kind; }));
}

bool RunnerFixture::setUp(QString *error)
{
    m_secret = "s3cr3t-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    qputenv(secretVar, m_secret);
    qputenv("WARROOM_SIM_TOKEN", m_secret);
    m_store = std::make_unique<TimelineStore>();
    m_dbPath = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + s(".db"));
    return m_store->open(m_dbPath, error);
}

std::unique_ptr<IncidentSession> RunnerFixture::declare(const Checklist &checklist,
                                                           const QMap<QString, QString> &variables)
{
    IncidentDeclaration d;
    d.title = s("Rollback drill");
    d.commander = s("Priya");
    d.mode = IncidentMode::Drill;
    for (const ChecklistVariable &v : checklist.variables)
        d.variables.insert(v.name, variables.value(v.name, v.defaultValue));
    QString error;
    auto session = IncidentSession::declare(*m_store, checklist, d, systemClock(), &error);
    if (!session)
        qWarning("%s", qPrintable(error));
    return session;
}

bool RunnerFixture::rigUp(Rig &rig, double timeScale)
{
    rig.sim.setRequiredToken(m_secret);
    const quint16 port = rig.sim.listen();
    if (!port)
        return false;
    rig.url = s("http://127.0.0.1:%1").arg(port);
    rig.session
        = declare(shippedChecklist(), {{s("backend"), rig.url}, {s("prometheus"), rig.url}});
    if (!rig.session)
        return false;
    rig.runner = std::make_unique<AutomationRunner>(*rig.session, rig.http);
    rig.runner->setTimeScale(timeScale);
    return true;
}

bool RunnerFixture::walkToEnd(IncidentSession &session, AutomationRunner &runner, QString *failure)
{
    const ChecklistEngine &e = session.engine();
    for (int guard = 0; guard < 100 && e.currentStep() >= 0; ++guard) {
        const int si = e.currentStep();
        const ChecklistStep &step = session.checklist().steps.at(si);
        const ChecklistItem &item = step.items.at(e.currentItem(si));
        if (const CommandResult poll = passPoll(session, step.id, item.id); !poll.ok()) {
            *failure = item.id + s(": ") + poll.message;
            return false;
        }
        if (!item.isAutomated()) {
            const CommandResult r = session.confirmItem(
                step.id, item.id,
                item.kind == ItemKind::Choice ? item.options.first().value : QString());
            if (!r.ok()) {
                *failure = r.message;
                return false;
            }
            continue;
        }
        const CommandResult r = runner.start(step.id, item.id, {}, s("Sam"));
        if (!r.ok()) {
            *failure = item.id + s(": ") + r.message;
            return false;
        }
        QDeadlineTimer deadline(20'000);
        while (stateOf(session, step.id, item.id) == ItemState::Open && !deadline.hasExpired()
               && runOf(session, step.id, item.id).phase == AutomationStatus::Phase::Running)
            QTest::qWait(20);
        if (stateOf(session, step.id, item.id) != ItemState::Confirmed) {
            const AutomationStatus &run = runOf(session, step.id, item.id);
            *failure = QStringLiteral("%1/%2 did not complete: %3 %4 (last result: %5)")
                           .arg(step.id, item.id, AutomationStatus::phaseName(run.phase), run.reason,
                                run.lastResult);
            return false;
        }
    }
    return true;
}

std::unique_ptr<IncidentSession> RunnerFixture::runItem(const QByteArray &item,
                                                           const QString &base,
                                                           const QString &kind)
{
    const QByteArray json = R"({"format": 2, "id": "one", "title": "One item", "revision": "1",
        "variables": [{"name": "base", "prompt": "Server"}],
        "steps": [{"id": "s", "title": "Step", "expected_minutes": 1, "items": [)"
                            + item + "]}]}";
    const ChecklistParseResult parsed = ChecklistParser::parse(json, s("one.json"));
    if (!parsed.ok()) {
        qWarning("%s", qPrintable(formatDiagnostics(parsed.diagnostics)));
        return nullptr;
    }
    auto session = declare(*parsed.checklist, {{s("base"), base}});
    if (!session)
        return nullptr;
    HttpEngine http;
    AutomationRunner runner(*session, http);
    runner.setTimeScale(0.01);
    const QString itemId = parsed.checklist->steps.first().items.first().id;
    const CommandResult r = runner.start(s("s"), itemId);
    if (!r.ok()) {
        qWarning("%s", qPrintable(r.message));
        return nullptr;
    }
    // Until the run ends, with the event that ends it stored.
    QDeadlineTimer deadline(10'000);
    while (runner.isActive(s("s"), itemId) && !deadline.hasExpired())
        QTest::qWait(10);
    const TimelineEvents &events = session->events();
    if (runner.isActive(s("s"), itemId)
        || std::none_of(events.cbegin(), events.cend(),
                        [&kind](const TimelineEvent &e) { return e.kind == kind; })) {
        qWarning("the run did not end with %s", qPrintable(kind));
        return nullptr;
    }
    return session;
}

} // namespace warroom::test
