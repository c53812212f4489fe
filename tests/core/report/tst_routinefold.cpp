// A run's job polls fold into one row of the postmortem, per start of the run. A re-send keeps the
// run's key (its Idempotency-Key): folded on the key alone, the polls of a screen that died while
// its job ran and those of the screen that re-sent it read as one run, signed by the first, from
// before the outcome unknown to after the re-send.
#include "report/PostmortemExporter.h"
#include "report/PostmortemReport.h"
#include "session/IncidentSession.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestRoutineFold : public QObject
{
    Q_OBJECT

private slots:
    void pollsFoldPerStart_data();
    void pollsFoldPerStart();

private:
    QTemporaryDir m_dir;
    int m_db = 0;
};

void TestRoutineFold::pollsFoldPerStart_data()
{
    QTest::addColumn<QString>("after");    // after three polls: "polls" (on), "unknown+resend"
    QTest::addColumn<QString>("resentBy"); // who re-sends (or polls on)
    QTest::addColumn<QStringList>("rows"); // the folded rows' actor and sentence, in order
    const QString url = s("http://127.0.0.1:8765/api/jobs/job-7");
    QTest::newRow("one run polled on")
        << s("polls") << s("Alice Chen")
        << QStringList{s("Alice Chen: \u201cStart the job and poll it\u201d: job polled 5 time(s) "
                         "from T+00:00:02 to T+00:00:10; "
                         "last answer succeeded (progress 100%)")};
    QTest::newRow("re-sent by another screen")
        << s("unknown+resend") << s("Bo Lee")
        << QStringList{s("Alice Chen: \u201cStart the job and poll it\u201d: job polled 3 time(s) "
                         "from T+00:00:02 to T+00:00:06; "
                         "last answer running (progress 60%)"),
                       s("Bo Lee: \u201cStart the job and poll it\u201d: job polled 2 time(s) from "
                         "T+00:00:32 to T+00:00:34; last "
                         "answer succeeded (progress 100%)")};
    QTest::newRow("re-sent by the same person after a restart")
        << s("unknown+resend") << s("Alice Chen")
        << QStringList{s("Alice Chen: \u201cStart the job and poll it\u201d: job polled 3 time(s) "
                         "from T+00:00:02 to T+00:00:06; "
                         "last answer running (progress 60%)"),
                       s("Alice Chen: \u201cStart the job and poll it\u201d: job polled 2 time(s) "
                         "from T+00:00:32 to T+00:00:34; "
                         "last answer succeeded (progress 100%)")};
}

void TestRoutineFold::pollsFoldPerStart()
{
    QFETCH(QString, after);
    QFETCH(QString, resentBy);
    QFETCH(QStringList, rows);
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("fold%1.sqlite").arg(++m_db)), &error), qPrintable(error));
    qint64 now = test::t0;
    const Checklist checklist
        = test::loadChecklist(s(WARROOM_TEST_DATA "/checklists/good/one-job.json"));
    auto session = IncidentSession::declare(
        store, checklist,
        test::declarationWithDefaults(checklist, s("Checkout 5xx"), s("Alice Chen"),
                                      IncidentMode::Live),
        [&now] { return now; }, &error);
    QVERIFY2(session, qPrintable(error));
    const QString step = s("send");
    const QString item = s("job");
    const QString run = s("run-rollback-1");
    const QString api = s("http://127.0.0.1:8765/api/rollbacks");
    const QString job = s("http://127.0.0.1:8765/api/jobs/job-7");
    const auto request = [](const QString &method, const QString &url) {
        return QJsonObject{{PayloadKey::Method, method}, {PayloadKey::Url, url}};
    };
    const auto send = [&](bool resend) {
        QJsonObject p{
            {PayloadKey::Run, run},
            {PayloadKey::Request, request(s("POST"), api)},
        };
        if (resend)
            p.insert(PayloadKey::Resend, true);
        QVERIFY(session->startRun(step, item, p).ok());
        QVERIFY(session
                    ->recordRun(EventKind::ActionResponded, step, item,
                                {{PayloadKey::Run, run},
                                 {PayloadKey::Phase, RequestPhase::Send},
                                 {PayloadKey::Status, 202},
                                 {PayloadKey::DurationMs, 40},
                                 {PayloadKey::Attempts, 1}})
                    .ok());
    };
    const auto poll = [&](int atSeconds, const char *state, int progress) {
        now = test::t0 + atSeconds * 1000;
        QVERIFY(session
                    ->recordRun(EventKind::ActionRequested, step, item,
                                {{PayloadKey::Run, run},
                                 {PayloadKey::Phase, RequestPhase::Poll},
                                 {PayloadKey::Request, request(s("GET"), job)}})
                    .ok());
        QVERIFY(session
                    ->recordRun(EventKind::ActionResponded, step, item,
                                {{PayloadKey::Run, run},
                                 {PayloadKey::Phase, RequestPhase::Poll},
                                 {PayloadKey::Status, 200},
                                 {PayloadKey::DurationMs, 12},
                                 {PayloadKey::Attempts, 1},
                                 {PayloadKey::ValueText, QString::fromLatin1(state)},
                                 {PayloadKey::Progress, progress}})
                    .ok());
    };
    send(false);
    for (int i = 1; i <= 3; ++i)
        poll(2 * i, "running", 20 * i);
    session->setActor(resentBy);
    if (after == s("polls")) {
        poll(8, "running", 80);
        poll(10, "succeeded", 100);
    } else {
        now = test::t0 + 20 * 1000;
        QVERIFY(session
                    ->recordRun(EventKind::ActionUnknown, step, item,
                                {{PayloadKey::Run, run},
                                 {PayloadKey::Phase, RequestPhase::Poll},
                                 {PayloadKey::Request, request(s("GET"), job)},
                                 {PayloadKey::Reason, s("Alice Chen's screen stopped answering")}})
                    .ok());
        now = test::t0 + 30 * 1000;
        send(true);
        poll(32, "running", 80);
        poll(34, "succeeded", 100);
    }
    QVERIFY(session
                ->recordRun(EventKind::ActionFinished, step, item,
                            {{PayloadKey::Run, run}, {PayloadKey::Outcome, RunOutcome::Succeeded}})
                .ok());

    const auto snap = IncidentSnapshot::load(store, session->incident().id, &error);
    QVERIFY2(snap, qPrintable(error));
    ExportOptions o;
    o.generatedUtcMs = test::t0 + 60 * 1000;
    const PostmortemReport r
        = PostmortemReport::build(snap->incident, snap->checklist, snap->events, o);
    QStringList folded;
    for (const PostmortemReport::TimelineRow &row : r.documentRows)
        if (row.text.contains(s("job polled")))
            folded << row.actor + s(": ") + row.text;
    QCOMPARE(folded, rows);
    // The Markdown has the same rows, and each poll only once in them.
    const QString md = QString::fromUtf8(PostmortemExporter::render(r, ExportFormat::Markdown));
    for (const QString &row : rows)
        QVERIFY2(md.contains(row.section(s(": "), 1)), qPrintable(row));
}

QTEST_MAIN(TestRoutineFold)
#include "tst_routinefold.moc"
