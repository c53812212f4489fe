// ChainVerifier on long timelines, which it hashes in two halves on two threads (or on one, with
// the same report), and a session opened with payloads parsed on demand: the first break is still
// the one reported, wherever the changes are, and a payload text that is not what was written
// still refuses the open.
#include "chain/ChainVerifier.h"
#include "chain/EventChain.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "util/Sha256.h"

#include <QJsonObject>

#include <algorithm>
#include <QTemporaryDir>
#include <QTest>

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

} // namespace

class TestChainVerifier : public QObject
{
    Q_OBJECT

private slots:
    void firstBreakWins_data();
    void firstBreakWins();
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
