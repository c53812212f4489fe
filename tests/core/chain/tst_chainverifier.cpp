// ChainVerifier on long timelines, which it hashes in two halves on two threads (or on one, with
// the same report, and after HashAhead hashed a part while the rows were read), a read that
// fails after HashAhead heard of its rows, and a session opened with payloads parsed on demand:
// the first break is still the one reported, wherever the changes are, the reader is stopped
// before the rows are freed, and a payload text that is not what was written refuses the open.
#include "chain/ChainVerifier.h"
#include "chain/EventChain.h"
#include "chain/HashAhead.h"
#include "session/IncidentSession.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "util/Sha256.h"

#include <QJsonObject>

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <new>

using namespace warroom;
using warroom::test::s;

namespace {

constexpr int eventCount = 30'000; // above the length the verifier splits over two threads

IncidentRecord record()
{
    IncidentRecord r;
    r.uuid = s("4f1c2b9e-0000-4000-8000-000000000001");
    r.title = s("Long");
    r.commander = s("ic");
    r.declaredUtcMs = 1'767'225'600'000;
    r.checklistSource = QByteArrayLiteral("{}");
    r.checklistSha256 = sha256Hex(r.checklistSource); // the chain checks the text against it
    return r;
}

// An intact chain of notes, hashed one by one as the store hashes appends.
TimelineEvents chain(const IncidentRecord &r)
{
    TimelineEvents out;
    out.reserve(eventCount);
    QByteArray prev = EventChain::genesisHash(r);
    for (int i = 0; i < eventCount; ++i) {
        TimelineEvent e;
        e.seq = i + 1;
        e.utcMs = r.declaredUtcMs + i;
        e.elapsedMs = i;
        e.actor = i % 3 ? s("ic") : s("Zoë"); // not only ASCII
        e.kind = EventKind::NoteAdded;
        e.payload = QJsonObject{{PayloadKey::Text, QStringLiteral("note %1 \"quoted\"").arg(i)}};
        const QString text = EventChain::canonicalPayload(e.payload);
        e.payloadText = text.toUtf8();
        e.prevHash = prev;
        e.hash = EventChain::eventHash(r.uuid, e, text, prev);
        prev = e.hash;
        out.append(e);
    }
    return out;
}

// A timeline longer than HashAhead's first count: a declaration and 10,000 notes, in `path`.
qint64 writeLongTimeline(const QString &path, QString *error)
{
    TimelineStore store;
    if (!store.open(path, error))
        return 0;
    IncidentDeclaration d;
    d.title = s("Long export");
    d.commander = s("ic");
    d.mode = IncidentMode::Drill;
    d.variables.insert(s("service"), s("api"));
    auto session
        = IncidentSession::declare(store, test::parallelChecklist(), d, systemClock(), error);
    if (!session)
        return 0;
    const qint64 id = session->incident().id;
    QList<EventDraft> notes;
    for (int i = 0; i < 10'000; ++i)
        notes << EventDraft{s("ic"),
                            EventKind::NoteAdded,
                            {},
                            {},
                            QJsonObject{{PayloadKey::Text, QStringLiteral("note %1").arg(i)}}};
    return store.append(id, notes, 1'767'225'600'000, error) ? id : 0;
}

} // namespace

class TestChainVerifier : public QObject
{
    Q_OBJECT

private slots:
    void firstBreakWins_data();
    void firstBreakWins();
    void hashedAheadReportsTheSame_data();
    void hashedAheadReportsTheSame();
    void exportReadHashesAhead_data();
    void exportReadHashesAhead();
    void failedReadStopsTheReaderFirst_data();
    void failedReadStopsTheReaderFirst();
    void sessionRefusesAPayloadNotWritten_data();
    void sessionRefusesAPayloadNotWritten();
};

void TestChainVerifier::firstBreakWins_data()
{
    QTest::addColumn<QList<int>>("changed"); // indexes whose payload text is edited
    QTest::addColumn<int>("relinked");       // an index whose prev_hash is edited, or -1
    QTest::newRow("intact") << QList<int>{} << -1;
    QTest::newRow("first half") << QList<int>{7} << -1;
    QTest::newRow("second half") << QList<int>{eventCount - 3} << -1;
    QTest::newRow("both halves") << QList<int>{eventCount - 3, 7} << -1;
    QTest::newRow("at the split") << QList<int>{eventCount / 2} << -1;
    QTest::newRow("link before change") << QList<int>{eventCount - 3} << 100;
    QTest::newRow("change before link") << QList<int>{100} << eventCount - 3;
}

void TestChainVerifier::firstBreakWins()
{
    QFETCH(QList<int>, changed);
    QFETCH(int, relinked);
    const IncidentRecord r = record();
    TimelineEvents events = chain(r);
    const QByteArray head = events.constLast().hash;
    for (int i : changed)
        events[i].payloadText.replace("note", "NOTE");
    if (relinked >= 0)
        events[relinked].prevHash = QByteArray(64, 'a');
    const ChainReport report = ChainVerifier::verify(r, events);
    // On one core (a postmortem's build keeps the other busy) the same report, word for word.
    QCOMPARE(ChainVerifier::verifyOnOneCore(r, events).summary(), report.summary());
    QList<int> breaks = changed;
    if (relinked >= 0)
        breaks << relinked;
    if (breaks.isEmpty()) {
        QVERIFY2(report.intact, qPrintable(report.summary()));
        QCOMPARE(report.checkedCount, eventCount);
        QCOMPARE(report.headHash, head);
        return;
    }
    const int first = *std::min_element(breaks.cbegin(), breaks.cend());
    QVERIFY(!report.intact);
    QCOMPARE(report.brokenAt, events.at(first).seq);
    const bool linkFirst = first == relinked;
    QVERIFY2(report.problem.contains(linkFirst ? s("does not link to") : s("was changed after")),
             qPrintable(report.problem));
}

void TestChainVerifier::hashedAheadReportsTheSame_data()
{
    QTest::addColumn<QList<int>>("published"); // counts told one after another
    QTest::addColumn<bool>("stopped");         // stop() after them, as before the list moves
    QTest::addColumn<int>("changed");          // an index whose payload text is edited, or -1
    QTest::addColumn<int>("textless");         // an index with only its parsed payload, or -1
    QTest::addColumn<bool>("elsewhere");       // the last count told of a copy of the list
    const QList<int> steps{4096, 8192, 12288, 16384};
    QTest::newRow("nothing told") << QList<int>{} << false << -1 << -1 << false;
    QTest::newRow("intact, all told") << QList<int>{4096, eventCount} << false << -1 << -1 << false;
    QTest::newRow("intact, part told") << steps << false << -1 << -1 << false;
    QTest::newRow("changed in the part") << steps << false << 5000 << -1 << false;
    QTest::newRow("changed first") << steps << false << 0 << -1 << false;
    QTest::newRow("changed after the part") << steps << false << eventCount - 2 << -1 << false;
    QTest::newRow("stopped") << steps << true << -1 << -1 << false;
    QTest::newRow("stopped, changed after") << steps << true << 20'000 << -1 << false;
    QTest::newRow("a text missing") << steps << false << -1 << 9000 << false;
    QTest::newRow("changed after a text missing") << steps << false << 10'000 << 9000 << false;
    QTest::newRow("the list moved") << steps << false << 14'000 << -1 << true;
}

void TestChainVerifier::hashedAheadReportsTheSame()
{
    QFETCH(QList<int>, published);
    QFETCH(bool, stopped);
    QFETCH(int, changed);
    QFETCH(int, textless);
    QFETCH(bool, elsewhere);
    const IncidentRecord r = record();
    TimelineEvents events = chain(r);
    if (changed >= 0)
        events[changed].payloadText.replace("note", "NOTE");
    if (textless >= 0)
        events[textless].payloadText = QByteArray();
    const TimelineEvents copy(events.cbegin(), events.cend()); // its own place, not shared
    HashAhead ahead(r.uuid);
    for (qsizetype i = 0; i < published.size(); ++i) {
        const bool last = i + 1 == published.size();
        ahead.publish(last && elsewhere ? copy.constData() : events.constData(), published.at(i));
    }
    if (stopped)
        ahead.stop();
    const CheckedPrefix prefix = ahead.finish();
    // Without a stop, everything told up to the first change or missing text; with one, a part.
    const qsizetype told = published.isEmpty() || elsewhere
                               ? (published.size() > 1 ? published.at(published.size() - 2) : 0)
                               : published.constLast();
    qsizetype expected = told;
    if (textless >= 0 && textless < expected)
        expected = textless;
    const bool changeSeen = changed >= 0 && changed < expected;
    if (changeSeen)
        expected = changed + 1;
    if (stopped || elsewhere)
        QVERIFY2(prefix.checked <= expected, qPrintable(QString::number(prefix.checked)));
    else
        QCOMPARE(prefix.checked, expected);
    QCOMPARE(prefix.firstChanged, changeSeen && prefix.checked > changed ? changed : -1);
    const ChainReport whole = ChainVerifier::verify(r, events);
    QCOMPARE(ChainVerifier::verifyOnOneCore(r, events, prefix).summary(), whole.summary());
    QCOMPARE(whole.intact, changed < 0);
}

// An export's read: a timeline longer than HashAhead's first count, one event changed in the
// file before or after it, is reported as ChainVerifier reports the events read.
void TestChainVerifier::exportReadHashesAhead_data()
{
    QTest::addColumn<int>("changedSeq"); // 0: none
    QTest::newRow("intact") << 0;
    QTest::newRow("changed among the first rows") << 10;
    QTest::newRow("changed after them") << 9'500;
}

void TestChainVerifier::exportReadHashesAhead()
{
    QFETCH(int, changedSeq);
    QTemporaryDir dir;
    const QString path = dir.filePath(s("long.sqlite"));
    QString written;
    const qint64 id = writeLongTimeline(path, &written);
    QVERIFY2(id > 0, qPrintable(written));
    if (changedSeq > 0) {
        QCOMPARE(test::rawSql(path, s("DROP TRIGGER events_append_only_update; UPDATE events SET "
                                      "payload_json = '{\"text\":\"forged\"}' WHERE seq = %1")
                                        .arg(changedSeq)),
                 QString());
    }
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    // What the store tells as it reads: every 4,096 rows, where they stay.
    QList<QPair<const TimelineEvent *, qsizetype>> told;
    int moving = 0;
    TimelineStore::RowsRead rowsRead;
    rowsRead.read = [&](const TimelineEvent *events, qsizetype complete) {
        told.append({events, complete});
    };
    rowsRead.moving = [&] {
        ++moving;
    };
    const auto read = store.events(id, 0, &error, {}, rowsRead);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(told.size(), 2);
    QCOMPARE(told.at(0).second, 4096);
    QCOMPARE(told.at(1).second, 8192);
    QCOMPARE(told.at(1).first, read->constData());
    QCOMPARE(moving, 0);
    const auto snapshot
        = IncidentSnapshot::load(store, id, &error, IncidentSnapshot::Payloads::ParsedAndChecked);
    QVERIFY2(snapshot, qPrintable(error));
    QCOMPARE(snapshot->events.size(), 10'001); // the declaration and the notes
    const ChainReport report = snapshot->chain.get();
    QCOMPARE(report.summary(),
             ChainVerifier::verify(snapshot->incident, snapshot->events).summary());
    if (changedSeq == 0) {
        QVERIFY2(report.intact, qPrintable(report.summary()));
        QCOMPARE(report.checkedCount, 10'001);
    } else {
        QCOMPARE(report.brokenAt, changedSeq);
        QVERIFY2(report.problem.contains(s("was changed after")), qPrintable(report.problem));
    }
}

// A read that fails after `rowsRead` heard of its first rows, whichever way it fails, says
// moving() before it frees them, once: HashAhead's thread must not hash freed events.
void TestChainVerifier::failedReadStopsTheReaderFirst_data()
{
    QTest::addColumn<QString>("damage"); // SQL run on the file first
    QTest::addColumn<bool>("throwBeforeParse");
    QTest::addColumn<QString>("error"); // empty: the read returns the events
    QTest::addColumn<int>("moving");
    QTest::newRow("read whole") << QString() << false << QString() << 0;
    QTest::newRow("a gap after the first rows")
        << s("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE seq = 9000") << false
        << s("event 9000 is missing") << 1;
    QTest::newRow("a bad payload after the first rows")
        << s("DROP TRIGGER events_append_only_update; "
             "UPDATE events SET payload_json = '[1]' WHERE seq = 9500")
        << false << s("is damaged") << 1;
    QTest::newRow("beforeParse throws") << QString() << true << QString() << 1;
}

void TestChainVerifier::failedReadStopsTheReaderFirst()
{
    QFETCH(QString, damage);
    QFETCH(bool, throwBeforeParse);
    QFETCH(QString, error);
    QFETCH(int, moving);
    QTemporaryDir dir;
    const QString path = dir.filePath(s("long.sqlite"));
    QString written;
    const qint64 id = writeLongTimeline(path, &written);
    QVERIFY2(id > 0, qPrintable(written));
    if (!damage.isEmpty())
        QCOMPARE(test::rawSql(path, damage), QString());
    TimelineStore store;
    QString problem;
    QVERIFY2(store.open(path, &problem), qPrintable(problem));
    qsizetype told = 0;
    int moved = 0;
    TimelineStore::RowsRead rowsRead;
    rowsRead.read = [&](const TimelineEvent *, qsizetype complete) {
        told = complete;
    };
    rowsRead.moving = [&] {
        ++moved;
    };
    TimelineStore::BeforeParse beforeParse;
    if (throwBeforeParse) {
        beforeParse = [](const TimelineEvents &) {
            throw std::bad_alloc(); // as std::async may, starting the chain check
        };
        QVERIFY_THROWS_EXCEPTION(std::bad_alloc,
                                 (void)store.events(id, 0, &problem, beforeParse, rowsRead));
    } else {
        const auto read = store.events(id, 0, &problem, beforeParse, rowsRead);
        QCOMPARE(bool(read), error.isEmpty());
        QVERIFY2(problem.contains(error), qPrintable(problem));
    }
    QCOMPARE(told, 8192); // it had heard of the first rows
    QCOMPARE(moved, moving);
}

void TestChainVerifier::sessionRefusesAPayloadNotWritten_data()
{
    QTest::addColumn<QString>("payload");
    QTest::newRow("not JSON") << s("{text");
    QTest::newRow("other JSON") << s("{\"text\":\"all fine\"}");
    QTest::newRow("empty") << QString();
}

void TestChainVerifier::sessionRefusesAPayloadNotWritten()
{
    QFETCH(QString, payload);
    QTemporaryDir dir;
    const QString path = dir.filePath(s("open.sqlite"));
    {
        TimelineStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        IncidentDeclaration d;
        d.title = s("Lazy");
        d.commander = s("ic");
        d.mode = IncidentMode::Drill;
        d.variables.insert(s("service"), s("api"));
        auto session = IncidentSession::declare(store, test::parallelChecklist(), d,
                                                systemClock(), &error);
        QVERIFY2(session, qPrintable(error));
        QVERIFY(session->addNote(s("first")).ok());
        QVERIFY(session->addNote(s("second")).ok());
        // Reopened intact, the payloads read on demand are the ones written.
        auto reopened = IncidentSession::open(store, session->incident().id, systemClock(),
                                              &error);
        QVERIFY2(reopened, qPrintable(error));
        QCOMPARE(reopened->events().at(2).payload.value(PayloadKey::Text).toString(), s("second"));
    }
    QCOMPARE(test::rawSql(path, s("DROP TRIGGER events_append_only_update; UPDATE events SET "
                                  "payload_json = '%1' WHERE seq = 2")
                                    .arg(payload)),
             QString());
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QVERIFY(!IncidentSession::open(store, 1, systemClock(), &error));
    QVERIFY2(error.contains(s("chain BROKEN at event 2")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestChainVerifier)
#include "tst_chainverifier.moc"
