// A checklist recorded with an incident is read as the build that recorded it read it: what was
// committed stays readable, while a file offered for a new incident meets every rule of today.
#include "checklist/ChecklistParser.h"

#include <QFile>
#include <QTest>

using namespace warroom;

class TestRecordedChecklist : public QObject
{
    Q_OBJECT

private slots:
    void recordedChecklistKeepsItsNames();
    void finalLineFeed_data();
    void finalLineFeed();
};

// A checklist recorded with an incident, maybe by an older build, is read without the name rules
// of 2026-12-01: what was committed stays readable. Its title is one line either way, as before.
void TestRecordedChecklist::recordedChecklistKeepsItsNames()
{
    QFile f(QStringLiteral(WARROOM_TEST_DATA "/checklists/bad/bad-names.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    const auto r = ChecklistParser::parse(data, QStringLiteral("recorded"),
                                          ChecklistParser::Origin::Recorded);
    QVERIFY2(r.ok(), qPrintable(formatDiagnostics(r.diagnostics)));
    QCOMPARE(r.checklist->steps.at(1).title.size(), 201);
    QCOMPARE(r.checklist->roles.at(0).title, QStringLiteral("Incident\u2028commander"));
    QByteArray twoLines = data;
    twoLines.replace("\"title\": \"t\"", "\"title\": \"t\\nforged\"");
    QVERIFY(twoLines != data);
    const auto title = ChecklistParser::parse(twoLines, QStringLiteral("recorded"),
                                              ChecklistParser::Origin::Recorded);
    QVERIFY(!title.ok());
    QVERIFY2(formatDiagnostics(title.diagnostics).contains(QStringLiteral("$.title: control")),
             qPrintable(formatDiagnostics(title.diagnostics)));
}

void TestRecordedChecklist::finalLineFeed_data()
{
    QTest::addColumn<QByteArray>("from"); // in the minimal checklist
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("place");
    QTest::newRow("step id") << QByteArray(R"("id": "only")") << QByteArray(R"("id": "only\n")")
                             << QStringLiteral("$.steps[0].id");
    QTest::newRow("item id") << QByteArray(R"("id": "done")") << QByteArray(R"("id": "done\n")")
                             << QStringLiteral("$.steps[0].items[0].id");
    QTest::newRow("checklist id") << QByteArray(R"("id": "minimal")")
                                  << QByteArray(R"("id": "minimal\n")") << QStringLiteral("$.id");
    // Recorded with every incident and printed in its documents: no one-line rule held it.
    QTest::newRow("revision") << QByteArray(R"("revision": "1")")
                              << QByteArray(R"("revision": "1\n")") << QStringLiteral("$.revision");
    QTest::newRow("variable name")
        << QByteArray(R"("revision": "1",)")
        << QByteArray(
               R"("revision": "1", "variables": [ { "name": "service\n", "prompt": "Service" } ],)")
        << QStringLiteral("$.variables[0].name");
}

// An id or a variable's name ending in a line feed: the patterns' `$` matched before it, so
// `warroom validate` passed "only\n" and a drill wrote it into its timeline. A file is refused
// now, naming the place; a checklist recorded so with an incident is read as it was.
void TestRecordedChecklist::finalLineFeed()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, place);
    QFile f(QStringLiteral(WARROOM_TEST_DATA "/checklists/good/minimal.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray data = f.readAll();
    QVERIFY(data.contains(from));
    data.replace(data.indexOf(from), from.size(), to);
    const auto file = ChecklistParser::parse(data, QStringLiteral("nl.json"));
    QVERIFY(!file.ok());
    const QString said = formatDiagnostics(file.diagnostics);
    QVERIFY2(said.contains(place + QStringLiteral(": ")), qPrintable(said));
    const auto recorded = ChecklistParser::parse(data, QStringLiteral("recorded"),
                                                 ChecklistParser::Origin::Recorded);
    QVERIFY2(recorded.ok(), qPrintable(formatDiagnostics(recorded.diagnostics)));
}

QTEST_GUILESS_MAIN(TestRecordedChecklist)
#include "tst_recordedchecklist.moc"
