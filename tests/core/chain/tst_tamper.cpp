// Tampering is found: the database edited behind the store's back (its append-only triggers
// dropped first), an export edited after it was written, and `warroom verify` failing on a
// forged export, naming the event where the chain breaks; `warroom plan` says when the
// incident that ran a checklist was left out of history for its broken chain.
#include "chain/ChainVerifier.h"
#include "report/PostmortemExporter.h"
#include "report/formats/JsonExport.h"
#include "store/TimelineStore.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "support/WarroomCli.h"

#include <QFile>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace warroom;
using warroom::test::minute;
using warroom::test::s;
using warroom::test::exportDemoAndVerify;
using warroom::test::runWarroom;

using Run = test::ProcessRun;

class TestTamper : public QObject, private test::ScriptedIncidentFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tamper_data();
    void tamper();
    void exportedJsonTamper_data();
    void exportedJsonTamper();
    void verifyFindsTampering();
    void planNamesWhatItLeftOut();
};

void TestTamper::initTestCase()
{
    QVERIFY(declareScriptedIncident(s("export.sqlite")));
}

void TestTamper::tamper_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("againstExport");
    QTest::addColumn<qint64>("brokenAt");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("exportSays"); // `warroom export`, which checks beside its read
    QTest::newRow("edited payload")
        << s("DROP TRIGGER events_append_only_update; UPDATE events SET payload_json = "
             "'{\"text\":\"all fine\"}' WHERE seq = 2")
        << false << qint64(2) << s("event 2 (note.added) was changed after it was written")
        << s("chain BROKEN at event 2: event 2 (note.added) was changed");
    QTest::newRow("deleted event")
        << s("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE seq = 5") << false
        << qint64(5) << s("event 5 is missing (the sequence jumps from 4 to 6)")
        << s("is damaged: event 5 is missing (the next stored one is 6)");
    QTest::newRow("reordered pair")
        << s("DROP TRIGGER events_append_only_update; UPDATE events SET seq = 999 WHERE seq = 6; "
             "UPDATE events SET seq = 6 WHERE seq = 7; UPDATE events SET seq = 7 WHERE seq = 999")
        << false << qint64(6) << s("events 6 and 7 are in the wrong order")
        << s("chain BROKEN at event 6: events 6 and 7 are in the wrong order");
    QTest::newRow("truncated tail")
        << s("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE seq > 40") << true
        << qint64(41) << s("the timeline ends after event 40 but the export recorded")
        << s("chain intact: 40 events, every one checked");
    QTest::newRow("rewritten incident")
        << s("DROP TRIGGER incidents_immutable_update; UPDATE incidents SET commander = "
             "'Someone Else'")
        << false << qint64(1) << s("the incident record was changed")
        << s("chain BROKEN at event 1: the first event does not link to the incident");
    // The record hashes the checklist's sha256, not its text: a step renamed in the text kept
    // beside it would be shown and exported as if it had been run.
    QTest::newRow("rewritten checklist")
        << s("DROP TRIGGER incidents_immutable_update; UPDATE incidents SET checklist_json = "
             "CAST(replace(CAST(checklist_json AS TEXT), 'Freeze writes', 'Keep writes') AS "
             "BLOB)")
        << false << qint64(0) << s("the checklist was changed after the incident was declared")
        << s("chain BROKEN: the checklist kept with the incident hashes to");
    // A checklist cut short or emptied cannot be read: that read as a parse error alone ("the
    // file is empty"), as if warroom had written it so. The damage is said first.
    QTest::newRow("checklist cut short")
        << s("DROP TRIGGER incidents_immutable_update; UPDATE incidents SET checklist_json = "
             "CAST(substr(CAST(checklist_json AS TEXT), 1, 300) AS BLOB)")
        << false << qint64(0) << s("the checklist was changed after the incident was declared")
        << s("the timeline of incident 1 is damaged (chain BROKEN: the checklist kept with the "
             "incident hashes to");
    QTest::newRow("checklist emptied")
        << s("DROP TRIGGER incidents_immutable_update; UPDATE incidents SET checklist_json = "
             "CAST('' AS BLOB)")
        << false << qint64(0) << s("the checklist was changed after the incident was declared")
        << s("was changed after the incident was declared), and that checklist cannot be read");
    // The record's own checklist_sha256 edited is a changed record, not a changed checklist.
    QTest::newRow("rewritten checklist hash")
        << s("DROP TRIGGER incidents_immutable_update; UPDATE incidents SET checklist_sha256 = "
             "substr('01', 1 + (substr(checklist_sha256, 1, 1) = '0'), 1) || "
             "substr(checklist_sha256, 2)")
        << false << qint64(1) << s("the incident record was changed")
        << s("chain BROKEN at event 1: the first event does not link to the incident");
    // The declaration is written with the incident: a timeline of no events was emptied.
    QTest::newRow("emptied timeline")
        << s("DROP TRIGGER events_append_only_delete; DELETE FROM events") << false << qint64(1)
        << s("the timeline holds no events") << s("chain BROKEN at event 1: the timeline holds");
}

void TestTamper::tamper()
{
    QFETCH(QString, sql);
    QFETCH(bool, againstExport);
    QFETCH(qint64, brokenAt);
    QFETCH(QString, problem);
    // A fresh copy of the scripted incident for each case.
    const QString path = m_dir.filePath(
        QStringLiteral("tamper-%1.sqlite")
            .arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    TimelineStore store;
    QString error;
    QVERIFY(store.open(path, &error));
    const qint64 id = test::scriptedIncident(store);
    ChainReport before = ChainVerifier::verify(*store.incident(id), store.events(id).value());
    QVERIFY2(before.intact, qPrintable(before.summary()));
    const ChainAnchor anchor{before.eventCount, before.headHash};
    QCOMPARE(test::rawSql(path, sql), QString());
    const ChainReport after
        = ChainVerifier::verify(*store.incident(id), store.chainEvents(id).value(),
                                againstExport ? std::optional(anchor) : std::nullopt);
    QVERIFY(!after.intact);
    QCOMPARE(after.brokenAt, brokenAt);
    QVERIFY2(after.problem.contains(problem), qPrintable(after.problem));

    // `warroom verify` (its streamed check, then ChainVerifier for the words) says the same, and
    // fails: it printed "chain BROKEN: " with no reason, and exit 0, for an emptied timeline.
    if (!againstExport) {
        const Run verified
            = runWarroom({s("verify"), s("--db"), path, s("--incident"), QString::number(id)});
        QCOMPARE(verified.exitCode, 1);
        QVERIFY2(verified.err.contains(problem), qPrintable(verified.out + verified.err));
    }

    QFETCH(QString, exportSays);
    const Run exported
        = runWarroom({s("export"), s("--db"), path, s("--incident"), QString::number(id),
                      s("--format"), s("json"), s("--output"), path + s(".json")});
    const QString said = exported.out + exported.err;
    QVERIFY2(said.contains(exportSays), qPrintable(said));
    if (exportSays.contains(s("is damaged")) || exportSays.contains(s("cannot be read")))
        QCOMPARE(exported.exitCode, 1); // nothing could be written
    if (!exportSays.startsWith(s("chain BROKEN")))
        return;
    // The document's own line says it once, in capitals (it read "CHAIN BROKEN: chain BROKEN").
    const QString md = path + s(".md");
    QCOMPARE(runWarroom({s("export"), s("--db"), path, s("--incident"), QString::number(id),
                         s("--format"), s("md"), s("--output"), md})
                 .exitCode,
             0);
    QFile file(md);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(s("| Timeline | CHAIN") + exportSays.mid(5)),
             qPrintable(text.left(2000)));
    QVERIFY(!text.contains(s("CHAIN BROKEN: chain")));
}

void TestTamper::exportedJsonTamper_data()
{
    QTest::addColumn<QByteArray>("find");
    QTest::addColumn<QByteArray>("replace");
    QTest::addColumn<QString>("problem");
    // The head's first digit changed (the reader refuses a hash of the wrong length); an empty
    // replacement flips the digit after `find`, whatever it is (the head follows the shipped
    // checklist's bytes, which change).
    QTest::newRow("forged head") << QByteArray("\"head_hash\": \"") << QByteArray()
                                 << s("the recorded head was forged");
    QTest::newRow("edited note in the export")
        << QByteArray("12% of checkouts") << QByteArray("2% of checkouts")
        << s("was changed after it was written");
    QTest::newRow("edited step title in the export")
        << QByteArray("Freeze writes") << QByteArray("Keep writes")
        << s("the checklist was changed after the incident was declared");
    // Never read: 64 zeros there, and `warroom verify` said "every one checked".
    QTest::newRow("edited genesis hash")
        << QByteArray("\"genesis_hash\": \"") << QByteArray() << s("the export's genesis_hash");
}

void TestTamper::exportedJsonTamper()
{
    QFETCH(QByteArray, find);
    QFETCH(QByteArray, replace);
    QFETCH(QString, problem);
    QByteArray json = PostmortemExporter::render(report(), ExportFormat::Json);
    const IncidentExport clean = IncidentExport::read(json, s("clean.json"));
    QVERIFY(
        ChainVerifier::verify(clean.incident, clean.events, clean.anchor, clean.omitted).intact);
    QVERIFY(json.contains(find));
    if (replace.isEmpty()) {
        const qsizetype at = json.indexOf(find) + find.size();
        json[at] = json.at(at) == '0' ? '1' : '0';
    } else {
        json.replace(json.indexOf(find), find.size(), replace);
    }
    const IncidentExport x = IncidentExport::read(json, s("tampered.json"));
    QVERIFY2(x.ok(), qPrintable(formatDiagnostics(x.diagnostics)));
    const ChainReport r = x.verify(); // as `warroom verify EXPORT.json` checks it
    QVERIFY(!r.intact);
    QVERIFY2(r.problem.contains(problem), qPrintable(r.problem));
}

// `warroom plan CHECKLIST-ID` on a database whose only incident with that checklist is left out
// of history (its chain broken) said only "neither a checklist file nor a checklist the database
// has run", as if it had never run.
void TestTamper::planNamesWhatItLeftOut()
{
    const QString path = m_dir.filePath(s("plan-left-out.sqlite"));
    QString checklistId;
    {
        TimelineStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        const qint64 id = test::scriptedIncident(store);
        checklistId = store.incident(id)->checklistId;
    }
    const Run intact = runWarroom({s("plan"), checklistId, s("--db"), path});
    QCOMPARE(intact.exitCode, 0);
    QCOMPARE(test::rawSql(path, s("DROP TRIGGER incidents_immutable_update; UPDATE incidents SET "
                                  "checklist_json = CAST(replace(CAST(checklist_json AS TEXT), "
                                  "'Freeze writes', 'Keep writes') AS BLOB)")),
             QString());
    const Run r = runWarroom({s("plan"), checklistId, s("--db"), path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(s("incident #1 left out: chain BROKEN")), qPrintable(r.err));
    QVERIFY2(r.err.contains(s("has run in an incident whose timeline verifies (1 left out, "
                              "named above)")),
             qPrintable(r.err));
}

void TestTamper::verifyFindsTampering()
{
    const QString db = m_dir.filePath(QStringLiteral("tamper.sqlite"));
    const QString json = m_dir.filePath(QStringLiteral("before.json"));
    Run r = exportDemoAndVerify(db, json);
    QCOMPARE(r.exitCode, 0);
    // Against its export as written: what was compared is said.
    const QStringList against{s("verify"), s("--db"), db, s("--incident"), s("1"), s("--against")};
    r = runWarroom(against + QStringList{json});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(s("before.json: chain intact; incident 1 still holds its ")),
             qPrintable(r.out));
    // An event's actor edited in a copy leaves its head and count as they were: the copy's own
    // chain refuses it (it passed as evidence before, saying what a run without it said).
    {
        QFile original(json);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QByteArray text = original.readAll();
        const qsizetype actor = text.indexOf("\"actor\":\"") + 9;
        QVERIFY(actor >= 9);
        text.replace(actor, text.indexOf('"', actor) - actor, "mallory");
        QFile edited(m_dir.filePath(s("edited.json")));
        QVERIFY(edited.open(QIODevice::WriteOnly));
        edited.write(text);
    }
    r = runWarroom(against + QStringList{m_dir.filePath(s("edited.json"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(s("edited.json: chain BROKEN at event "))
                 && r.err.contains(s("this export is not as warroom wrote it")),
             qPrintable(r.err));
    QVERIFY2(!r.out.contains(s("still holds")), qPrintable(r.out));
    // An export whose span held no event (every event a placeholder) is warroom's own: its links
    // and head are compared, and it passes as before.
    const QString empty = m_dir.filePath(s("empty-span.json"));
    r = runWarroom({s("export"), s("--db"), db, s("--incident"), s("1"), s("--format"), s("json"),
                    s("-o"), empty, s("--from"), s("600"), s("--to"), s("700")});
    QCOMPARE(r.exitCode, 0);
    r = runWarroom(against + QStringList{empty});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(s("empty-span.json: every event left out of it, its links hold; "
                              "incident 1 still holds its ")),
             qPrintable(r.out));
    // Forge the export's head: verify names it and fails.
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray text = file.readAll();
    // The head is the demo's last event, however many the demo writes.
    const qint64 head = QJsonDocument::fromJson(text)
                            .object()
                            .value(QStringLiteral("chain"))
                            .toObject()
                            .value(QStringLiteral("event_count"))
                            .toInteger();
    // Its first digit changed, so the hash keeps its form and only the chain can tell.
    const qsizetype digit = text.indexOf("\"head_hash\": \"") + 14;
    QVERIFY(digit >= 14);
    text[digit] = text.at(digit) == 'f' ? 'e' : 'f';
    file.resize(0);
    file.write(text);
    file.close();
    r = runWarroom({QStringLiteral("verify"), json});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("chain BROKEN at event %1").arg(head)),
             qPrintable(r.err));
    // Against the database: the export's own chain refuses it first, and the database's intact
    // chain is not blamed ("the recorded head was forged" named the database's check).
    r = runWarroom(against + QStringList{json});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(s("before.json: chain BROKEN at event %1").arg(head))
                 && r.err.contains(s("this export is not as warroom wrote it")),
             qPrintable(r.err));
    QVERIFY2(!r.out.contains(s("incident 1:")), qPrintable(r.out));
    // Another incident's export is no evidence of tampering: it was called "the history before
    // it was rewritten".
    qint64 other = 0;
    {
        TimelineStore store;
        QString error;
        QVERIFY2(store.open(db, &error), qPrintable(error));
        other = test::scriptedIncident(store);
    }
    const QString otherJson = m_dir.filePath(QStringLiteral("other.json"));
    QCOMPARE(runWarroom({s("export"), s("--db"), db, s("--incident"), QString::number(other),
                         s("--format"), s("json"), s("--output"), otherJson})
                 .exitCode,
             0);
    r = runWarroom(
        {s("verify"), s("--db"), db, s("--incident"), s("1"), s("--against"), otherJson});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(s("is the export of incident "))
                 && r.err.contains(s("not of incident 1")) && !r.err.contains(s("BROKEN")),
             qPrintable(r.err));
    r = runWarroom({QStringLiteral("verify"), m_dir.filePath(QStringLiteral("nope.json"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("cannot read")), qPrintable(r.err));
    r = runWarroom({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--incident"),
                 QStringLiteral("1"), QStringLiteral("--format"), QStringLiteral("docx"),
                 QStringLiteral("--output"), json});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("unknown export format 'docx'")));
}

QTEST_MAIN(TestTamper)
#include "tst_tamper.moc"
