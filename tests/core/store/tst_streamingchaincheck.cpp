// The streaming check behind `warroom verify` (EventRowCursor + StreamingChainCheck) says what
// ChainVerifier says of the same file: intact with the same count and head, or not intact, for
// the scripted incident as written and after each kind of tampering.
#include "chain/ChainVerifier.h"
#include "store/EventRowCursor.h"
#include "store/StreamingChainCheck.h"
#include "store/TimelineStore.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestStreamingChainCheck : public QObject
{
    Q_OBJECT

private slots:
    void sameAnswer_data();
    void sameAnswer();
    void unknownIncidentHasNoRows();

private:
    QTemporaryDir m_dir;
};

void TestStreamingChainCheck::sameAnswer_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("intact");
    QTest::newRow("as written") << QString() << true;
    QTest::newRow("edited payload")
        << s("DROP TRIGGER events_append_only_update; UPDATE events SET payload_json = "
             "'{\"text\":\"all fine\"}' WHERE seq = 2")
        << false;
    QTest::newRow("edited actor")
        << s("DROP TRIGGER events_append_only_update; UPDATE events SET actor = 'Mallory' "
             "WHERE seq = 3")
        << false;
    QTest::newRow("step made null")
        << s("DROP TRIGGER events_append_only_update; UPDATE events SET step_id = NULL "
             "WHERE step_id IS NOT NULL AND seq = (SELECT MAX(seq) FROM events "
             "WHERE step_id IS NOT NULL)")
        << false;
    QTest::newRow("deleted event")
        << s("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE seq = 5") << false;
    QTest::newRow("deleted tail (still a chain)")
        << s("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE seq > 40") << true;
    QTest::newRow("reordered pair")
        << s("DROP TRIGGER events_append_only_update; UPDATE events SET seq = 999 WHERE seq = 6; "
             "UPDATE events SET seq = 6 WHERE seq = 7; UPDATE events SET seq = 7 WHERE seq = 999")
        << false;
    QTest::newRow("rewritten incident")
        << s("DROP TRIGGER incidents_immutable_update; UPDATE incidents SET commander = 'X'")
        << false;
    QTest::newRow("rewritten checklist")
        << s("DROP TRIGGER incidents_immutable_update; UPDATE incidents SET checklist_json = "
             "CAST(replace(CAST(checklist_json AS TEXT), 'Freeze writes', 'Keep writes') AS "
             "BLOB)")
        << false;
    QTest::newRow("edited stored hash")
        << s("DROP TRIGGER events_append_only_update; UPDATE events SET hash = "
             "replace(hash, substr(hash, 1, 1), CASE substr(hash, 1, 1) WHEN '0' THEN '1' "
             "ELSE '0' END) WHERE seq = (SELECT MAX(seq) FROM events)")
        << false;
}

void TestStreamingChainCheck::sameAnswer()
{
    QFETCH(QString, sql);
    QFETCH(bool, intact);
    const QString path = m_dir.filePath(
        QStringLiteral("stream-%1.sqlite")
            .arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    qint64 id = 0;
    {
        TimelineStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        id = test::scriptedIncident(store);
    }
    if (!sql.isEmpty())
        QCOMPARE(test::rawSql(path, sql), QString());
    TimelineStore store;
    QString error;
    QVERIFY2(store.openReadOnly(path, &error), qPrintable(error));
    const IncidentRecord incident = store.incident(id).value();
    const ChainReport expected = ChainVerifier::verify(incident, store.chainEvents(id).value());
    QCOMPARE(expected.intact, intact); // the case tampers as it says

    EventRowCursor rows;
    QVERIFY2(rows.open(path, id, &error), qPrintable(error));
    StreamingChainCheck check(incident);
    qint64 passed = 0;
    while (rows.next() && check.add(rows))
        ++passed;
    QCOMPARE(rows.error(), QString());
    QCOMPARE(check.intact(), intact);
    if (!intact) {
        QVERIFY(passed < expected.brokenAt || expected.brokenAt == 0);
        return;
    }
    const ChainReport got = check.report();
    QCOMPARE(got.eventCount, expected.eventCount);
    QCOMPARE(got.checkedCount, expected.checkedCount);
    QCOMPARE(got.linkedCount, expected.linkedCount);
    QCOMPARE(got.headHash, expected.headHash);
    QCOMPARE(got.summary(), expected.summary());
}

void TestStreamingChainCheck::unknownIncidentHasNoRows()
{
    const QString path = m_dir.filePath(s("none.sqlite"));
    {
        TimelineStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        test::scriptedIncident(store);
    }
    EventRowCursor rows;
    QString error;
    QVERIFY2(rows.open(path, 999, &error), qPrintable(error));
    QVERIFY(!rows.next());
    QCOMPARE(rows.error(), QString());
    EventRowCursor missing;
    QVERIFY(!missing.open(m_dir.filePath(s("absent.sqlite")), 1, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_MAIN(TestStreamingChainCheck)
#include "tst_streamingchaincheck.moc"
