#pragma once

// What the runner suites share (tst_automationrunner, tst_automationchecks,
// tst_automationanswers): a database per test, a secret in the environment, the drill backend
// rigged to an incident of the shipped checklist, and a walk that runs every item to its end.

#include "automation/AutomationRunner.h"
#include "http/HttpEngine.h"
#include "session/IncidentSession.h"
#include "sim/DrillBackend.h"
#include "store/TimelineStore.h"

#include <QLatin1StringView>
#include <QTemporaryDir>

#include <memory>

namespace warroom::test {

// The environment variable the test checklists read their secret from.
inline constexpr char secretVar[] = "WARROOM_TEST_SECRET";

// The item's run as the engine folded it.
const AutomationStatus &runOf(const IncidentSession &session, const QString &step,
                              const QString &item);
ItemState stateOf(const IncidentSession &session, const QString &step, const QString &item);
int countKind(const TimelineEvents &events, QLatin1StringView kind);

// The drill backend, an incident of the shipped checklist pointed at it, and a runner.
struct Rig
{
    explicit Rig(DrillScenario scenario = {})
        : sim(std::move(scenario))
    {}
    DrillBackend sim;
    QString url;
    std::unique_ptr<IncidentSession> session;
    HttpEngine http;
    std::unique_ptr<AutomationRunner> runner; // after the session: goes first
};

// A base for the suites' test classes (beside QObject): each suite's init() calls setUp().
class RunnerFixture
{
protected:
    // A fresh secret (in WARROOM_TEST_SECRET and WARROOM_SIM_TOKEN) and a fresh database.
    bool setUp(QString *error);
    std::unique_ptr<IncidentSession> declare(const Checklist &checklist,
                                             const QMap<QString, QString> &variables);
    bool walkToEnd(IncidentSession &session, AutomationRunner &runner, QString *failure);
    bool rigUp(Rig &rig, double timeScale);
    // One step with one item (its JSON), {{base}} pointing at `base`; run to its end.
    std::unique_ptr<IncidentSession> runItem(const QByteArray &item, const QString &base,
                                             const QString &kind);

    QTemporaryDir m_dir;
    std::unique_ptr<TimelineStore> m_store;
    QByteArray m_secret;
    QString m_dbPath;
};

} // namespace warroom::test
