// A read of a whole timeline (TimelineStore::events, what exports, history and the wall read)
// fails on the first damage in the timeline's order, whether it is a gap or a payload that is
// not a JSON object, and names it; on a long timeline too (24,000 events: its payloads were once
// parsed in two halves at once), a problem early, late, or both, is the first one. An export's
// read checks the chain on a second core from the rows on (IncidentSnapshot's ParsedAndChecked):
// it says what a check after the read says, and a damaged read still fails as one.
#include "chain/ChainVerifier.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

namespace {

// The scripted incident's last event, copied until the timeline holds `total` events: the read
// checks neither hashes nor links, only the sequence and the payloads.
QString lengthenTo(qint64 total, bool repeated)
{
    const QString text
        = repeated ? s("'{\"text\":\"same\"}'") : s("'{\"text\":\"copy ' || n.i || '\"}'");
    return s("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1 - "
             "(SELECT MAX(seq) FROM events)) "
             "INSERT INTO events (incident_id, seq, utc_ms, elapsed_ms, actor, kind, step_id, "
             "item_id, payload_json, prev_hash, hash) "
             "SELECT e.incident_id, m.top + n.i, e.utc_ms, e.elapsed_ms, e.actor, 'note.added', "
             "NULL, NULL, %2, e.prev_hash, e.hash "
             "FROM n, (SELECT MAX(seq) AS top FROM events) m JOIN events e ON e.seq = m.top")
        .arg(total)
        .arg(text);
}

QString payloadAt(qint64 seq, const QString &text)
{
    return s("DROP TRIGGER IF EXISTS events_append_only_update; UPDATE events SET payload_json = "
             "'%1' WHERE seq = %2")
        .arg(text)
        .arg(seq);
}

// A time column of event `seq` set to `value`, as a client with SQL access could.
QString timeAt(qint64 seq, const char *column, qint64 value)
{
    return s("DROP TRIGGER IF EXISTS events_append_only_update; UPDATE events SET %1 = %2 WHERE "
             "seq = %3")
        .arg(QLatin1String(column))
        .arg(value)
        .arg(seq);
}

QString deleted(qint64 seq)
{
    return s("DROP TRIGGER IF EXISTS events_append_only_delete; DELETE FROM events WHERE seq = %1")
        .arg(seq);
}

// A copy of `file` for the current data row, named after it; empty if it cannot be made.
QString rowCopy(const QTemporaryDir &dir, const QString &file, const QString &prefix)
{
    const QString path = dir.filePath(
        s("%1-%2.sqlite")
            .arg(prefix, QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    return QFile::copy(file, path) ? path : QString();
}

} // namespace

class TestDamagedRows : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstDamageIsNamed_data();
    void firstDamageIsNamed();
    void chainCheckedBesideTheParse_data();
    void chainCheckedBesideTheParse();
    void timesCheckedWithPayloadsOnDemand_data();
    void timesCheckedWithPayloadsOnDemand();
    void lastEventFarAheadStampsNothing_data();
    void lastEventFarAheadStampsNothing();
    void numbersNotStoredAsNumbers_data();
    void numbersNotStoredAsNumbers();

private:
    QTemporaryDir m_dir;
    QString m_scripted; // the scripted incident, written once; each row damages a copy
    QString m_chained;  // the same, then notes appended by the store up to 24,000 events
    qint64 m_id = 0;
    qint64 m_scriptedLength = 0;
};

void TestDamagedRows::initTestCase()
{
    m_scripted = m_dir.filePath(s("scripted.sqlite"));
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_scripted, &error), qPrintable(error));
    m_id = test::scriptedIncident(store);
    m_scriptedLength = store.events(m_id, 0, &error).value().size();

    // A chain that holds to its end, unlike lengthenTo()'s copies.
    m_chained = m_dir.filePath(s("chained.sqlite"));
    QVERIFY(QFile::copy(m_scripted, m_chained));
    TimelineStore chained;
    QVERIFY2(chained.open(m_chained, &error), qPrintable(error));
    QList<EventDraft> notes;
    for (qint64 n = m_scriptedLength; n < 24'000; ++n)
        notes.append({s("scribe"), s("note.added"), {}, {}, QJsonObject{{s("text"), n % 3}}});
    QVERIFY2(chained.append(m_id, notes, 1'767'225'600'000, &error), qPrintable(error));
}

void TestDamagedRows::firstDamageIsNamed_data()
{
    QTest::addColumn<qint64>("length"); // events in the timeline
    QTest::addColumn<QStringList>("damage");
    QTest::addColumn<QString>("problem"); // empty: the read succeeds
    QTest::addColumn<bool>("repeated");   // the added events' payloads all the same text
    for (const qint64 length : {qint64(100), qint64(24'000)}) {
        const QByteArray n = QByteArray::number(length);
        const qint64 late = length - 7; // in the second half of a long timeline
        QTest::newRow(QByteArray(n + " as written").constData())
            << length << QStringList() << QString() << false;
        QTest::newRow(QByteArray(n + " repeated payloads").constData())
            << length << QStringList() << QString() << true;
        QTest::newRow(QByteArray(n + " not JSON").constData())
            << length << QStringList{payloadAt(9, s("{job"))}
            << s("event 9 has a payload that is not a JSON object (") << false;
        QTest::newRow(QByteArray(n + " an array").constData())
            << length << QStringList{payloadAt(late, s("[1, 2]"))}
            << s("event %1 has a payload that is not a JSON object (not an object)").arg(late)
            << false;
        QTest::newRow(QByteArray(n + " a gap").constData()) << length << QStringList{deleted(late)}
                                    << s("event %1 is missing (the next stored one is %2)")
                                           .arg(late)
                                           .arg(late + 1) << false;
        QTest::newRow(QByteArray(n + " payload before a gap").constData())
            << length << QStringList{payloadAt(4, s("7")), deleted(late)}
            << s("event 4 has a payload that is not a JSON object (") << false;
        QTest::newRow(QByteArray(n + " gap before a payload").constData())
            << length << QStringList{deleted(5), payloadAt(late, s("{job"))}
            << s("event 5 is missing (the next stored one is 6)") << false;
        // A window's chart spun for good on an elapsed_ms of 2^63 - 1, and a PDF export filled
        // memory; a time before 1970 passed every reader.
        QTest::newRow(QByteArray(n + " elapsed at the largest time").constData())
            << length << QStringList{timeAt(late, "elapsed_ms", 9223372036854775807LL)}
            << s("event %1 has elapsed_ms 9223372036854775807, out of range").arg(late) << false;
        QTest::newRow(QByteArray(n + " stamped before 1970").constData())
            << length << QStringList{timeAt(6, "utc_ms", -5000000000000LL)}
            << s("event 6 is stamped at utc_ms -5000000000000, out of range") << false;
        QTest::newRow(QByteArray(n + " stamped after 9999").constData())
            << length << QStringList{timeAt(late, "utc_ms", 253402300800000LL)}
            << s("event %1 is stamped at utc_ms 253402300800000, out of range").arg(late) << false;
        QTest::newRow(QByteArray(n + " a payload in each half").constData())
            << length << QStringList{payloadAt(late, s("{job")), payloadAt(3, s("null"))}
            << s("event 3 has a payload that is not a JSON object (") << false;
    }
}

void TestDamagedRows::firstDamageIsNamed()
{
    QFETCH(qint64, length);
    QFETCH(QStringList, damage);
    QFETCH(QString, problem);
    QFETCH(bool, repeated);
    const QString path = rowCopy(m_dir, m_scripted, s("rows"));
    QVERIFY(!path.isEmpty());
    QCOMPARE(test::rawSql(path, lengthenTo(length, repeated)), QString());
    for (const QString &sql : std::as_const(damage))
        QCOMPARE(test::rawSql(path, sql), QString());

    TimelineStore store;
    QString error;
    QVERIFY2(store.openReadOnly(path, &error), qPrintable(error));
    const auto events = store.events(m_id, 0, &error);
    if (!problem.isEmpty()) {
        QVERIFY(!events);
        QVERIFY2(error.contains(problem), qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error)); // names the file
        return;
    }
    QVERIFY2(events, qPrintable(error));
    QCOMPARE(events->size(), length);
    qsizetype shared = 0;
    for (const TimelineEvent &e : *events) {
        QCOMPARE(e.seq, (&e - events->constData()) + 1);
        QCOMPARE(e.payload.object(), QJsonDocument::fromJson(e.payloadText).object());
        QVERIFY(!e.payload.isEmpty());
        if (e.seq > 1 && e.payloadText.isSharedWith(events->at(e.seq - 2).payloadText))
            ++shared;
    }
    // A payload the same as the one before is held once: every added event's but the first.
    const qint64 added = length - m_scriptedLength;
    QCOMPARE(shared >= added - 1, repeated);
}

void TestDamagedRows::chainCheckedBesideTheParse_data()
{
    QTest::addColumn<qint64>("length"); // events kept of the 24,000
    QTest::addColumn<QStringList>("damage");
    QTest::addColumn<qint64>("brokenAt"); // 0: the chain holds
    QTest::addColumn<QString>("problem"); // the read's; empty: it succeeds
    const QString forged = s("{\"text\":\"forged\"}");
    // A NULL payload, in a file whose schema was edited to allow one: the check must not read
    // the payload the parse writes (an export's events without text hash their payload).
    // The edited schema is read by the next connection only: two steps.
    const QString allowNull = s("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = "
                                "replace(sql, 'payload_json TEXT    NOT NULL DEFAULT ''{}''', "
                                "'payload_json TEXT') WHERE name = 'events'");
    const QString nullAt = s("DROP TRIGGER IF EXISTS events_append_only_update; "
                             "UPDATE events SET payload_json = NULL WHERE seq = %1");
    // 100 events and 24,000 (the parse longer than a thread's start).
    for (const qint64 length : {qint64(100), qint64(24'000)}) {
        const QByteArray n = QByteArray::number(length);
        const qint64 late = length - 7;
        const QString cut
            = s("DROP TRIGGER IF EXISTS events_append_only_delete; DELETE FROM events WHERE seq "
                "> %1")
                  .arg(length);
        QTest::newRow(QByteArray(n + " as written").constData())
            << length << QStringList{cut} << qint64(0) << QString();
        QTest::newRow(QByteArray(n + " forged early").constData())
            << length << QStringList{cut, payloadAt(3, forged)} << qint64(3) << QString();
        QTest::newRow(QByteArray(n + " forged late").constData())
            << length << QStringList{cut, payloadAt(late, forged)} << late << QString();
        QTest::newRow(QByteArray(n + " forged, then not JSON").constData())
            << length << QStringList{cut, payloadAt(4, forged), payloadAt(late, s("{job"))}
            << qint64(0) << s("event %1 has a payload that is not a JSON object (").arg(late);
        QTest::newRow(QByteArray(n + " a NULL payload").constData())
            << length << QStringList{cut, allowNull, nullAt.arg(late)} << qint64(0)
            << s("event %1 has a payload that is not a JSON object (illegal value)").arg(late);
        QTest::newRow(QByteArray(n + " a gap").constData())
            << length << QStringList{cut, deleted(late)} << qint64(0)
            << s("event %1 is missing (the next stored one is %2)").arg(late).arg(late + 1);
    }
}

void TestDamagedRows::chainCheckedBesideTheParse()
{
    QFETCH(qint64, length);
    QFETCH(QStringList, damage);
    QFETCH(qint64, brokenAt);
    QFETCH(QString, problem);
    const QString path = rowCopy(m_dir, m_chained, s("chain"));
    QVERIFY(!path.isEmpty());
    for (const QString &sql : std::as_const(damage))
        QCOMPARE(test::rawSql(path, sql), QString());

    TimelineStore store;
    QString error;
    QVERIFY2(store.openReadOnly(path, &error), qPrintable(error));
    const auto snapshot
        = IncidentSnapshot::load(store, m_id, &error, IncidentSnapshot::Payloads::ParsedAndChecked);
    if (!problem.isEmpty()) {
        QVERIFY(!snapshot);
        QVERIFY2(error.contains(problem), qPrintable(error));
        return;
    }
    QVERIFY2(snapshot, qPrintable(error));
    QCOMPARE(snapshot->events.size(), length);
    for (const TimelineEvent &e : snapshot->events) // parsed in the list the snapshot holds
        QCOMPARE(e.payload.object(), QJsonDocument::fromJson(e.payloadText).object());
    QVERIFY(snapshot->chain.valid());
    const ChainReport beside = snapshot->chain.get();
    const ChainReport after = ChainVerifier::verify(snapshot->incident, snapshot->events);
    QCOMPARE(beside.summary(), after.summary());
    QCOMPARE(beside.intact, brokenAt == 0);
    QCOMPARE(beside.brokenAt, brokenAt);
    if (brokenAt == 0) {
        QCOMPARE(beside.checkedCount, length);
        QCOMPARE(beside.headHash, snapshot->events.constLast().hash);
    } else {
        QVERIFY2(beside.problem.contains(s("was changed after it was written")),
                 qPrintable(beside.problem));
    }
}

void TestDamagedRows::timesCheckedWithPayloadsOnDemand_data()
{
    QTest::addColumn<QStringList>("damage");
    QTest::addColumn<QString>("problem"); // empty: the load succeeds
    QTest::newRow("as written") << QStringList() << QString();
    QTest::newRow("elapsed at the largest time")
        << QStringList{timeAt(9, "elapsed_ms", 9223372036854775807LL)}
        << s("event 9 has elapsed_ms 9223372036854775807, out of range");
    QTest::newRow("stamped before 1970") << QStringList{timeAt(4, "utc_ms", -1)}
                                         << s("event 4 is stamped at utc_ms -1, out of range");
    // Every screen counts T+ from it and stamps elapsed_ms with it: a live "now" of 4.6e18.
    QTest::newRow("declared long before 1970")
        << QStringList{s("DROP TRIGGER IF EXISTS incidents_immutable_update; UPDATE incidents SET "
                         "declared_utc_ms = -4600000000000000000")}
        << s("incident 1 is declared at utc_ms -4600000000000000000, out of range");
}

// The exports' load with payloads parsed on demand reads the rows as the chain check does, which
// takes times as stored: the PDF's chart filled memory on the largest elapsed_ms.
void TestDamagedRows::timesCheckedWithPayloadsOnDemand()
{
    QFETCH(QStringList, damage);
    QFETCH(QString, problem);
    const QString path = rowCopy(m_dir, m_scripted, s("demand"));
    QVERIFY(!path.isEmpty());
    for (const QString &sql : std::as_const(damage))
        QCOMPARE(test::rawSql(path, sql), QString());
    TimelineStore store;
    QString error;
    QVERIFY2(store.openReadOnly(path, &error), qPrintable(error));
    const auto snapshot
        = IncidentSnapshot::load(store, m_id, &error, IncidentSnapshot::Payloads::OnDemand);
    if (problem.isEmpty()) {
        QVERIFY2(snapshot, qPrintable(error));
        return;
    }
    QVERIFY(!snapshot);
    QVERIFY2(error.contains(problem) && error.contains(path), qPrintable(error));
}

void TestDamagedRows::numbersNotStoredAsNumbers_data()
{
    QTest::addColumn<QString>("damage"); // SQL that stores a number column as something else
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("inRead"); // what the whole read says besides (empty: nothing)
    QTest::addColumn<QString>("listed"); // the incident list's damage (empty: none)
    QTest::addColumn<bool>("appends");   // whether an append goes on (the head's numbers whole)
    const QString update = s("DROP TRIGGER IF EXISTS events_append_only_update; UPDATE events SET "
                             "%1 WHERE seq = %2");
    const QString text = s("holds its %1 as \u201c%2\u201d, not a whole number");
    const qint64 last = m_scriptedLength;
    // 2.5 read as 2 ("event 2 is stored twice") and 'x3' as 0 ("event 0 is stored twice").
    QTest::newRow("seq a real") << update.arg(s("seq = 2.5")).arg(3)
                                << s("a row of its events ") + text.arg(s("seq"), s("2.5"))
                                << QString() << QString() << true;
    // The append read it as 0 and failed on "UNIQUE constraint failed".
    QTest::newRow("last seq a text") << update.arg(s("seq = 'x3'")).arg(last)
                                     << s("a row of its events ") + text.arg(s("seq"), s("x3"))
                                     << QString() << QString() << false;
    // A text sorts after every number: the row stands last, and the read met the gap first.
    QTest::newRow("seq a text") << update.arg(s("seq = 'x3'")).arg(3)
                                << s("a row of its events ") + text.arg(s("seq"), s("x3"))
                                << s("(event 3 is missing (the next stored one is 4))") << QString()
                                << false;
    // The list showed the last activity in 1970, or the text's 0.
    QTest::newRow("utc_ms a text")
        << update.arg(s("utc_ms = 'soon'")).arg(5)
        << s("event 5 ") + text.arg(s("utc_ms"), s("soon")) << QString()
        << s("an event of incident 1 ") + text.arg(s("utc_ms"), s("soon")) << true;
    QTest::newRow("last utc_ms a text")
        << update.arg(s("utc_ms = 'soon'")).arg(last)
        << s("event %1 ").arg(last) + text.arg(s("utc_ms"), s("soon")) << QString()
        << s("an event of incident 1 ") + text.arg(s("utc_ms"), s("soon")) << false;
    QTest::newRow("elapsed_ms a real")
        << update.arg(s("elapsed_ms = elapsed_ms + 0.5")).arg(4)
        << s("event 4 holds its elapsed_ms as \u201c") << QString() << QString() << true;
    QTest::newRow("elapsed_ms a blob") << update.arg(s("elapsed_ms = X'0a41'")).arg(6)
                                       << s("event 6 ") + text.arg(s("elapsed_ms"), s("\\u000aA"))
                                       << QString() << QString() << true;
    QTest::newRow("declared a text")
        << s("DROP TRIGGER IF EXISTS incidents_immutable_update; UPDATE incidents SET "
             "declared_utc_ms = 'today'")
        << s("incident 1 ") + text.arg(s("declared_utc_ms"), s("today")) << QString()
        << s("incident 1 ") + text.arg(s("declared_utc_ms"), s("today")) << false;
    // No events: the last activity is the declaration, and its damage is the declaration's (it
    // blamed "an event of incident 1").
    QTest::newRow("declared a text, no events")
        << s("DROP TRIGGER IF EXISTS incidents_immutable_update; DROP TRIGGER IF EXISTS "
             "events_append_only_delete; DELETE FROM events; UPDATE incidents SET "
             "declared_utc_ms = 'today'")
        << s("incident 1 ") + text.arg(s("declared_utc_ms"), s("today")) << QString()
        << s("incident 1 ") + text.arg(s("declared_utc_ms"), s("today")) << false;
}

// SQLite keeps what an INTEGER column is given when it is not an integer. Every read of a file
// (the window's and the exports' whole read; the chain's read, which verify and the exports with
// payloads on demand use) says what the row holds, and names the file.
void TestDamagedRows::numbersNotStoredAsNumbers()
{
    QFETCH(QString, damage);
    QFETCH(QString, problem);
    QFETCH(QString, inRead);
    QFETCH(QString, listed);
    QFETCH(bool, appends);
    const QString path = rowCopy(m_dir, m_scripted, s("numbers"));
    QVERIFY(!path.isEmpty());
    QCOMPARE(test::rawSql(path, damage), QString());
    TimelineStore store;
    QString error;
    QVERIFY2(store.openReadOnly(path, &error), qPrintable(error));
    const bool declared = !store.incident(m_id, &error);
    if (declared) // the incident itself cannot be read: nothing of it is
        QVERIFY2(error.contains(problem) && error.contains(path), qPrintable(error));
    error.clear();
    QVERIFY(!store.events(m_id, 0, &error) || declared);
    if (!declared) {
        QVERIFY2(error.contains(problem) && error.contains(path), qPrintable(error));
        // Said besides only where the read met a gap first.
        QVERIFY2(inRead.isEmpty() ? !error.contains(s("is missing")) : error.contains(inRead),
                 qPrintable(error));
        error.clear();
        QVERIFY(!store.chainEvents(m_id, &error));
        QVERIFY2(error.contains(problem) && error.contains(path), qPrintable(error));
    }
    // The list shows no time the file does not hold as a number (1970 for 'today').
    const auto list = store.incidents(&error);
    QVERIFY2(list && list->size() == 1 && list->first().id == m_id, qPrintable(error));
    const QString said = list->first().damage();
    QVERIFY2(listed.isEmpty() ? said.isEmpty() : said == listed, qPrintable(said));
    // Without events the last activity is the declaration, and so is its damage (it blamed "an
    // event of incident 1").
    const QString lastDamage = list->first().lastEventDamage;
    if (QTest::currentDataTag() == QByteArray("declared a text, no events")) {
        QCOMPARE(list->first().eventCount, qint64(0));
        QCOMPARE(lastDamage, listed);
    } else {
        QVERIFY2(lastDamage.isEmpty() || lastDamage.startsWith(s("an event")),
                 qPrintable(lastDamage));
    }
    store.close();
    // An append reads the head's numbers by the same rule: where they are not whole it says so
    // and writes nothing.
    QVERIFY2(store.open(path, &error), qPrintable(error));
    const EventDraft note{s("Honest"), s("note.added"), {}, {}, {{s("text"), s("after it")}}};
    error.clear();
    const bool appended
        = store.append(m_id, {note}, QDateTime::currentMSecsSinceEpoch(), &error).has_value();
    QCOMPARE(appended, appends);
    if (!appended)
        QVERIFY2(error.contains(problem) && error.contains(path), qPrintable(error));
}

void TestDamagedRows::lastEventFarAheadStampsNothing_data()
{
    QTest::addColumn<qint64>("aheadMs"); // of the last event, past this machine's clock
    QTest::addColumn<bool>("refused");
    const qint64 day = 24 * 60 * 60 * 1000LL;
    QTest::newRow("year 9999") << qint64(253402300799000LL) << true;
    QTest::newRow("eight days ahead") << 8 * day << true;
    // A fast clock on another screen: its time is kept, as the timeline never runs backwards.
    QTest::newRow("six days ahead") << 6 * day << false;
    QTest::newRow("an hour ahead") << 60 * 60 * 1000LL << false;
}

// An event is stamped no earlier than the one before it: one row stamped in the year 9999 (any
// client with INSERT, its hash computed again) stamped every later event, from every screen, in
// 9999, and the room's real times were lost for good.
void TestDamagedRows::lastEventFarAheadStampsNothing()
{
    QFETCH(qint64, aheadMs);
    QFETCH(bool, refused);
    const QString path = rowCopy(m_dir, m_scripted, s("ahead"));
    QVERIFY(!path.isEmpty());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Past 9000 years is a date itself, not a distance from now.
    const qint64 stamped = aheadMs > 250'000'000'000'000LL ? aheadMs : now + aheadMs;
    QCOMPARE(test::rawSql(path, s("DROP TRIGGER IF EXISTS events_append_only_update; UPDATE "
                                  "events SET utc_ms = %1 WHERE seq = (SELECT MAX(seq) FROM "
                                  "events)")
                                    .arg(stamped)),
             QString());
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    const qint64 before = store.events(m_id, 0, &error)->size();
    const EventDraft note{s("Honest"), s("note.added"), {}, {}, {{s("text"), s("after it")}}};
    const bool appended = store.append(m_id, {note}, now, &error).has_value();
    QCOMPARE(appended, !refused);
    const auto after = store.events(m_id, 0, &error);
    QVERIFY2(after, qPrintable(error));
    QCOMPARE(after->size(), before + (refused ? 0 : 1));
    if (refused) {
        QVERIFY2(error.contains(s("more than a week after this machine's clock")),
                 qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error));
    } else {
        QCOMPARE(after->constLast().utcMs, stamped); // never before the one it follows
    }
}

QTEST_MAIN(TestDamagedRows)
#include "tst_damagedrows.moc"
