#include "itemmodels/ChecklistModel.h"
#include "itemmodels/IncidentListModel.h"
#include "session/IncidentSession.h"
#include "support/DeclaredIncident.h"
#include "support/TestTimeline.h"
#include "itemmodels/TimelineModel.h"
#include "store/TimelineStore.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

namespace {
} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void checklistModelFollowsSession();
    void timelineModelAppendsRows();
    void incidentListModel();
    void modelsSurviveSessionSwap();
    void routineRunEvents_data();
    void routineRunEvents();
    void rowsQuotingAnExtractedValueAreReworded_data();
    void rowsQuotingAnExtractedValueAreReworded();
    void passedCheckKeepsItsValue();
    void actionKeepsItsAnswer();
    void fullTitlesInTooltips();
    void timelineWhoHasTooltip();
    void timelineShowsBidiControls();
    void checklistShowsBidiControls();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    TimelineStore m_store;
    std::unique_ptr<IncidentSession> declare(IncidentMode mode = IncidentMode::Drill);
};

void TestModels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    QVERIFY(m_store.open(m_dir->filePath(s("m.sqlite")), &error));
}

std::unique_ptr<IncidentSession> TestModels::declare(IncidentMode mode)
{
    IncidentDeclaration d;
    d.title = s("Checkout errors");
    d.commander = s("Alice");
    d.mode = mode;
    d.variables = {{s("service"), s("checkout")}};
    QString error;
    auto session
        = IncidentSession::declare(m_store, test::parallelChecklist(), d, systemClock(), &error);
    if (!session)
        qFatal("declare failed: %s", qPrintable(error));
    return session;
}

void TestModels::checklistModelFollowsSession()
{
    ChecklistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    auto session = declare();
    model.setSession(session.get());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rowCount(model.stepIndex(0)), 2);
    QCOMPARE(model.rowCount(model.itemIndex(0, 0)), 0);
    QCOMPARE(model.stepIndex(0).data().toString(), s("1. Start checkout")); // variables expanded
    QCOMPARE(model.stepIndex(3).data().toString(), s("4. Join for Checkout errors"));
    QCOMPARE(model.stepIndex(0).data(ChecklistModel::StateRole).toString(), s("ready"));
    QCOMPARE(model.stepIndex(0, ChecklistModel::StateColumn).data().toString(), s("\u25CB ready"));
    QVERIFY(model.stepIndex(0).data(ChecklistModel::IsCurrentRole).toBool());
    QVERIFY(model.itemIndex(0, 0).data(ChecklistModel::IsCurrentRole).toBool());
    QCOMPARE(model.itemIndex(0, 1).data(ChecklistModel::ItemKindRole).toString(), s("choice"));
    QCOMPARE(model.stepIndex(3).data(ChecklistModel::GuidanceRole).toString(), s("Mode DRILL"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(session->confirmItem(s("a"), s("a1")).ok());
    QVERIFY(changed.count() > 0);
    QCOMPARE(model.itemIndex(0, 0).data(ChecklistModel::StateRole).toString(), s("confirmed"));
    QCOMPARE(model.itemIndex(0, 0, ChecklistModel::WhoColumn).data().toString(), s("Alice"));
    QVERIFY(model.itemIndex(0, 1).data(ChecklistModel::IsCurrentRole).toBool());
    QVERIFY(!model.itemIndex(0, 0).data(ChecklistModel::IsCurrentRole).toBool());
    QVERIFY(session->confirmItem(s("a"), s("a2"), s("y")).ok());
    // The choice is the item's result, beside its title.
    QCOMPARE(model.itemIndex(0, 1).data().toString(), s("Pick"));
    QCOMPARE(model.itemIndex(0, 1, ChecklistModel::ResultColumn).data().toString(), s("Why"));
    QCOMPARE(model.itemIndex(0, 1).data(ChecklistModel::ResultRole).toString(), s("Why"));
    QCOMPARE(model.stepIndex(0).data(ChecklistModel::StateRole).toString(), s("done"));
    QVERIFY(model.stepIndex(1).data(ChecklistModel::IsCurrentRole).toBool());

    QVERIFY(session->confirmItem(s("d"), s("d1"), {}, s("override for test")).ok());
    QVERIFY(model.stepIndex(3).data(ChecklistModel::IsOverrideRole).toBool());
    QVERIFY(
        model.stepIndex(3, ChecklistModel::StateColumn).data().toString().contains(s("override")));
    QVERIFY(model.stepIndex(3).data(Qt::ToolTipRole).toString().contains(s("override for test")));
}

void TestModels::timelineModelAppendsRows()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto session = declare(IncidentMode::Live);
    model.setSession(session.get());
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.index(0, TimelineModel::EventColumn)
                .data()
                .toString()
                .startsWith(s("Incident declared (LIVE): Checkout errors; commander Alice")));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(session->confirmItem(s("a"), s("a1")).ok());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, TimelineModel::EventColumn).data().toString(),
             s("Step 1 \u201cStart checkout\u201d started"));
    QCOMPARE(model.index(2, TimelineModel::EventColumn).data().toString(),
             s("Confirmed \u201cFirst\u201d"));
    QCOMPARE(model.index(2, TimelineModel::StepColumn).data().toString(), s("1"));
    QCOMPARE(model.index(2, TimelineModel::SeqColumn).data().toLongLong(), 3);
    QVERIFY(
        model.index(2, TimelineModel::ElapsedColumn).data().toString().startsWith(s("T+00:00:")));
    QVERIFY(model.index(2, TimelineModel::UtcColumn).data().toString().endsWith(u'Z'));
    QVERIFY(session->skipItem(s("a"), s("a2"), s("not relevant")).ok());
    const QModelIndex skipped = model.index(3, TimelineModel::EventColumn);
    QCOMPARE(skipped.data().toString(), s("SKIPPED \u201cPick\u201d. Reason: not relevant"));
    QVERIFY(skipped.data(TimelineModel::IsOverrideRole).toBool());
    QVERIFY(session->addNote(s("hello")).ok());
    QCOMPARE(model.index(model.rowCount() - 1, TimelineModel::EventColumn).data().toString(),
             s("Note: hello"));
    QCOMPARE(model.rowCount(), session->events().size());
}

void TestModels::incidentListModel()
{
    IncidentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto first = declare(IncidentMode::Live);
    QVERIFY(first->close(s("done")).ok());
    auto second = declare(IncidentMode::Drill);
    model.reload(m_store);
    QCOMPARE(model.rowCount(), 2);
    // Newest first.
    QCOMPARE(model.index(0, IncidentListModel::ModeColumn).data().toString(), s("DRILL"));
    QCOMPARE(model.index(0, IncidentListModel::StatusColumn).data().toString(), s("open"));
    QCOMPARE(model.index(1, IncidentListModel::StatusColumn).data().toString(), s("closed"));
    QCOMPARE(model.index(1, 0).data(IncidentListModel::IncidentIdRole).toLongLong(),
             first->incident().id);
    QCOMPARE(model.index(0, IncidentListModel::CommanderColumn).data().toString(), s("Alice"));
    // A time the file does not hold as a number is not shown as the one it reads as (1970).
    // Each on its own: a good declared time is shown beside a damaged last activity.
    IncidentSummary damaged;
    damaged.declaredUtcMs = 1'767'225'600'000;
    damaged.lastEventDamage = s("an event of incident 3 holds its utc_ms as \u201csoon\u201d, not "
                                "a whole number");
    model.setIncidents({damaged});
    QCOMPARE(model.index(0, IncidentListModel::DeclaredColumn).data().toString(),
             s("2026-01-01 00:00:00Z"));
    QVERIFY(model.index(0, IncidentListModel::DeclaredColumn).data(Qt::ToolTipRole).isNull());
    const QModelIndex last = model.index(0, IncidentListModel::LastActivityColumn);
    QCOMPARE(last.data().toString(), s("damaged"));
    QCOMPARE(last.data(Qt::ToolTipRole).toString(), damaged.lastEventDamage);
}

void TestModels::modelsSurviveSessionSwap()
{
    ChecklistModel checklist;
    TimelineModel timeline;
    QAbstractItemModelTester t1(&checklist, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&timeline, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto a = declare();
    checklist.setSession(a.get());
    timeline.setSession(a.get());
    QVERIFY(a->confirmItem(s("a"), s("a1")).ok());
    auto b = declare();
    checklist.setSession(b.get());
    timeline.setSession(b.get());
    QCOMPARE(timeline.rowCount(), 1);
    // Events of the old session no longer reach the models.
    QVERIFY(a->addNote(s("stale")).ok());
    QCOMPARE(timeline.rowCount(), 1);
    a.reset();
    QCOMPARE(checklist.rowCount(), 4);
    checklist.setSession(nullptr);
    timeline.setSession(nullptr);
    QCOMPARE(checklist.rowCount(), 0);
    QCOMPARE(timeline.rowCount(), 0);
}

void TestModels::routineRunEvents_data()
{
    QTest::addColumn<QString>("item"); // step/item of the shipped checklist
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("routine");
    QTest::newRow("check waiting") << s("freeze/write-rate") << s("check.sampled")
                                   << QByteArray(R"({"passed":false,"value_text":"120"})") << true;
    QTest::newRow("check passing")
        << s("freeze/write-rate") << s("check.sampled") << QByteArray(R"({"passed":true})") << true;
    QTest::newRow("check outcome") << s("freeze/write-rate") << s("check.finished")
                                   << QByteArray(R"({"outcome":"failed"})") << false;
    QTest::newRow("ramp check failing")
        << s("reenable/ramp") << s("check.sampled")
        << QByteArray(R"({"passed":false,"label":"Error rate under 1%"})") << false;
    QTest::newRow("poll") << s("execute/run") << s("action.requested")
                          << QByteArray(R"({"phase":"poll"})") << true;
    QTest::newRow("poll answered") << s("execute/run") << s("action.responded")
                                   << QByteArray(R"({"phase":"poll","status":200})") << true;
    QTest::newRow("poll failed") << s("execute/run") << s("action.responded")
                                 << QByteArray(R"({"phase":"poll","error":"timed out"})") << false;
    QTest::newRow("side effect answered")
        << s("execute/run") << s("action.responded")
        << QByteArray(R"({"phase":"send","status":202})") << false;
}

void TestModels::routineRunEvents()
{
    QFETCH(QString, item);
    QFETCH(QString, kind);
    QFETCH(QByteArray, payload);
    QFETCH(bool, routine);
    QString error;
    auto session = test::declareWithDefaults(m_store, test::shippedChecklist(), s("Runs"),
                                             s("Alice"), &error, IncidentMode::Live);
    QVERIFY2(session, qPrintable(error));
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(session.get());
    const QString step = item.section(u'/', 0, 0), itemId = item.section(u'/', 1);
    QVERIFY(test::passPoll(*session, step, itemId).ok());
    QVERIFY(session->startRun(step, itemId, {{s("run"), s("r1")}}, s("test")).ok());
    QJsonObject p = QJsonDocument::fromJson(payload).object();
    p.insert(s("run"), s("r1"));
    QVERIFY(session->recordRun(QLatin1StringView(kind.toLatin1()), step, itemId, p).ok());
    const QModelIndex last = model.index(model.rowCount() - 1, TimelineModel::EventColumn);
    QCOMPARE(last.data(TimelineModel::KindRole).toString(), kind);
    QCOMPARE(last.data(TimelineModel::IsRoutineRole).toBool(), routine);
}

void TestModels::rowsQuotingAnExtractedValueAreReworded_data()
{
    // The step's title quoted by its step.started row, and the item's text quoted by its run's
    // action.requested row (EventFormatter keeps the last item's text: it must not outlive the
    // variables it was made with).
    QTest::addColumn<bool>("inItem");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reworded");
    QTest::newRow("step title") << false << s("step.started") << s("Roll back, job job-7");
    QTest::newRow("item text") << true << s("action.requested") << s("Run job job-7");
}

void TestModels::rowsQuotingAnExtractedValueAreReworded()
{
    QFETCH(bool, inItem);
    QFETCH(QString, kind);
    QFETCH(QString, reworded);
    // The run starts (its rows quote the title or the item) before the answer that extracts
    // {{job_id}}: the row must then read like the postmortem, not keep the placeholder.
    Checklist checklist = test::shippedChecklist();
    const int si = checklist.stepIndex(s("execute"));
    QVERIFY(si >= 0);
    const int ii = checklist.steps[si].itemIndex(s("run"));
    QVERIFY(ii >= 0);
    if (inItem)
        checklist.steps[si].items[ii].text = s("Run job {{job_id}}");
    else
        checklist.steps[si].title = s("Roll back, job {{job_id}}");
    QString error;
    auto session = test::declareWithDefaults(m_store, checklist, s("Runs"), s("Alice"), &error,
                                             IncidentMode::Live);
    QVERIFY2(session, qPrintable(error));
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(session.get());
    QVERIFY(test::passPoll(*session, s("execute"), s("run")).ok());
    QVERIFY(session->startRun(s("execute"), s("run"), {{s("run"), s("r1")}}, s("drill")).ok());
    QVERIFY(session
                ->recordRun(QLatin1StringView("action.requested"), s("execute"), s("run"),
                            {{s("run"), s("r1")}, {s("phase"), s("send")}})
                .ok());
    const auto quotingRow = [&] {
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex i = model.index(row, TimelineModel::EventColumn);
            if (i.data(TimelineModel::KindRole).toString() == kind
                && i.data(TimelineModel::StepIdRole).toString() == s("execute"))
                return i.data().toString();
        }
        return QString();
    };
    QVERIFY2(quotingRow().contains(s("{{job_id}}")), qPrintable(quotingRow()));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(session
                ->recordRun(QLatin1StringView("action.responded"), s("execute"), s("run"),
                            {{s("run"), s("r1")},
                             {s("phase"), s("send")},
                             {s("status"), 202},
                             {s("extracted"), QJsonObject{{s("job_id"), s("job-7")}}}})
                .ok());
    QVERIFY2(quotingRow().contains(reworded), qPrintable(quotingRow()));
    QCOMPARE(changed.size(), 1);
}

namespace {

std::unique_ptr<IncidentSession> declareShipped(TimelineStore &store)
{
    QString error;
    auto session = test::declareWithDefaults(store, test::shippedChecklist(), s("Results"),
                                             s("Alice"), &error, IncidentMode::Live);
    if (!session)
        qFatal("declare failed: %s", qPrintable(error));
    return session;
}

} // namespace

void TestModels::passedCheckKeepsItsValue()
{
    // A check that passes is confirmed and the list moves on; its measured value stays in its row.
    auto session = declareShipped(m_store);
    ChecklistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(session.get());
    const int si = session->checklist().stepIndex(s("freeze"));
    const int ii = session->checklist().steps.at(si).itemIndex(s("write-rate"));
    const QModelIndex result = model.itemIndex(si, ii, ChecklistModel::ResultColumn);
    QCOMPARE(result.data().toString(), QString());
    QVERIFY(
        session->startRun(s("freeze"), s("write-rate"), {{s("run"), s("c1")}}, s("drill")).ok());
    const QJsonObject failing{{s("run"), s("c1")},
                              {s("value_text"), s("42")},
                              {s("threshold"), s("<= 0")},
                              {s("passed"), false}};
    QVERIFY(
        session
            ->recordRun(QLatin1StringView("check.sampled"), s("freeze"), s("write-rate"), failing)
            .ok());
    QCOMPARE(result.data().toString(), s("\u2716 42 (needs <= 0)"));
    QJsonObject passing = failing;
    passing.insert(s("value_text"), s("0"));
    passing.insert(s("passed"), true);
    QVERIFY(
        session
            ->recordRun(QLatin1StringView("check.sampled"), s("freeze"), s("write-rate"), passing)
            .ok());
    QVERIFY(session
                ->recordRun(QLatin1StringView("check.finished"), s("freeze"), s("write-rate"),
                            {{s("run"), s("c1")}, {s("outcome"), s("passed")}})
                .ok());
    QCOMPARE(model.itemIndex(si, ii).data(ChecklistModel::StateRole).toString(), s("confirmed"));
    QCOMPARE(result.data().toString(), s("\u2714 0 (needs <= 0)"));
    QCOMPARE(result.data(Qt::ToolTipRole).toString(), s("\u2714 0 (needs <= 0)"));
}

void TestModels::actionKeepsItsAnswer()
{
    auto session = declareShipped(m_store);
    ChecklistModel model;
    model.setSession(session.get());
    const int si = session->checklist().stepIndex(s("notify"));
    QVERIFY(session->startRun(s("notify"), s("channel"), {{s("run"), s("a1")}}, s("drill")).ok());
    QVERIFY(session
                ->recordRun(QLatin1StringView("action.responded"), s("notify"), s("channel"),
                            {{s("run"), s("a1")},
                             {s("phase"), s("send")},
                             {s("status"), 200},
                             {s("duration_ms"), 35}})
                .ok());
    QVERIFY(session
                ->recordRun(QLatin1StringView("action.finished"), s("notify"), s("channel"),
                            {{s("run"), s("a1")}, {s("outcome"), s("succeeded")}})
                .ok());
    QCOMPARE(model.itemIndex(si, 0).data(ChecklistModel::StateRole).toString(), s("confirmed"));
    QCOMPARE(model.itemIndex(si, 0, ChecklistModel::ResultColumn).data().toString(),
             s("HTTP 200 in 35 ms"));
}

void TestModels::fullTitlesInTooltips()
{
    // However narrow the column, the whole title is one hover away.
    auto session = declareShipped(m_store);
    ChecklistModel model;
    model.setSession(session.get());
    const QString title = model.stepIndex(0).data().toString();
    QCOMPARE(title, s("1. Confirm incident scope and declare rollback class"));
    QVERIFY(model.stepIndex(0).data(Qt::ToolTipRole).toString().startsWith(title));
    const QString item = model.itemIndex(0, 4).data().toString();
    QVERIFY(item.size() > 60);
    QVERIFY(model.itemIndex(0, 4).data(Qt::ToolTipRole).toString().startsWith(item));
}

void TestModels::timelineWhoHasTooltip()
{
    IncidentDeclaration d;
    d.title = s("Long names");
    d.commander = s("Maximiliane Alexandra von Hohenzollern-Sigmaringen");
    d.variables = {{s("service"), s("checkout")}};
    QString error;
    auto session
        = IncidentSession::declare(m_store, test::parallelChecklist(), d, systemClock(), &error);
    QVERIFY(session);
    TimelineModel model;
    model.setSession(session.get());
    QCOMPARE(model.index(0, TimelineModel::ActorColumn).data(Qt::ToolTipRole).toString(),
             d.commander);
}

// A typed right-to-left override would reorder the row on every screen that shows it ("override"
// read as "edirrevo"): the timeline shows it as U+FFFD where it was, in the note and in a name.
void TestModels::timelineShowsBidiControls()
{
    IncidentDeclaration d;
    d.title = s("Bidi");
    d.commander = s("Pri\u202eya");
    d.variables = {{s("service"), s("checkout")}};
    QString error;
    // Declaring refuses such a name now; an older build's database holds it.
    const auto id = test::storeUnchecked(m_store, test::parallelChecklist(), d,
                                         QDateTime::currentMSecsSinceEpoch(), &error);
    QVERIFY2(id, qPrintable(error));
    auto session = IncidentSession::open(m_store, *id, systemClock(), &error);
    QVERIFY2(session, qPrintable(error));
    QVERIFY(session->addNote(s("bidi \u202eoverride\u202c end")).ok());
    TimelineModel model;
    model.setSession(session.get());
    const QChar shown(0xFFFD);
    const int last = model.rowCount() - 1;
    QCOMPARE(model.index(last, TimelineModel::EventColumn).data().toString(),
             s("Note: bidi ") + shown + s("override") + shown + s(" end"));
    const QModelIndex who = model.index(0, TimelineModel::ActorColumn);
    QCOMPARE(who.data().toString(), s("Pri") + shown + s("ya"));
    QCOMPARE(who.data(Qt::ToolTipRole).toString(), s("Pri") + shown + s("ya"));
}

// A variable typed at declaration goes into the checklist's titles: an override in it is shown
// as U+FFFD in the checklist's rows and tooltips, never obeyed.
void TestModels::checklistShowsBidiControls()
{
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d
        = test::declarationWithDefaults(checklist, s("Bidi"), s("Alice"), IncidentMode::Live);
    d.variables.insert(s("service"), s("pay\u202ements"));
    QString error;
    auto session = IncidentSession::declare(m_store, checklist, d, systemClock(), &error);
    QVERIFY2(session, qPrintable(error));
    ChecklistModel model;
    model.setSession(session.get());
    const int step = session->checklist().stepIndex(s("freeze"));
    const QString item = model.itemIndex(step, 1).data().toString(); // "... away from {{service}}"
    QVERIFY2(item.contains(s("pay") + QChar(0xFFFD) + s("ments")), qPrintable(item));
    QVERIFY(model.itemIndex(step, 1).data(Qt::ToolTipRole).toString().contains(QChar(0xFFFD)));
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
