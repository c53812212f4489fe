#include "checklist/ChecklistParser.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

namespace {

struct FakeClock
{
    qint64 now = 1'767'225'600'000; // 2026-01-01T00:00:00Z
    Clock clock()
    {
        return [this] {
            return now;
        };
    }
};

IncidentDeclaration drill()
{
    IncidentDeclaration d;
    d.title = s("Payments 5xx after v1.3.0");
    d.commander = s("Alice");
    d.mode = IncidentMode::Drill;
    d.variables = {{s("service"), s("payments-api")}};
    return d;
}
} // namespace

class TestIncidentSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void declareWritesDeclaration();
    void declareRejects_data();
    void declareRejects();
    void declareRejectsARoleNameNotPlain();
    void valueMessageQuotesAPromptAsWritten();
    void declareTakesNamesAndTitlesAsWritten_data();
    void declareTakesNamesAndTitlesAsWritten();
    void actorMustBeWrittenPlainly_data();
    void actorMustBeWrittenPlainly();
    void commandsCommitBeforeSignal();
    void reopenRestoresStateAndMarksResume();
    void closedIncidentReopensWithoutResume();
    void reopenedAsSomeoneSignsTheRunsCutShort();
    void usesChecklistAsRunNotFileOnDisk();
    void clockNeverRunsBackwards();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    TimelineStore m_store;
    FakeClock m_clock;
};

void TestIncidentSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    QVERIFY2(m_store.open(m_dir->filePath(s("t.sqlite")), &error), qPrintable(error));
}

void TestIncidentSession::declareWritesDeclaration()
{
    QString error;
    auto session = IncidentSession::declare(m_store, test::parallelChecklist(), drill(),
                                            m_clock.clock(), &error);
    QVERIFY2(session, qPrintable(error));
    QCOMPARE(session->events().size(), 1);
    const TimelineEvent &e = session->events().first();
    QCOMPARE(e.kind, QString(EventKind::IncidentDeclared));
    QCOMPARE(e.utcMs, m_clock.now);
    QCOMPARE(e.payload.value(s("mode")).toString(), s("drill"));
    QCOMPARE(e.payload.value(s("checklist")).toObject().value(s("id")).toString(), s("parallel"));
    QCOMPARE(session->incident().variables.value(s("service")), s("payments-api"));
    // An optional variable left empty is recorded as empty, not missing.
    QVERIFY(session->incident().variables.contains(s("note")));
    QCOMPARE(m_store.currentIncident(), std::optional<qint64>(session->incident().id));
    QCOMPARE(session->textVariables().value(s("incident.mode")), s("DRILL"));
}

void TestIncidentSession::declareRejects_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("commander");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("message");
    QTest::newRow("no title") << s(" ") << s("Alice") << s("api")
                              << s("An incident needs a title and a commander.");
    QTest::newRow("no commander") << s("T") << s("") << s("api")
                                  << s("An incident needs a title and a commander.");
    QTest::newRow("required variable empty")
        << s("T") << s("Alice") << s("  ")
        << s("The checklist needs a value for 'service' (Service).");
    // A title is one line on every screen and document, and an override makes it read otherwise;
    // a commander's name signs events, and one that reads as another's would spoof them.
    const QString line = s(": type it plainly, on one line.");
    QTest::newRow("title on two lines")
        << s("Payments\nAPI") << s("Alice") << s("api")
        << s("The title has a control character (U+000A) at character 9") + line;
    QTest::newRow("title with a tab") << s("Pay\tments") << s("Alice") << s("api")
                                      << s("The title has a control character (U+0009) at "
                                           "character 4")
                                             + line;
    QTest::newRow("title with a C1 control")
        << s("Payments\u0085") + s("API") << s("Alice") << s("api")
        << s("The title has a control character (U+0085) at character 9") + line;
    QTest::newRow("title with a line separator")
        << s("Deploy\u2028second line") << s("Alice") << s("api")
        << s("The title has a control character (U+2028) at character 7") + line;
    // Counted in characters as typed: an emoji is one, and spaces before the title count.
    QTest::newRow("title with emoji, then a tab")
        << s("  \U0001F525\U0001F525 Deploy\tX") << s("Alice") << s("api")
        << s("The title has a control character (U+0009) at character 12") + line;
    QTest::newRow("title with an override")
        << s("Payments \u202eIPA") << s("Alice") << s("api")
        << s("The title has a control character (U+202E) at character 10") + line;
    // Counted in characters: 300 emoji are a title, 301 letters are not.
    QTest::newRow("title of 301 characters")
        << QString(301, u'T') << s("Alice") << s("api")
        << s("The title is 301 characters long: it may have 300 at most.");
    // A value fills in titles and requests ({{service}}).
    QTest::newRow("value on two lines")
        << s("T") << s("Alice") << s("api\nX-Evil: 1")
        << s("The value for 'service' (Service) has a control character (U+000A) at character 4")
               + line;
    QTest::newRow("value with a C1 control")
        << s("T") << s("Alice") << s("ap\u0085i")
        << s("The value for 'service' (Service) has a control character (U+0085) at character 3")
               + line;
    QTest::newRow("value of 1001 characters")
        << s("T") << s("Alice") << QString(1001, u'a')
        << s("The value for 'service' (Service) is 1001 characters long: it may have 1000 at "
             "most.");
    // Zero-width spaces alone were a title, blank on the wall and in every document's band.
    QTest::newRow("title of zero-width spaces")
        << s(" \u200b\u200b ") << s("Alice") << s("api")
        << s("The title shows nothing: it has only invisible characters (U+200B at character "
             "2). Type it so it can be read.");
    QTest::newRow("value of a soft hyphen")
        << s("T") << s("Alice") << s("\u00ad")
        << s("The value for 'service' (Service) shows nothing: it has only invisible characters "
             "(U+00AD at character 1). Type it so it can be read.");
    QTest::newRow("commander with an override")
        << s("T") << s("Alice \u202eChen") << s("api")
        << s("The commander's name has an invisible or control character (U+202E) at "
             "character 7: type it plainly.");
    QTest::newRow("commander with a zero-width space")
        << s("T") << s("Ali\u200bce") << s("api")
        << s("The commander's name has an invisible or control character (U+200B) at "
             "character 4: type it plainly.");
}

void TestIncidentSession::declareRejects()
{
    QFETCH(QString, title);
    QFETCH(QString, commander);
    QFETCH(QString, service);
    QFETCH(QString, message);
    IncidentDeclaration d = drill();
    d.title = title;
    d.commander = commander;
    d.variables[s("service")] = service;
    QString error;
    QVERIFY(
        !IncidentSession::declare(m_store, test::parallelChecklist(), d, m_clock.clock(), &error));
    QCOMPARE(error, message);
    QVERIFY(m_store.incidents().value().isEmpty());
}

// The message quotes a variable's prompt as the checklist wrote it: a "%1" in the prompt is
// text, not a place for the message's next part.
void TestIncidentSession::valueMessageQuotesAPromptAsWritten()
{
    const QByteArray json = R"j({"format": 1, "id": "p", "title": "P", "revision": "1",
        "variables": [{"name": "share", "prompt": "Traffic share %1 (%2 of %3)"}],
        "steps": [{"id": "a", "title": "A", "expected_minutes": 1,
                   "items": [{"id": "i", "text": "Shift {{share}}"}]}]})j";
    const ChecklistParseResult parsed = ChecklistParser::parse(json, s("percent.json"));
    QVERIFY2(parsed.ok(), qPrintable(formatDiagnostics(parsed.diagnostics)));
    IncidentDeclaration d = drill();
    d.variables[s("share")] = s("5\n0");
    QCOMPARE(IncidentSession::declarationProblem(*parsed.checklist, d),
             s("The value for 'share' (Traffic share %1 (%2 of %3)) has a control character "
               "(U+000A) at character 2: type it plainly, on one line."));
    d.variables[s("share")] = QString(1001, u'5');
    QCOMPARE(IncidentSession::declarationProblem(*parsed.checklist, d),
             s("The value for 'share' (Traffic share %1 (%2 of %3)) is 1001 characters long: it "
               "may have 1000 at most."));
}

// A role given in the declare dialog to a name that is not written plainly: the declaration is
// refused as a whole (it was recorded without that role, with only a warning in the log).
void TestIncidentSession::declareRejectsARoleNameNotPlain()
{
    IncidentDeclaration d = test::declarationWithDefaults(test::shippedChecklist(), s("T"),
                                                          s("Alice"), IncidentMode::Drill);
    d.roles = {{s("comms"), s("Sam Okafor"), s("Lena\u00adVogt")}};
    QString error;
    QVERIFY(
        !IncidentSession::declare(m_store, test::shippedChecklist(), d, m_clock.clock(), &error));
    QCOMPARE(error, s("The name given for Communications lead has an invisible or control "
                      "character (U+00AD) at character 5: type it plainly."));
    QVERIFY(m_store.incidents().value().isEmpty());
}

// What people write in their own scripts, and a title with an emoji (its variation selector
// is not an invisible trick), is declared as written.
void TestIncidentSession::declareTakesNamesAndTitlesAsWritten_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("commander");
    QTest::newRow("emoji") << s("\u26a0\ufe0f Payments down") << s("Zoë Brontë");
    QTest::newRow("Arabic") << s("انقطاع الدفع") << s("مريم");
    QTest::newRow("Persian, with a zero-width non-joiner") << s("T") << s("می\u200cخواهم");
    QTest::newRow("CJK, full-width") << s("支付故障") << s("Ｌｉ Ｌｅｉ");
    QString fire;
    for (int i = 0; i < 300; ++i)
        fire += s("\U0001F525");
    QTest::newRow("300 emoji") << fire << s("Alice");
    // Counted as kept: the spaces around a title are trimmed away.
    QTest::newRow("300 letters between spaces")
        << s("  ") + QString(300, u'T') + s(" ") << s("Alice");
}

void TestIncidentSession::declareTakesNamesAndTitlesAsWritten()
{
    QFETCH(QString, title);
    QFETCH(QString, commander);
    IncidentDeclaration d = drill();
    d.title = title;
    d.commander = commander;
    QString error;
    auto session
        = IncidentSession::declare(m_store, test::parallelChecklist(), d, m_clock.clock(), &error);
    QVERIFY2(session, qPrintable(error));
    QCOMPARE(session->incident().title, title.trimmed());
    QCOMPARE(session->actor(), commander);
}

// The person at the screen signs every event: a name with an invisible or control character is
// refused with the reason, and events stay signed by the name before it.
void TestIncidentSession::actorMustBeWrittenPlainly_data()
{
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("refusal"); // empty: taken
    const QString tail = s(": type it plainly. Events are still signed by Alice.");
    QTest::newRow("override") << s("Pri\u202eya")
                              << s("Your name has an invisible or control character (U+202E) "
                                   "at character 4")
                                     + tail;
    QTest::newRow("zero-width space") << s("Priya\u200b")
                                      << s("Your name has an invisible or control character "
                                           "(U+200B) at character 6")
                                             + tail;
    QTest::newRow("line feed") << s("Pri\nya")
                               << s("Your name has an invisible or control character (U+000A) "
                                    "at character 4")
                                      + tail;
    QTest::newRow("plain") << s("  Priya Raman ") << QString();
    QTest::newRow("full-width") << s("Ｐriya") << QString();
}

void TestIncidentSession::actorMustBeWrittenPlainly()
{
    QFETCH(QString, actor);
    QFETCH(QString, refusal);
    QString error;
    auto session = IncidentSession::declare(m_store, test::parallelChecklist(), drill(),
                                            m_clock.clock(), &error);
    QVERIFY(session);
    QSignalSpy changed(session.get(), &IncidentSession::actorChanged);
    QString why;
    QCOMPARE(session->setActor(actor, &why), refusal.isEmpty());
    QCOMPARE(why, refusal);
    QCOMPARE(session->actor(), refusal.isEmpty() ? actor.trimmed() : s("Alice"));
    QCOMPARE(changed.size(), refusal.isEmpty() ? 1 : 0);
    QVERIFY(session->addNote(s("who signs this")).ok());
    QCOMPARE(m_store.events(session->incident().id).value().constLast().actor, session->actor());
    // Nothing to say about an empty name: it is not taken either.
    QVERIFY(!session->setActor(s("  "), &why));
    QCOMPARE(session->actor(), refusal.isEmpty() ? actor.trimmed() : s("Alice"));
}

void TestIncidentSession::commandsCommitBeforeSignal()
{
    QString error;
    auto session = IncidentSession::declare(m_store, test::parallelChecklist(), drill(),
                                            m_clock.clock(), &error);
    QVERIFY(session);
    const qint64 id = session->incident().id;
    qsizetype storedAtSignal = -1;
    connect(session.get(), &IncidentSession::eventsAppended, this,
            [&] { storedAtSignal = m_store.events(id).value().size(); });
    QSignalSpy spy(session.get(), &IncidentSession::eventsAppended);
    m_clock.now += 90'000;
    QVERIFY(session->confirmItem(s("a"), s("a1")).ok());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().value<TimelineEvents>().size(), 2); // step.started + item
    QCOMPARE(storedAtSignal, 3); // already on disk when the signal went out
    QCOMPARE(session->events().constLast().elapsedMs, 90'000);
    QCOMPARE(session->events().constLast().actor, s("Alice"));

    session->setActor(s("Bob"));
    const CommandResult refused = session->confirmItem(s("d"), s("d1"));
    QCOMPARE(refused.status, CommandResult::Status::NeedsReason);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(m_store.events(id).value().size(), 3);
    QVERIFY(session->confirmItem(s("d"), s("d1"), {}, s("war room agreed")).ok());
    QCOMPARE(session->events().constLast().actor, s("Bob"));
    QVERIFY(session->addNote(s("  customer impact: EU only  ")).ok());
    QCOMPARE(session->events().constLast().payload.value(s("text")).toString(),
             s("customer impact: EU only"));
    QCOMPARE(session->addNote(s("   ")).status, CommandResult::Status::Refused);
}

void TestIncidentSession::reopenRestoresStateAndMarksResume()
{
    qint64 id = 0;
    int currentStep = -1;
    {
        QString error;
        auto session = IncidentSession::declare(m_store, test::parallelChecklist(), drill(),
                                                m_clock.clock(), &error);
        id = session->incident().id;
        QVERIFY(session->confirmItem(s("a"), s("a1")).ok());
        QVERIFY(session->confirmItem(s("a"), s("a2"), s("x")).ok());
        QVERIFY(session->confirmItem(s("b"), s("b1")).ok());
        currentStep = session->engine().currentStep();
    }
    m_clock.now += 3'600'000;
    QString error;
    auto reopened = IncidentSession::open(m_store, id, m_clock.clock(), &error);
    QVERIFY2(reopened, qPrintable(error));
    QCOMPARE(reopened->engine().currentStep(), currentStep);
    QCOMPARE(reopened->engine().stepState(0), StepState::Done);
    QCOMPARE(reopened->engine().stepState(1), StepState::Active);
    QCOMPARE(reopened->engine().currentItem(1), 1);
    // Looking writes nothing: no run was cut short, so the resumption waits for a command.
    const qsizetype stored = m_store.events(id).value().size();
    QCOMPARE(reopened->events().size(), stored);
    QVERIFY(reopened->events().constLast().kind != QString(EventKind::IncidentResumed));
    QVERIFY(reopened->isResumePending());
    // A refused command records nothing either.
    QCOMPARE(reopened->confirmItem(s("nope"), s("x")).status, CommandResult::Status::Refused);
    QCOMPARE(m_store.events(id).value().size(), stored);
    // The first command records the resumption first, in the same commit.
    m_clock.now += 60'000;
    QVERIFY(reopened->confirmItem(s("b"), s("b2")).ok());
    QVERIFY(!reopened->isResumePending());
    const TimelineEvents events = m_store.events(id).value();
    QVERIFY(events.size() > stored + 1);
    QCOMPARE(events.at(stored).kind, QString(EventKind::IncidentResumed));
    QCOMPARE(events.at(stored).elapsedMs, 3'660'000);
    // ... with the moment of the reopen, where the gap really ended.
    QCOMPARE(events.at(stored).payload.value(PayloadKey::OpenedMs).toInteger(), 3'600'000);
    QCOMPARE(events.at(stored + 1).kind, s("item.confirmed"));
    QCOMPARE(reopened->events().size(), events.size());
    // Only once.
    QVERIFY(reopened->addNote(s("after")).ok());
    qsizetype resumes = 0;
    const TimelineEvents after = m_store.events(id).value();
    for (const TimelineEvent &e : after)
        resumes += e.kind == QString(EventKind::IncidentResumed) ? 1 : 0;
    QCOMPARE(resumes, 1);
}

// A screen reopened after a crash with its person named (`warroom --actor`) writes the
// resumption and the runs the crash cut short at once, in the open: they were signed as the
// commander, by whom the window only took the name after.
void TestIncidentSession::reopenedAsSomeoneSignsTheRunsCutShort()
{
    QString error;
    qint64 id = 0;
    {
        IncidentDeclaration d = drill();
        d.variables = {{s("base"), s("http://127.0.0.1:1")}, {s("path"), s("/ok")}};
        auto session = IncidentSession::declare(
            m_store, test::loadChecklist(s(WARROOM_TEST_DATA "/checklists/good/one-action.json")),
            d, m_clock.clock(), &error);
        QVERIFY2(session, qPrintable(error));
        id = session->incident().id;
        QVERIFY(session->startRun(s("send"), s("post"), {{PayloadKey::Run, s("run-1")}}).ok());
    } // the app stops with the request in flight
    m_clock.now += 60'000;
    const qsizetype stored = m_store.events(id).value().size();
    auto reopened
        = IncidentSession::open(m_store, id, m_clock.clock(), &error,
                                IncidentSession::ChainCheck::BeforeOpen, 0, s("Sam Okafor"));
    QVERIFY2(reopened, qPrintable(error));
    QCOMPARE(reopened->actor(), s("Sam Okafor"));
    const TimelineEvents events = m_store.events(id).value();
    QVERIFY(events.size() > stored); // written in the open
    for (qsizetype i = stored; i < events.size(); ++i)
        QCOMPARE(events.at(i).actor, s("Sam Okafor"));
    QCOMPARE(events.at(stored).kind, QString(EventKind::IncidentResumed));
    QCOMPARE(events.constLast().kind, QString(EventKind::ActionUnknown));
}

void TestIncidentSession::closedIncidentReopensWithoutResume()
{
    QString error;
    qint64 id = 0;
    {
        auto session = IncidentSession::declare(m_store, test::parallelChecklist(), drill(),
                                                m_clock.clock(), &error);
        id = session->incident().id;
        QCOMPARE(session->close().status, CommandResult::Status::NeedsReason);
        QVERIFY(session->close(s("tabletop over")).ok());
        QCOMPARE(m_store.currentIncident(), std::nullopt);
    }
    const qsizetype before = m_store.events(id).value().size();
    auto reopened = IncidentSession::open(m_store, id, m_clock.clock(), &error);
    QVERIFY(reopened);
    QVERIFY(reopened->engine().isClosed());
    QCOMPARE(m_store.events(id).value().size(), before);
    QCOMPARE(m_store.incidents().value().first().closed, true);
}

void TestIncidentSession::usesChecklistAsRunNotFileOnDisk()
{
    QString error;
    const Checklist original = test::parallelChecklist();
    auto session = IncidentSession::declare(m_store, original, drill(), m_clock.clock(), &error);
    const qint64 id = session->incident().id;
    session.reset();
    auto reopened = IncidentSession::open(m_store, id, m_clock.clock(), &error);
    QVERIFY(reopened);
    QCOMPARE(reopened->checklist().source, original.source);
    QCOMPARE(reopened->incident().checklistSha256, original.sourceSha256);
    QCOMPARE(reopened->checklist().steps.size(), 4);
}

void TestIncidentSession::clockNeverRunsBackwards()
{
    QString error;
    auto session = IncidentSession::declare(m_store, test::parallelChecklist(), drill(),
                                            m_clock.clock(), &error);
    m_clock.now += 60'000;
    QVERIFY(session->addNote(s("one")).ok());
    m_clock.now -= 30'000; // NTP stepped the wall clock back
    QVERIFY(session->addNote(s("two")).ok());
    const TimelineEvents &e = session->events();
    QCOMPARE(e.at(e.size() - 1).elapsedMs, e.at(e.size() - 2).elapsedMs);
}

QTEST_GUILESS_MAIN(TestIncidentSession)
#include "tst_incidentsession.moc"
