// VocabularyWord: an event's kind compared with the vocabulary's words, letter by letter, as Qt
// compares a QString with a QLatin1StringView, but inline.
#include "timeline/EventVocabulary.h"

#include <QTest>

using namespace warroom;

class TestVocabularyWord : public QObject
{
    Q_OBJECT

private slots:
    void equality_data();
    void equality();
};

void TestVocabularyWord::equality_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("equal");
    QTest::newRow("the same word") << QStringLiteral("check.sampled") << true;
    QTest::newRow("another kind of the same length") << QStringLiteral("step.finished") << false;
    QTest::newRow("one letter off, last") << QStringLiteral("check.sampleD") << false;
    QTest::newRow("one letter off, first") << QStringLiteral("Check.sampled") << false;
    QTest::newRow("shorter") << QStringLiteral("check.sample") << false;
    QTest::newRow("longer") << QStringLiteral("check.sampleds") << false;
    QTest::newRow("empty") << QString() << false;
    // A letter past Latin-1 whose low byte is a letter of the word must not match it.
    QTest::newRow("U+0165 where 'e' is")
        << QStringLiteral("check.sampl") + QChar(0x0165) + QStringLiteral("d") << false;
    QTest::newRow("U+0163 where 'c' is") << QChar(0x0163) + QStringLiteral("heck.sampled") << false;
}

void TestVocabularyWord::equality()
{
    QFETCH(QString, text);
    QFETCH(bool, equal);
    QCOMPARE(text == EventKind::CheckSampled, equal);
    QCOMPARE(EventKind::CheckSampled == text, equal);
    QCOMPARE(text != EventKind::CheckSampled, !equal);
    // The same answer as Qt's own comparison with the word as a QLatin1StringView.
    QCOMPARE(text == static_cast<QLatin1StringView>(EventKind::CheckSampled), equal);
    QCOMPARE(QLatin1StringView("check.sampled") == EventKind::CheckSampled, true);
    QCOMPARE(QLatin1StringView("check.started") == EventKind::CheckSampled, false);
}

QTEST_MAIN(TestVocabularyWord)
#include "tst_vocabularyword.moc"
