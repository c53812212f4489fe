// The postmortem is in real time since the declaration; the room's screens may have shown
// another clock (a drill runner's ×N drill clock, pauses left out). The document says which, what
// it read at the end, and gives it beside each key moment: the same action was T+00:02:41 on the
// screens and T+00:00:03 in the document, and nothing said why. Table-driven on a real session
// and store, on a scripted clock, with the runner's clock facts.
#include "report/PostmortemReport.h"
#include "report/ReportText.h"
#include "report/formats/CsvExport.h"
#include "report/formats/JsonExport.h"
#include "report/formats/MarkdownExport.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/ScreenClock.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace warroom;
using warroom::test::s;

class TestScreensClock : public QObject
{
    Q_OBJECT

private slots:
    void clockLine_data();
    void clockLine();
    void stepSpans_data();
    void stepSpans();

private:
    QTemporaryDir m_dir;
    int m_db = 0;
};

void TestScreensClock::clockLine_data()
{
    // Stopped at the runner's end (real T+5 at ×10), not the close four seconds on: T+00:01:30.
    static constexpr char ENDLINE[]
        = "T+ in this document is real time since the declaration. The room's screens showed the "
          "\u00D710 drill clock, which read T+00:00:50 when its runner ended the drill (real "
          "T+00:00:05).";
    // Beside it, when the room recorded something after that end.
    static constexpr char AFTER[]
        = " Their clock stood still from then on: a key moment after the end has that T+ beside "
          "its own, marked \"after the drill's end\".";
    const QString endedThenMore = s(ENDLINE) + s(AFTER);
    // Each line: real seconds since the declaration, then what happens then:
    //   started N / paused / resumed / ended   the runner's clock facts (at ×N)
    //   ended-at S                 an end recorded now for the moment S seconds (a forged one,
    //                              or one the runner wrote once it had judged the drill)
    //   gone-at S                  the same, written by a screen that found the runner gone
    //   note                       a note (the moment whose times are checked: the last one)
    //   close                      the incident closed (by a person)
    //   runner-close               the runner closed it (a scripted drill's, at its end)
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<QString>("line");   // the facts table's "Times", empty: no row
    QTest::addColumn<QString>("moment"); // the last note's T+ as a key moment's column says it
    QTest::addColumn<qint64>("shownMs"); // the JSON's screens_clock.shown_duration_ms, -1: null
    QTest::addColumn<double>("speed");   // and its speed
    QTest::addColumn<int>("pauses");     // and its pauses
    QTest::addColumn<bool>("live");      // the report made for a record of a LIVE incident
    QTest::addColumn<int>("ends");       // the key moments' "Drill ended" rows
    QTest::addColumn<int>("from");       // the export's slice starts here (seconds), -1: whole
    QTest::addColumn<int>("marked");     // key moments "after the drill's end", in the Markdown too
    QTest::addColumn<int>("closes"); // "Drill ended by the close": the room closed a runner's drill
    // The CSV's screens_t_plus is the screens' time in `moment`, "(drill T+…)", and empty where
    // `moment` has none; its drill_speed is 1 throughout (no run was accelerated).
    QTest::newRow("real time: no row, T+ alone")
        << QStringList{s("10 note"), s("20 close")} << QString() << s("T+00:00:10") << qint64(-1)
        << 0.0 << 0 << false << 0 << -1 << 0 << 0;
    QTest::newRow("a ×50 drill clock, closed")
        << QStringList{s("0 started 50"), s("3 note"), s("11 close")}
        << s("T+ in this document is real time since the declaration. The room's screens showed "
             "the \u00D750 drill clock, which read T+00:09:10 when the incident closed (real "
             "T+00:00:11).")
        << s("T+00:00:03 (drill T+00:02:30)") << qint64(550'000) << 50.0 << 0 << false << 0 << -1
        << 0 << 1;
    QTest::newRow("a ×10 drill clock started late, a pause, still open")
        << QStringList{s("5 started 10"), s("10 paused"), s("40 resumed"), s("46 note")}
        << s("T+ in this document is real time since the declaration. The room's screens showed "
             "the \u00D710 drill clock, its pause left out, which read T+00:01:50 at the last "
             "event (real T+00:00:46).")
        << s("T+00:00:46 (drill T+00:01:50)") << qint64(110'000) << 10.0 << 1 << false << 0 << -1
        << 0 << 0;
    QTest::newRow("a drill clock at ×1, two pauses")
        << QStringList{s("0 started 1"), s("60 paused"), s("120 resumed"), s("180 paused"),
                       s("240 resumed"), s("300 note"),  s("301 close")}
        << s("T+ in this document is real time since the declaration. The room's screens showed "
             "the drill clock, its 2 pauses left out, which read T+00:03:01 when the incident "
             "closed (real T+00:05:01).")
        << s("T+00:05:00 (drill T+00:03:00)") << qint64(181'000) << 1.0 << 2 << false << 0 << -1
        << 0 << 1;
    // The runner ended the drill: the screens stopped there, and the verdict is a key moment.
    QTest::newRow("a ×10 drill clock ended, closed later")
        << QStringList{s("0 started 10"), s("3 note"), s("5 ended"), s("9 close")} << endedThenMore
        << s("T+00:00:03 (drill T+00:00:30)") << qint64(50'000) << 10.0 << 0 << false << 1 << -1
        << 1 << 0;
    QTest::newRow("a ×10 drill clock ended, still open")
        << QStringList{s("0 started 10"), s("3 note"), s("5 ended")} << s(ENDLINE)
        << s("T+00:00:03 (drill T+00:00:30)") << qint64(50'000) << 10.0 << 0 << false << 1 << -1
        << 0 << 0;
    // Once: the screens take the first end, and a second (a forged timeline's) is no second
    // verdict.
    QTest::newRow("a drill ended twice")
        << QStringList{s("0 started 10"), s("3 note"), s("5 ended"), s("7 ended"), s("9 close")}
        << endedThenMore << s("T+00:00:03 (drill T+00:00:30)") << qint64(50'000) << 10.0 << 0
        << false << 1 << -1 << 1 << 0;
    // What the room recorded after the end is at the T+ every screen stood still at: the note
    // read "drill T+00:01:20" where the wall, the console and the scribe had T+00:00:50 ENDED.
    QTest::newRow("a note after the drill's end")
        << QStringList{s("0 started 10"), s("5 ended"), s("8 note"), s("9 close")} << endedThenMore
        << s("T+00:00:08 (drill T+00:00:50, after the drill's end)") << qint64(50'000) << 10.0 << 0
        << false << 1 << -1 << 1 << 0;
    // Recorded between the end's moment (real T+4) and the runner's note of it (T+6, once it
    // had judged the drill): after the end too. It read "(drill T+00:00:40)", unmarked, beside
    // the close four seconds on that was marked.
    QTest::newRow("a note before the end's note, after its moment")
        << QStringList{s("0 started 10"), s("5 note"), s("6 ended-at 4"), s("9 close")}
        << s("T+ in this document is real time since the declaration. The room's screens showed "
             "the \u00D710 drill clock, which read T+00:00:40 when its runner ended the drill "
             "(real T+00:00:04).")
               + s(AFTER)
        << s("T+00:00:05 (drill T+00:00:40, after the drill's end)") << qint64(40'000) << 10.0 << 0
        << false << 1 << -1 << 1 << 0;
    // Written for the runner by a screen that found it gone: the row says whose end it was. It
    // read "when its runner ended the drill" of a runner that had died.
    QTest::newRow("an end written by a screen that found the runner gone")
        << QStringList{s("0 started 10"), s("5 note"), s("6 gone-at 4"), s("9 close")}
        << s("T+ in this document is real time since the declaration. The room's screens showed "
             "the \u00D710 drill clock, which read T+00:00:40 when a screen found its runner gone "
             "and ended the drill (real T+00:00:04).")
               + s(AFTER)
        << s("T+00:00:05 (drill T+00:00:40, after the drill's end)") << qint64(40'000) << 10.0 << 0
        << false << 1 << -1 << 1 << 0;
    // A slice that leaves the first end out still lists no second one.
    QTest::newRow("a second end in a slice without the first")
        << QStringList{s("0 started 10"), s("5 ended"), s("7 ended"), s("8 note"), s("9 close")}
        << endedThenMore << s("T+00:00:08 (drill T+00:00:50, after the drill's end)")
        << qint64(50'000) << 10.0 << 0 << false << 0 << 6 << 1 << 0;
    // An end past the last event (forged) stopped nothing the incident reached: the row read
    // "when its runner ended the drill" at the last event's time.
    QTest::newRow("an end past the last event")
        << QStringList{s("0 started 10"), s("3 note"), s("4 ended-at 30")}
        << s("T+ in this document is real time since the declaration. The room's screens showed "
             "the \u00D710 drill clock, which read T+00:00:40 at the last event (real "
             "T+00:00:04).")
        << s("T+00:00:03 (drill T+00:00:30)") << qint64(40'000) << 10.0 << 0 << false << 1 << -1
        << 0 << 0;
    // The runner's own close of a scripted drill, a few ms after its end, is that end: no
    // marker (every headless drill's postmortem had one on its "Closed unfinished").
    QTest::newRow("closed by the runner at its end")
        << QStringList{s("0 started 10"), s("3 note"), s("5 ended"), s("5.004 runner-close")}
        << s(ENDLINE) << s("T+00:00:03 (drill T+00:00:30)") << qint64(50'000) << 10.0 << 0 << false
        << 1 << -1 << 0 << 0;
    // The room closed the incident while the runner's clock ran: the close is the drill's end,
    // and its runner's verdict, written after it, is not in the timeline. The postmortem had no
    // end at all, and its key moments read as though the drill had none.
    QTest::newRow("closed by the room in a slice after the clock's start")
        << QStringList{s("0 started 10"), s("3 note"), s("9 close")}
        << s("T+ in this document is real time since the declaration. The room's screens showed "
             "the \u00D710 drill clock, which read T+00:01:30 when the incident closed (real "
             "T+00:00:09).")
        << s("T+00:00:03 (drill T+00:00:30)") << qint64(90'000) << 10.0 << 0 << false << 0 << 2 << 0
        << 1;
    // The runner's own close without an end note (its write failed, or a build that wrote no
    // end): no "Drill ended by the close", which says the room closed it.
    QTest::newRow("closed by the runner without an end")
        << QStringList{s("0 started 10"), s("3 note"), s("5 runner-close")}
        << s("T+ in this document is real time since the declaration. The room's screens showed "
             "the \u00D710 drill clock, which read T+00:00:50 when the incident closed (real "
             "T+00:00:05).")
        << s("T+00:00:03 (drill T+00:00:30)") << qint64(50'000) << 10.0 << 0 << false << 0 << -1
        << 0 << 0;
    // The record's mode is what the chain's genesis covers: facts in a LIVE incident's events
    // (forged, hashes computed again) move none of its times.
    QTest::newRow("a ×50 drill clock's facts in a LIVE incident")
        << QStringList{s("0 started 50"), s("3 note"), s("11 close")} << QString()
        << s("T+00:00:03") << qint64(-1) << 0.0 << 0 << true << 0 << -1 << 0 << 0;
}

void TestScreensClock::clockLine()
{
    QFETCH(QStringList, script);
    QFETCH(QString, line);
    QFETCH(QString, moment);
    QFETCH(qint64, shownMs);
    QFETCH(double, speed);
    QFETCH(int, pauses);
    QFETCH(bool, live);
    QFETCH(int, ends);
    QFETCH(int, from);
    QFETCH(int, marked);
    QFETCH(int, closes);
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("clock%1.sqlite").arg(++m_db)), &error),
             qPrintable(error));
    constexpr qint64 declared = 1'800'000'000'000;
    qint64 now = declared;
    auto session
        = test::declareWithDefaults(store, test::shippedChecklist(), s("Clock"), s("Alice"), &error,
                                    IncidentMode::Drill, [&now] { return now; });
    QVERIFY2(session, qPrintable(error));
    qint64 noteMs = -1;
    for (const QString &step : script) {
        now = declared + qRound64(step.section(u' ', 0, 0).toDouble() * 1000);
        const QString what = step.section(u' ', 1, 1);
        if (what == s("note")) {
            QVERIFY(session->addNote(s("what the scribe saw")).ok());
            noteMs = now - declared;
        } else if (what == s("close")) {
            QVERIFY(session->close(s("done")).ok());
        } else if (what == s("runner-close")) {
            session->setActor(ScreenClock::facilitator);
            QVERIFY(session->close(s("Drill timed out")).ok());
            session->setActor(s("Alice"));
        } else if (what == s("ended-at") || what == s("gone-at")) {
            session->setActor(ScreenClock::facilitator);
            QJsonObject fact = ScreenClock::fact(DrillClockChange::Ended,
                                                 step.section(u' ', 2).toLongLong() * 1000);
            if (what == s("gone-at"))
                fact.insert(PayloadKey::RunnerGone, s("Bob"));
            QVERIFY(session->recordDrillClock(s("clock"), fact).ok());
            session->setActor(s("Alice"));
        } else {
            session->setActor(ScreenClock::facilitator);
            QVERIFY(session
                        ->recordDrillClock(s("clock"),
                                           ScreenClock::fact(QLatin1StringView(what.toLatin1()),
                                                             now - declared,
                                                             step.section(u' ', 2).toDouble()))
                        .ok());
            session->setActor(s("Alice"));
        }
    }
    ExportOptions options;
    if (from >= 0)
        options.fromMs = qint64(from) * 1000;
    IncidentRecord record = session->incident();
    if (live)
        record.mode = IncidentMode::Live;
    const PostmortemReport r
        = PostmortemReport::build(record, session->checklist(), session->events(), options, {});
    QCOMPARE(std::count_if(r.keyMoments.cbegin(), r.keyMoments.cend(),
                           [](const auto &m) { return m.kind == KeyMoment::DrillEnded; }),
             ends);
    // A drill whose only key moment is its end is not introduced as "What went wrong".
    // (one closed with its steps open also has "Closed unfinished").
    QCOMPARE(ReportText::keyMomentsIntro(r).startsWith(s("No run failed, and nothing was skipped")),
             ends > 0 && r.keyMoments.size() == ends);
    QCOMPARE(ReportText::screensClockLine(r), line);
    QCOMPARE(std::count_if(r.keyMoments.cbegin(), r.keyMoments.cend(),
                           [](const auto &m) { return m.kind == KeyMoment::DrillClosed; }),
             closes);
    QCOMPARE(ReportText::keyMomentsIntro(r).contains(s("is not in this timeline")), closes > 0);
    QCOMPARE(MarkdownExport::write(r).count(s("**Drill ended by the close**")), closes);
    const QString after = s(", after the drill's end)");
    QCOMPARE(std::count_if(r.keyMoments.cbegin(), r.keyMoments.cend(),
                           [&r, &after](const auto &k) {
                               return ReportText::momentTime(ReportText::screensClock(r),
                                                             k.elapsedMs, k.actor)
                                   .endsWith(after);
                           }),
             marked);
    QCOMPARE(MarkdownExport::write(r).count(after), marked);
    QCOMPARE(ReportText::momentTime(ReportText::screensClock(r), noteMs), moment);
    // The key moments' words say what the second time is, only when there is one.
    QCOMPARE(ReportText::keyMomentsIntro(r).contains(s("Beside each T+")), !line.isEmpty());
    // The JSON export says the same to a program, beside its real-time _ms.
    QBuffer json;
    QVERIFY(json.open(QIODevice::WriteOnly));
    QVERIFY(JsonExport::write(r, json));
    const QJsonObject summary
        = QJsonDocument::fromJson(json.data()).object().value(s("summary")).toObject();
    QCOMPARE(summary.value(s("drill_speed")).toDouble(), 1.0); // no run was accelerated
    const QJsonValue clock = summary.value(s("screens_clock"));
    // So does the CSV, on the note's row: the screens' T+ beside the real one.
    QBuffer csv;
    QVERIFY(csv.open(QIODevice::WriteOnly));
    QVERIFY(CsvExport::write(r, csv));
    const QList<QByteArray> lines = csv.data().split('\n');
    QVERIFY(lines.first().startsWith("seq,utc,t_plus,"));
    QVERIFY(lines.first().endsWith(",actor_roles,screens_t_plus,drill_speed\r"));
    const auto note = std::find_if(lines.cbegin(), lines.cend(), [](const QByteArray &l) {
        return l.contains(",note.added,") && l.contains("what the scribe saw");
    });
    QVERIFY(note != lines.cend());
    const QString shown
        = QRegularExpression(s(R"(\((?:drill|screens) (T\+[0-9:]+))")).match(moment).captured(1);
    QVERIFY2(note->endsWith(QStringLiteral(",%1,1\r").arg(shown).toUtf8()), note->constData());
    if (shownMs < 0) {
        QVERIFY(clock.isNull());
    } else {
        QCOMPARE(clock[s("shown_duration_ms")].toInteger(), shownMs);
        QCOMPARE(clock[s("drill_clock")].toBool(), true);
        QCOMPARE(clock[s("speed")].toDouble(), speed);
        QCOMPARE(clock[s("pauses")].toInt(), pauses);
    }
}

void TestScreensClock::stepSpans_data()
{
    QTest::addColumn<double>("speed");        // 0: no runner's clock
    QTest::addColumn<qint64>("clockStartMs"); // the runner's first tick, real ms
    QTest::addColumn<qint64>("pauseMs");      // a pause this long at real T+1 s
    QTest::addColumn<qint64>("endedAtMs");    // the runner ended the drill here; -1: not
    QTest::addColumn<qint64>("stepEndMs");    // the step started at 0; -1: still under way
    QTest::addColumn<QString>("actual");
    const QString x20 = s("(drill at \u00D720 speed; ");
    QTest::newRow("x20") << 20.0 << qint64(0) << qint64(0) << qint64(-1) << qint64(3'000)
                         << s("3 s ") + x20 + s("1 min 00 s on the screens' drill clock)");
    QTest::newRow("x20, done after the drill's end")
        << 20.0 << qint64(0) << qint64(0) << qint64(4'000) << qint64(6'000)
        << s("6 s ") + x20 + s("1 min 20 s on the screens' drill clock)");
    QTest::newRow("x20, still under way after the drill's end")
        << 20.0 << qint64(0) << qint64(0) << qint64(4'000) << qint64(-1)
        << s("20 s ") + x20
               + s("1 min 20 s on the screens' drill clock) so far, not finished at the last "
                   "event");
    QTest::newRow("x20, paused a second")
        << 20.0 << qint64(0) << qint64(1'000) << qint64(-1) << qint64(3'000)
        << s("3 s ") + x20 + s("40 s on the screens' drill clock)");
    // Under half a second apart, the two read the same: nothing to add.
    QTest::newRow("x1, paused 200 ms")
        << 1.0 << qint64(0) << qint64(200) << qint64(-1) << qint64(3'000) << s("3 s");
    QTest::newRow("x1, the clock started 400 ms in")
        << 1.0 << qint64(400) << qint64(0) << qint64(-1) << qint64(3'000) << s("3 s");
    QTest::newRow("x1, the clock started 1.5 s in")
        << 1.0 << qint64(1'500) << qint64(0) << qint64(-1) << qint64(3'000)
        << s("3 s (2 s on the screens' drill clock)");
    QTest::newRow("no runner's clock")
        << 0.0 << qint64(0) << qint64(0) << qint64(-1) << qint64(3'000) << s("3 s");
}

// A step's actual time in the Steps table, and the screens' drill clock's beside it: standing
// still after the runner's end as the screens did, its pauses out, and nothing added where the
// two read alike.
void TestScreensClock::stepSpans()
{
    QFETCH(double, speed);
    QFETCH(qint64, clockStartMs);
    QFETCH(qint64, pauseMs);
    QFETCH(qint64, endedAtMs);
    QFETCH(qint64, stepEndMs);
    QFETCH(QString, actual);
    PostmortemReport r;
    r.incident.mode = IncidentMode::Drill;
    r.drillSpeed = speed > 1 ? speed : 1;
    const auto clockNote = [&r](QLatin1StringView change, qint64 atMs, double factor = 0) {
        TimelineEvent e;
        e.seq = r.events.size() + 1;
        e.elapsedMs = atMs;
        e.actor = ScreenClock::facilitator;
        e.kind = EventKind::NoteAdded;
        e.payload = {{PayloadKey::DrillClock, ScreenClock::fact(change, atMs, factor)},
                     {PayloadKey::Text, s("clock")}};
        r.events << e;
    };
    if (speed > 0) {
        clockNote(DrillClockChange::Started, clockStartMs, speed);
        if (pauseMs > 0) {
            clockNote(DrillClockChange::Paused, 1'000);
            clockNote(DrillClockChange::Resumed, 1'000 + pauseMs);
        }
        if (endedAtMs >= 0)
            clockNote(DrillClockChange::Ended, endedAtMs);
    }
    r.durationMs = 20'000;
    PostmortemReport::StepRow step;
    step.startedMs = 0;
    step.endedMs = stepEndMs;
    step.actualMs = (stepEndMs >= 0 ? stepEndMs : r.durationMs) - step.startedMs;
    QCOMPARE(ReportText::stepSpan(r, step, ReportText::screensClock(r)), actual);
}

QTEST_GUILESS_MAIN(TestScreensClock)
#include "tst_screensclock.moc"
