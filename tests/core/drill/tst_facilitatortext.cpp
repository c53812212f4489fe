#include "facilitation/FacilitatorLog.h"
#include "facilitation/FacilitatorText.h"

#include <QTest>

using namespace warroom;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

// What a facilitator types into an observation or a rating's note, attacked: empty, 10,000
// characters and one more, CR/LF and tabs (a pasted paragraph), and control characters a
// terminal or a document would act on. The same answer through the log the recorder and the
// record's replay use, for observations and ratings alike.
class TestFacilitatorText : public QObject
{
    Q_OBJECT

private slots:
    void note_data();
    void note();
};

void TestFacilitatorText::note_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("recorded"); // when ok: the text kept; else a word of the reason
    QTest::newRow("plain") << s("Sam hesitated at the two-person rule") << true
                           << s("Sam hesitated at the two-person rule");
    QTest::newRow("trimmed") << s("  ramp held  ") << true << s("ramp held");
    QTest::newRow("empty") << QString() << true << QString();
    QTest::newRow("CR LF folds to one space")
        << s("first line\r\nsecond line\n\nthird") << true << s("first line second line third");
    QTest::newRow("tab folds") << s("a\tb") << true << s("a b");
    QTest::newRow("line separator folds") << s("a\u2028b") << true << s("a b");
    QTest::newRow("only breaks: empty") << s("\r\n\t") << true << QString();
    QTest::newRow("ESC refused") << s("ok \x1b[31mred") << false << s("U+001B at character 4");
    QTest::newRow("NUL refused") << QString(QChar(u'a')) + QChar(0) + QChar(u'b') << false
                                 << s("U+0000 at character 2");
    // Counted in characters as an editor counts them: the emoji is one, not two UTF-16 units.
    QTest::newRow("place after an emoji")
        << s("\U0001F6A8 ok \x1b") << false << s("U+001B at character 6");
    QTest::newRow("DEL refused") << s("a\x7f") << false << s("U+007F");
    QTest::newRow("C1 CSI refused") << s("a\u009b2J") << false << s("U+009B");
    QTest::newRow("10,000 characters kept") << QString(FacilitatorText::maxChars, u'x') << true
                                            << QString(FacilitatorText::maxChars, u'x');
    QTest::newRow("10,001 characters refused")
        << QString(FacilitatorText::maxChars + 1, u'x') << false << s("longer than 10000");
    QTest::newRow("long only before trimming")
        << s("  ") + QString(FacilitatorText::maxChars, u'y') + s("\n") << true
        << QString(FacilitatorText::maxChars, u'y');
}

void TestFacilitatorText::note()
{
    QFETCH(QString, typed);
    QFETCH(bool, ok);
    QFETCH(QString, recorded);
    QString error;
    const std::optional<QString> clean = FacilitatorText::clean(typed, &error);
    QCOMPARE(clean.has_value(), ok);
    if (ok)
        QCOMPARE(*clean, recorded);
    else
        QVERIFY2(error.contains(recorded), qPrintable(error));

    // A rating's note: the same text kept, or the rating refused and nothing replaced.
    FacilitatorLog log;
    QVERIFY(log.rate({s("scope"), PerformanceRating::SomeChallenges, s("before"), 0, s("F")},
                     &error));
    error.clear();
    const bool rated = log.rate({s("scope"), PerformanceRating::Performed, typed, 1, s("F")},
                                &error);
    QCOMPARE(rated, ok);
    QCOMPARE(log.rating(s("scope"))->note, ok ? recorded : s("before"));
    QCOMPARE(error.isEmpty(), ok);

    // An observation: kept as cleaned, or refused; an empty one is refused in words.
    error.clear();
    const bool observed = log.observe({1, s("scope"), typed, s("F")}, &error);
    QCOMPARE(observed, ok && !recorded.isEmpty());
    QCOMPARE(log.observations().size(), observed ? 1 : 0);
    if (observed)
        QCOMPARE(log.observations().constFirst().text, recorded);
    else
        QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestFacilitatorText)
#include "tst_facilitatortext.moc"
