// A wall-only machine (`warroom --wall`): it opens the database read-only, follows the
// incident the consoles have open, keeps the one they closed until the next, and shows nothing
// forged or rewritten in the file as if it were the room's.
#include "ui/main/Resources.h"
#include "ui/wall/WallStandalone.h"
#include "ui/wall/WallWindow.h"

#include "WallLabels.h"
#include "control/IncidentController.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QLabel>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::label;
using warroom::test::s;
using warroom::test::texts;

namespace {

constexpr qint64 t0 = 1'767'225'600'000;

} // namespace

class TestWallStandalone : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { initResources(); }
    void init();
    void cleanup();
    void wallOnlyMachineReadsWithoutWriting();
    void closedIncidentStaysUntilTheNext();
    void anOpenIncidentNoLongerCurrentIsLetGo();
    void closingAnOldIncidentKeepsTheCurrentOne();
    void forgedEventIsNotShown();
    void rewrittenTimelineIsSaidDamaged();
    void missingIncidentIsSaid();

private:
    bool declare(const QString &title);

    QTemporaryDir m_dir;
    std::unique_ptr<TimelineStore> m_store;
    std::unique_ptr<IncidentController> m_controller;
    qint64 m_now = t0;
    int m_dbCount = 0;
};

void TestWallStandalone::init()
{
    m_now = t0;
    m_store = std::make_unique<TimelineStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir.filePath(s("wall%1.db").arg(++m_dbCount)), &error),
             qPrintable(error));
    m_controller = std::make_unique<IncidentController>(*m_store, [this] { return m_now; });
}

void TestWallStandalone::cleanup()
{
    m_controller.reset();
    m_store.reset();
}

bool TestWallStandalone::declare(const QString &title)
{
    const Checklist checklist = test::shippedChecklist();
    const IncidentDeclaration d
        = test::declarationWithDefaults(checklist, title, s("Priya Raman"), IncidentMode::Drill);
    QString error;
    const bool ok = m_controller->declare(checklist, d, &error);
    if (!ok)
        qWarning("%s", qPrintable(error));
    return ok;
}

void TestWallStandalone::wallOnlyMachineReadsWithoutWriting()
{
    QVERIFY(declare(s("Read only")));
    IncidentSession *writer = m_controller->session();
    const qint64 id = writer->incident().id;
    TimelineStore reader;
    QString error;
    QVERIFY2(reader.openReadOnly(m_store->path(), &error), qPrintable(error));
    // No --incident: the one the console has open.
    WallStandalone wall(reader, std::nullopt, [this] { return m_now; });
    QCOMPARE(label(*wall.window(), "wallTitle")->text(), s("Read only"));
    m_now += 30'000;
    QVERIFY(writer->confirmItem(s("scope"), s("impact")).ok());
    wall.follow();
    QVERIFY(label(*wall.window(), "wallItem")->text().startsWith(s("2/5")));
    QCOMPARE(label(*wall.window(), "wallClock")->text(), s("T+00:00:30"));
    // Showing it wrote nothing: the database holds the console's events and no more.
    QCOMPARE(m_store->events(id)->size(), writer->events().size());
    QVERIFY(!m_store->otherWritersAlive());
}

// The close takes the incident off the database's current one: the wall went blank ("No
// incident is open") at that moment, and the room never saw that it closed, nor with what
// unfinished. It shows the close until another incident is declared, then follows that one.
void TestWallStandalone::closedIncidentStaysUntilTheNext()
{
    QVERIFY(declare(s("Closing")));
    TimelineStore reader;
    QString error;
    QVERIFY2(reader.openReadOnly(m_store->path(), &error), qPrintable(error));
    WallStandalone wall(reader, std::nullopt, [this] { return m_now; });
    QCOMPARE(label(*wall.window(), "wallTitle")->text(), s("Closing"));
    m_now += 60'000;
    QVERIFY(m_controller->session()->close(s("the room is done")).ok());
    QVERIFY(!m_store->currentIncident());
    wall.follow();
    wall.follow(); // and on the next tick too
    QCOMPARE(label(*wall.window(), "wallTitle")->text(), s("Closing"));
    const QString item = label(*wall.window(), "wallItem")->text();
    QCOMPARE(item, s("The incident is closed with 8 of 8 steps not finished."));
    QVERIFY(declare(s("The next one")));
    wall.follow();
    QCOMPARE(label(*wall.window(), "wallTitle")->text(), s("The next one"));
}

// Held only once closed: an open incident the database no longer names as current (its file
// replaced, a server's database made anew) is not shown ticking on for good.
void TestWallStandalone::anOpenIncidentNoLongerCurrentIsLetGo()
{
    QVERIFY(declare(s("Let go")));
    TimelineStore reader;
    QString error;
    QVERIFY2(reader.openReadOnly(m_store->path(), &error), qPrintable(error));
    WallStandalone wall(reader, std::nullopt, [this] { return m_now; });
    QCOMPARE(label(*wall.window(), "wallTitle")->text(), s("Let go"));
    m_store->setCurrentIncident(std::nullopt);
    wall.follow();
    wall.follow();
    QVERIFY(label(*wall.window(), "wallEmpty")->isVisibleTo(wall.window()));
    QVERIFY2(label(*wall.window(), "wallEmpty")->text().startsWith(s("No incident is open")),
             qPrintable(label(*wall.window(), "wallEmpty")->text()));
}

// Closing an old drill left open elsewhere took the live incident off the database's current
// one: the wall let it go ("No incident is open") in the middle of the incident.
void TestWallStandalone::closingAnOldIncidentKeepsTheCurrentOne()
{
    QVERIFY(declare(s("Old drill")));
    const qint64 old = m_controller->session()->incident().id;
    QVERIFY(declare(s("Live one")));
    const qint64 live = m_controller->session()->incident().id;
    TimelineStore reader;
    QString error;
    QVERIFY2(reader.openReadOnly(m_store->path(), &error), qPrintable(error));
    WallStandalone wall(reader, std::nullopt, [this] { return m_now; });
    QCOMPARE(label(*wall.window(), "wallTitle")->text(), s("Live one"));
    {
        TimelineStore other;
        QVERIFY2(other.open(m_store->path(), &error), qPrintable(error));
        auto closing = IncidentSession::open(
            other, old, [this] { return m_now; }, &error);
        QVERIFY2(closing, qPrintable(error));
        QVERIFY(closing->close(s("left over from last week")).ok());
    }
    QCOMPARE(m_store->currentIncident(), std::optional<qint64>(live));
    wall.follow();
    wall.follow();
    QCOMPARE(label(*wall.window(), "wallTitle")->text(), s("Live one"));
    QVERIFY(!label(*wall.window(), "wallEmpty")->isVisibleTo(wall.window()));
}

// An event forged into the file (it does not link to the last one) was on the wall within
// seconds, signed by anyone: it is not taken in, and the wall says the timeline is damaged.
void TestWallStandalone::forgedEventIsNotShown()
{
    QVERIFY(declare(s("Forged")));
    IncidentSession *writer = m_controller->session();
    QVERIFY(writer->addNote(s("genuine note")).ok());
    TimelineStore reader;
    QString error;
    QVERIFY2(reader.openReadOnly(m_store->path(), &error), qPrintable(error));
    WallStandalone wall(reader, std::nullopt, [this] { return m_now; });
    wall.window()->resize(1920, 1080); // room for the recent entries
    wall.window()->show();             // what is read below is what is visible
    QVERIFY(texts(*wall.window(), "wallAnnouncement").isEmpty());
    QCOMPARE(
        test::rawSql(m_store->path(),
                     s("INSERT INTO events (incident_id, seq, utc_ms, elapsed_ms, actor, kind, "
                       "payload_json, prev_hash, hash) SELECT incident_id, seq + 1, utc_ms + "
                       "1, elapsed_ms + 1, 'Priya Raman', 'note.added', '{\"text\":\"FORGED: "
                       "rollback verified\"}', 'forged', 'forged' FROM events ORDER BY seq "
                       "DESC LIMIT 1")),
        QString());
    wall.follow();
    const QString shown = texts(*wall.window(), "wallRecentEntry").join(u'\n');
    QVERIFY2(shown.contains(s("genuine note")), qPrintable(shown));
    QVERIFY2(!shown.contains(s("FORGED")), qPrintable(shown));
    const QStringList said = texts(*wall.window(), "wallAnnouncement");
    QCOMPARE(said.size(), 1);
    QVERIFY2(said.first().startsWith(
                 s("TIMELINE DAMAGED: chain BROKEN at event %1").arg(writer->events().size() + 1)),
             qPrintable(said.first()));
}

// A note rewritten in the file before the wall opened it: the incident is shown (the room would
// otherwise see none) and, when the check on the other core ends, the wall says it is damaged.
void TestWallStandalone::rewrittenTimelineIsSaidDamaged()
{
    QVERIFY(declare(s("Rewritten")));
    QVERIFY(m_controller->session()->addNote(s("genuine note")).ok());
    QCOMPARE(test::rawSql(m_store->path(),
                          s("DROP TRIGGER events_append_only_update; UPDATE events SET "
                            "payload_json = '{\"text\":\"rewritten note\"}' WHERE kind = "
                            "'note.added'")),
             QString());
    TimelineStore reader;
    QString error;
    QVERIFY2(reader.openReadOnly(m_store->path(), &error), qPrintable(error));
    WallStandalone wall(reader, std::nullopt, [this] { return m_now; });
    wall.window()->resize(1920, 1080);
    wall.window()->show();
    QTRY_COMPARE_WITH_TIMEOUT(texts(*wall.window(), "wallAnnouncement").size(), 1, 5000);
    QVERIFY2(texts(*wall.window(), "wallAnnouncement")
                 .first()
                 .startsWith(s("TIMELINE DAMAGED: chain BROKEN at event ")),
             qPrintable(texts(*wall.window(), "wallAnnouncement").first()));
}

// `--wall --incident 42` of a database without 42 said "No incident is open" to the room.
void TestWallStandalone::missingIncidentIsSaid()
{
    QVERIFY(declare(s("Only one")));
    TimelineStore reader;
    QString error;
    QVERIFY2(reader.openReadOnly(m_store->path(), &error), qPrintable(error));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(s("incident 42: there is no incident")));
    WallStandalone wall(reader, 42, [this] { return m_now; });
    const QString shown = label(*wall.window(), "wallEmpty")->text();
    QVERIFY2(shown.startsWith(s("Incident 42 cannot be shown: there is no incident 42 in ")),
             qPrintable(shown));
}

QTEST_MAIN(TestWallStandalone)
#include "tst_wallstandalone.moc"
