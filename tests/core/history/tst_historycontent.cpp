// A checklist revision is its content too: two files with one id and revision but other steps
// or minutes (a checklist edited without a new revision) are measured apart by history, the
// plan sheet, the declare line, the console's measured plan and the debrief, and each says the
// revision was reused; ChecklistHistory::find is their one lookup. The seven scripted incidents
// of one content are tst_history's.
#include "HistoryFacts.h"

#include "history/ChecklistHistory.h"
#include "history/HistoryText.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace warroom;
using warroom::test::minute;
using warroom::test::s;
using warroom::test::t0;

namespace {

// A drill of `checklist` (its id, revision and content) whose execute step took `executeMinutes`.
IncidentFacts drill(qint64 id, const Checklist &checklist, double executeMinutes)
{
    return test::drillFacts(id, t0 + id * 60 * minute, checklist,
                            qRound64(executeMinutes * minute));
}

qint64 expectedMs(const ChecklistHistory &h, const QString &stepId)
{
    for (const ChecklistHistory::Step &step : h.steps) {
        if (step.id == stepId)
            return step.expectedMs;
    }
    return -1;
}

} // namespace

class TestHistoryContent : public QObject
{
    Q_OBJECT

private slots:
    void find_data();
    void find();
    void editedRevisionMeasuredApart();
};

// ChecklistHistory::find, the one lookup of a checklist revision's history (the plan sheet in
// the window and on the command line, the declare line, HistoryCache): id, revision and content
// all match, or nothing does.
void TestHistoryContent::find_data()
{
    QTest::addColumn<QStringList>("entries"); // "id|revision[|content]", in order
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("revision"); // "revision[|content]": content "c" unless given
    QTest::addColumn<int>("expected");     // the index found, -1 for none
    const QStringList two{s("rollback|2024.1"), s("rollback|2024.2")};
    QTest::newRow("first") << two << s("rollback") << s("2024.1") << 0;
    QTest::newRow("second") << two << s("rollback") << s("2024.2") << 1;
    QTest::newRow("revision not run") << two << s("rollback") << s("2024.3") << -1;
    QTest::newRow("other id, same revision")
        << QStringList{s("canary|1"), s("rollback|2")} << s("rollback") << s("1") << -1;
    QTest::newRow("empty history") << QStringList{} << s("rollback") << s("1") << -1;
    QTest::newRow("case matters") << QStringList{s("Rollback|1")} << s("rollback") << s("1") << -1;
    // key() joins id and revision with a newline; find compares them apart.
    QTest::newRow("separator in id") << QStringList{s("a\nb|c")} << s("a") << s("b\nc") << -1;
    const QStringList edited{s("rollback|7|c"), s("rollback|7|d")}; // one revision, two contents
    QTest::newRow("a revision's second content") << edited << s("rollback") << s("7|d") << 1;
    QTest::newRow("a revision's content not run") << edited << s("rollback") << s("7|e") << -1;
}

void TestHistoryContent::find()
{
    QFETCH(QStringList, entries);
    QFETCH(QString, id);
    QFETCH(QString, revision);
    QFETCH(int, expected);
    QList<ChecklistHistory> histories;
    const auto content = [](const QString &fields, int at) {
        return fields.count(u'|') > at - 1 ? fields.section(u'|', at, at).toLatin1()
                                           : QByteArray("c");
    };
    for (const QString &entry : std::as_const(entries)) {
        ChecklistHistory h;
        h.checklistId = entry.section(u'|', 0, 0);
        h.revision = entry.section(u'|', 1, 1);
        h.sha256 = content(entry, 2);
        histories.append(h);
    }
    Checklist wanted;
    wanted.id = id;
    wanted.revision = revision.section(u'|', 0, 0);
    wanted.sourceSha256 = content(revision, 1);
    const ChecklistHistory *found = ChecklistHistory::find(histories, wanted);
    if (expected < 0) {
        QVERIFY(!found);
    } else {
        QVERIFY(found);
        QCOMPARE(found, &histories.at(expected)); // the entry itself, not a copy
    }
}

// The shipped checklist run twice, then edited (execute planned at 40 minutes, not 15) and run
// once under the same id and revision: two entries, each with its own incidents, steps and
// minutes, each naming the other content. They were one entry with the edited minutes, whose
// median pooled both contents' runs.
void TestHistoryContent::editedRevisionMeasuredApart()
{
    const Checklist shipped = test::shippedChecklist();
    Checklist edited = shipped;
    for (ChecklistStep &step : edited.steps) {
        if (step.id == QLatin1String("execute"))
            step.expectedMinutes = 40;
    }
    edited.sourceSha256 = QByteArray(64, 'e');
    QVERIFY(edited.sourceSha256 != shipped.sourceSha256);
    const QList<IncidentFacts> facts{drill(1, shipped, 10), drill(2, shipped, 12),
                                     drill(3, edited, 40)};
    const QList<ChecklistHistory> histories
        = ChecklistHistory::build(facts, test::byKey({shipped, edited}));
    QCOMPARE(histories.size(), 2);
    const ChecklistHistory *first = ChecklistHistory::find(histories, shipped);
    const ChecklistHistory *second = ChecklistHistory::find(histories, edited);
    QVERIFY(first && second && first != second);
    QCOMPARE(first->drills.size(), 2);
    QCOMPARE(second->drills.size(), 1);
    QCOMPARE(expectedMs(*first, s("execute")), 15 * minute);
    QCOMPARE(expectedMs(*second, s("execute")), 40 * minute);
    QCOMPARE(first->measuredDrillMs().value(s("execute")), 11 * minute);
    QCOMPARE(second->measuredDrillMs().value(s("execute")), 40 * minute);
    QCOMPARE(first->otherContents, QList<QByteArray>{edited.sourceSha256});
    QCOMPARE(second->otherContents, QList<QByteArray>{shipped.sourceSha256});

    // Each heading names its content, and the other one is named under it.
    const QString text = HistoryText::text(histories, false, t0);
    const QString shippedShort = QString::fromLatin1(shipped.sourceSha256.left(8));
    for (const QString &wanted :
         {s("%1 revision %2 (content sha256 %3): ").arg(shipped.id, shipped.revision, shippedShort),
          s("%1 revision %2 (content sha256 eeeeeeee): ").arg(shipped.id, shipped.revision),
          s("Revision %1 was also run with other content (sha256 eeeeeeee), measured apart")
              .arg(shipped.revision),
          s("Revision %1 was also run with other content (sha256 %2), measured apart")
              .arg(shipped.revision, shippedShort)})
        QVERIFY2(text.contains(wanted), qPrintable(wanted + s("\n---\n") + text));
    // A revision run with one content only reads as before: no content named.
    const QString one = HistoryText::text(
        ChecklistHistory::build(facts.mid(0, 2), test::byKey({shipped})), false, t0);
    QVERIFY2(!one.contains(s("sha256")), qPrintable(one));
    // CSV: every row ends with its content; JSON: each entry's and the other's.
    const QStringList rows = HistoryText::csv(histories).split(s("\r\n"), Qt::SkipEmptyParts);
    QVERIFY(rows.first().endsWith(s(",incidents,checklist_sha256")));
    int edits = 0;
    for (const QString &row : rows.mid(1)) {
        QVERIFY2(row.endsWith(QString::fromLatin1(shipped.sourceSha256))
                     || row.endsWith(QString::fromLatin1(edited.sourceSha256)),
                 qPrintable(row));
        edits += row.endsWith(QString::fromLatin1(edited.sourceSha256)) ? 1 : 0;
    }
    QCOMPARE(edits, 2 * (shipped.steps.size() + 1)); // DRILL and LIVE, each step and the total
    // The declare line: the edit was never run at real speed beside the shipped content's runs,
    // and a content whose only runs were sped up is its own, not another content: its drills are
    // named as not counted (it said "run a drill" of a checklist drilled that day).
    const QList<ChecklistHistory> shippedOnly
        = ChecklistHistory::build(facts.mid(0, 2), test::byKey({shipped}));
    QCOMPARE(HistoryText::declareLine(shippedOnly, edited, t0),
             s("This checklist: not measured yet \u2014 its revision %1 was run with other "
               "content; run a drill")
                 .arg(shipped.revision));
    IncidentFacts fast = drill(4, shipped, 1);
    fast.speed = 50;
    QCOMPARE(
        HistoryText::declareLine(ChecklistHistory::build({fast}, test::byKey({shipped})), shipped,
                                 t0),
        s("This checklist: not measured yet \u2014 its 1 drill was sped up or played by a script "
          "(the last today); run one people play at \u00D71"));
    const QJsonArray entries = QJsonDocument::fromJson(HistoryText::json(histories).toUtf8())
                                   .object()
                                   .value(s("checklists"))
                                   .toArray();
    QCOMPARE(entries.size(), 2);
    for (const QJsonValue &entry : entries) {
        const QJsonObject o = entry.toObject();
        const bool isEdited = o.value(s("sha256")).toString().startsWith(s("eeee"));
        QCOMPARE(
            o.value(s("other_contents")).toArray(),
            QJsonArray{QString::fromLatin1(isEdited ? shipped.sourceSha256 : edited.sourceSha256)});
    }
}

QTEST_GUILESS_MAIN(TestHistoryContent)
#include "tst_historycontent.moc"
