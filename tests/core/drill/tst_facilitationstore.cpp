#include "automation/AutomationRunner.h"
#include "control/IncidentController.h"
#include "drill/DrillRunner.h"
#include "drill/ScenarioParser.h"
#include "facilitation/FacilitationRecord.h"
#include "facilitation/FacilitationRecorder.h"
#include "report/PostmortemExporter.h"
#include "report/PostmortemReport.h"
#include "session/IncidentSession.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"
#include "support/ShippedDeclaration.h"
#include "support/TestTimeline.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

// The drill's facilitation record (schema 4) on a real session: the board's hands, a pause and
// the facilitator's notes and ratings are written as they happen, survive closing everything
// and opening the database again, stay out of the chained timeline and the postmortem, and the
// database itself keeps the table append-only and for drills only.
class TestFacilitationStore : public QObject
{
    Q_OBJECT

private slots:
    void survivesReopen();
    void appendOnlyAndDrillsOnly();
    void oldDatabaseReadsEmpty();
    void numbersNotStoredAsNumbers_data();
    void numbersNotStoredAsNumbers();

private:
    QTemporaryDir m_dir;
};

void TestFacilitationStore::survivesReopen()
{
    const QString db = m_dir.filePath(s("facil.db"));
    qint64 incidentId = 0;
    {
        TimelineStore store;
        QString error;
        QVERIFY(store.open(db, &error));
        IncidentController controller(store, systemClock());
        const QByteArray json = R"({"scenario": 1, "id": "facil", "title": "Facilitated",
            "objectives": ["Notice the page"], "checklist": ")"
                                + QByteArray(WARROOM_CHECKLISTS) + R"(/rollback-eight-step.json",
            "backend": {"kind": "external"}, "drill_speed": 100,
            "players": {"after": "0:10:00"},
            "injects": [{"id": "page", "at": "T+0:00:05", "message": "Pager fires", "to": "comms"},
                        {"id": "late", "at": "T+0:40:00", "message": "Late"},
                        {"id": "never", "at": "T+0:45:00", "message": "No"}],
            "capabilities": [{"id": "comms", "name": "Tell support", "steps": ["notify"]}]})";
        const ScenarioParseResult parsed = ScenarioParser::parse(json, s("facil.json"));
        QVERIFY2(parsed.ok(), qPrintable(formatDiagnostics(parsed.diagnostics)));
        controller.setDrillSpeed(100);
        DrillRunner runner(controller, *parsed.scenario, *parsed.checklist);
        FacilitationRecorder recorder(store, runner, *parsed.scenario, s("Fran"));
        QVERIFY2(runner.start(&error), qPrintable(error));
        incidentId = runner.result().incidentId;
        QTRY_COMPARE_WITH_TIMEOUT(runner.injects().find(s("page"))->state,
                                  InjectState::State::Fired, 5'000);
        QVERIFY2(runner.injects().acknowledge(s("page"), s("Priya"), runner.drillNow(), &error),
                 qPrintable(error));
        QVERIFY(runner.injects().skip(s("never"), &error));
        QVERIFY(runner.injects().delay(s("late"), 60'000, &error));
        DrillInject extra;
        extra.id = s("cfo");
        extra.message = s("The CFO joins the bridge.");
        QVERIFY(runner.injects().addUnscheduled(extra, &error));
        QTRY_COMPARE_WITH_TIMEOUT(runner.injects().find(s("cfo"))->state,
                                  InjectState::State::Fired, 5'000);
        runner.pause();
        QVERIFY(controller.runner()->isHeld()); // runs under way wait with the drill
        QTest::qWait(150);
        runner.resume();
        QVERIFY(!controller.runner()->isHeld());
        QVERIFY2(recorder.observe(s("scope"), s("Commander hesitated on the class"), &error),
                 qPrintable(error));
        QVERIFY(!recorder.observe(s("scope"), s("   "), &error)); // blank: refused, not written
        QVERIFY(recorder.rate(s("scope"), PerformanceRating::SomeChallenges, s("slow"), &error));
        QVERIFY(recorder.rate(s("scope"), PerformanceRating::MajorChallenges, s("slower"),
                              &error)); // the latest judgement counts
        QVERIFY(recorder.rate(s("comms"), PerformanceRating::Performed, s("quick"), &error));
        QVERIFY(!recorder.rate(s("nonesuch"), PerformanceRating::Performed, {}, &error));
        QVERIFY2(error.contains(s("neither a step")), qPrintable(error));
        runner.pause(); // left paused: the drill ends with the process
    } // everything closed here without the drill ending, as a killed process leaves it

    TimelineStore store;
    QString error;
    QVERIFY(store.openReadOnly(db, &error));
    const auto record = FacilitationRecord::load(store, incidentId, &error);
    QVERIFY2(record, qPrintable(error));
    QVERIFY2(record->problems.isEmpty(), qPrintable(record->problems.join(u'\n')));
    QVERIFY(record->started);
    QCOMPARE(record->scenario.id, s("facil"));
    QCOMPARE(record->scenario.objectives, QStringList{s("Notice the page")});
    QCOMPARE(record->clock.speed(), 100.0);
    QCOMPARE(record->clock.pauses().size(), 1);
    QVERIFY(record->clock.isPaused());
    const InjectState *page = record->board.find(s("page"));
    QVERIFY(page);
    QCOMPARE(page->state, InjectState::State::Fired);
    QCOMPARE(page->acknowledgedBy, s("Priya"));
    QVERIFY(page->timeToAcknowledgeMs() >= 0);
    QCOMPARE(record->board.find(s("never"))->state, InjectState::State::Skipped);
    QCOMPARE(record->board.find(s("late"))->delayMs, 60'000);
    QVERIFY(record->board.find(s("cfo"))->unscheduled);
    QCOMPARE(record->board.find(s("cfo"))->inject.message, s("The CFO joins the bridge."));
    QCOMPARE(record->board.find(s("cfo"))->state, InjectState::State::Fired);
    QCOMPARE(record->log.observations().size(), 1);
    QCOMPARE(record->log.observations().first().author, s("Fran"));
    QCOMPARE(record->log.rating(s("scope"))->rating, PerformanceRating::MajorChallenges);
    // A capability's rating, kept with the scenario's capabilities; the unknown one not at all.
    QCOMPARE(record->log.rating(s("comms"))->note, s("quick"));
    QCOMPARE(record->log.ratings().size(), 2);
    QCOMPARE(record->scenario.capabilities.size(), 1);
    QCOMPARE(record->scenario.capabilities.first().steps, QStringList{s("notify")});

    // Out of the chained timeline, and so out of the postmortem.
    const auto snap = IncidentSnapshot::load(store, incidentId, &error);
    QVERIFY2(snap, qPrintable(error));
    for (const TimelineEvent &e : snap->events)
        QVERIFY(!e.payloadText.contains("hesitated") && !e.payload.value(s("text")).toString().contains(s("hesitated")));
    for (ExportFormat f : {ExportFormat::Markdown, ExportFormat::Json, ExportFormat::Html}) {
        const QByteArray out = PostmortemExporter::render(
            PostmortemReport::build(snap->incident, snap->checklist, snap->events, ExportOptions{}),
            f);
        QVERIFY(out.contains("Pager fires")); // the inject itself is a note the room saw
        QVERIFY(!out.contains("hesitated"));
        QVERIFY(!out.contains("slower"));
    }
}

void TestFacilitationStore::appendOnlyAndDrillsOnly()
{
    const QString db = m_dir.filePath(s("facil.db")); // written by survivesReopen
    QVERIFY(test::rawSql(db, s("UPDATE facilitation_entries SET author = 'x'"))
                .contains(s("append-only")));
    QVERIFY(test::rawSql(db, s("DELETE FROM facilitation_entries")).contains(s("append-only")));
    TimelineStore store;
    QString error;
    QVERIFY(store.open(db, &error));
    QCOMPARE(store.schemaVersion(), 4);
    const auto before = store.facilitation(1, &error);
    QVERIFY(before && !before->isEmpty());

    // A live incident has no facilitator: the database refuses the entry.
    IncidentController controller(store, systemClock());
    QVERIFY2(test::declareShipped(controller, s("live one"), s("Ana"), IncidentMode::Live, &error),
             qPrintable(error));
    FacilitationEntry e;
    e.incidentId = controller.session()->incident().id;
    e.author = s("Fran");
    e.kind = s("observation");
    QVERIFY(!store.appendFacilitation(e, &error));
    QVERIFY2(error.contains(s("only a drill incident")), qPrintable(error));
    // On the drill, the next entry takes the next seq.
    e.incidentId = 1;
    const auto seq = store.appendFacilitation(e, &error);
    QVERIFY2(seq, qPrintable(error));
    QCOMPARE(*seq, before->last().seq + 1);
}

void TestFacilitationStore::oldDatabaseReadsEmpty()
{
    const QString db = m_dir.filePath(s("old.db"));
    {
        TimelineStore store;
        QString error;
        QVERIFY(store.open(db, &error, 3));
    }
    TimelineStore store;
    QString error;
    QVERIFY(store.openReadOnly(db, &error) || error.contains(s("schema")));
    if (store.isOpen()) {
        const auto entries = store.facilitation(1, &error);
        QVERIFY2(entries && entries->isEmpty(), qPrintable(error));
    }
    // Opened for writing it is migrated to 4, and then it has the table.
    store.close();
    QVERIFY(store.open(db, &error));
    QCOMPARE(store.schemaVersion(), 4);
    const auto entries = store.facilitation(1, &error);
    QVERIFY2(entries && entries->isEmpty(), qPrintable(error));
}

QTEST_MAIN(TestFacilitationStore)
void TestFacilitationStore::numbersNotStoredAsNumbers_data()
{
    QTest::addColumn<QString>("set"); // what the first entry's row is given
    QTest::addColumn<QString>("problem");
    QTest::addColumn<bool>("appends"); // whether the next entry is written
    QTest::newRow("drill_ms a text")
        << s("drill_ms = 'soon'")
        << s("facilitation entry 1 holds its drill_ms as \u201csoon\u201d, not a whole number")
        << true;
    QTest::newRow("utc_ms a real") << s("utc_ms = utc_ms + 0.5")
                                   << s("facilitation entry 1 holds its utc_ms as \u201c") << true;
    QTest::newRow("seq a real") << s("seq = 0.5")
                                << s("an entry of its facilitation record holds its seq as "
                                     "\u201c0.5\u201d, not a whole number")
                                << true;
    // A text is the MAX(seq) (it sorts after every number), and the next entry's seq was read
    // from it as 0 + 1: "UNIQUE constraint failed".
    QTest::newRow("seq a text") << s("seq = 'x1'")
                                << s("an entry of its facilitation record holds its seq as "
                                     "\u201cx1\u201d, not a whole number")
                                << false;
}

// As an event's numbers: SQLite keeps a text or a real in an INTEGER column, and the read took a
// drill_ms of 'soon' as T+0 and a utc_ms cut to a whole number without a word.
void TestFacilitationStore::numbersNotStoredAsNumbers()
{
    QFETCH(QString, set);
    QFETCH(QString, problem);
    QFETCH(bool, appends);
    const QString db
        = m_dir.filePath(s("numbers-%1.db").arg(s(QTest::currentDataTag())).replace(u' ', u'-'));
    QVERIFY(QFile::copy(m_dir.filePath(s("facil.db")), db)); // written by survivesReopen
    QCOMPARE(test::rawSql(db, s("DROP TRIGGER facilitation_append_only_update; UPDATE "
                                "facilitation_entries SET %1 WHERE seq = 1")
                                  .arg(set)),
             QString());
    TimelineStore store;
    QString error;
    QVERIFY2(store.openReadOnly(db, &error), qPrintable(error));
    QVERIFY(!store.facilitation(1, &error));
    QVERIFY2(error.contains(problem) && error.contains(db), qPrintable(error));
    store.close();
    QVERIFY2(store.open(db, &error), qPrintable(error));
    FacilitationEntry next{1,
                           0,
                           QDateTime::currentMSecsSinceEpoch(),
                           0,
                           s("Fran"),
                           s("observation"),
                           {},
                           {{s("text"), s("after it")}}};
    error.clear();
    const auto seq = store.appendFacilitation(next, &error);
    QCOMPARE(seq.has_value(), appends);
    if (!seq)
        QVERIFY2(error.contains(problem) && error.contains(db), qPrintable(error));
}

#include "tst_facilitationstore.moc"
