// A note as the engine takes it: any text a person writes, lines and tabs included, but no
// control character that would drive a terminal or reach a postmortem raw.
#include "engine/ChecklistEngine.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QTest>

using namespace warroom;
using warroom::test::s;
using warroom::test::TestTimeline;

class TestNotes : public QObject
{
    Q_OBJECT

private slots:
    void notes_data();
    void notes();
};

void TestNotes::notes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("refusal"); // empty: taken
    QTest::newRow("plain") << s("db lag back under 2 s") << QString();
    QTest::newRow("lines and a tab") << s("first\n\tsecond") << QString();
    QTest::newRow("10,000 characters") << QString(10000, u'n') << QString();
    QTest::newRow("10,001 characters")
        << QString(10001, u'n') << s("The note is longer than 10000 characters; split it.");
    QTest::newRow("blank") << s(" \n\t ") << s("The note is empty.");
    QTest::newRow("ESC") << s("red \x1b[31mALL CLEAR")
                         << s("The note has a control character (U+001B) at character 5: write "
                              "it as plain text.");
    QTest::newRow("CR") << s("a\r\nb") << s("(U+000D) at character 2");
    QTest::newRow("NUL") << s("a") + QChar(0) + s("b") << s("(U+0000) at character 2");
    QTest::newRow("DEL") << s("a\x7f") << s("(U+007F) at character 2");
    // 0x9b is a terminal's CSI on its own.
    QTest::newRow("C1 CSI") << s("a") + QChar(0x9b) + s("2J") << s("(U+009B) at character 2");
    // Counted in characters as a person counts them: the rocket is one.
    QTest::newRow("after an emoji") << s("\U0001F680\x1b") << s("(U+001B) at character 2");
}

void TestNotes::notes()
{
    QFETCH(QString, text);
    QFETCH(QString, refusal);
    TestTimeline t(test::parallelChecklist());
    const EnginePlan plan = t.engine().planNote(s("ic"), text);
    QCOMPARE(plan.ok(), refusal.isEmpty());
    if (!refusal.isEmpty()) {
        QVERIFY2(plan.refusal.contains(refusal), qPrintable(plan.refusal));
        return;
    }
    QVERIFY(t.commit(plan));
    QCOMPARE(t.events().constLast().payload.value(s("text")).toString(), text.trimmed());
}

QTEST_GUILESS_MAIN(TestNotes)
#include "tst_notes.moc"
