// PersonName: when two typed names are one person's as a reader sees them (the two-person rule
// of an irreversible action), and which characters a name vouching for someone may not carry.
#include "util/PersonName.h"

#include "support/TestStrings.h"

#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestPersonName : public QObject
{
    Q_OBJECT

private slots:
    void same_data();
    void same();
    void problem_data();
    void problem();
    void blank_data();
    void blank();
    void refusal_data();
    void refusal();
};

void TestPersonName::same_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("as typed") << s("Priya Raman") << s("Priya Raman") << true;
    QTest::newRow("case") << s("Priya Raman") << s("PRIYA raman") << true;
    QTest::newRow("spaces around and between") << s("Priya Raman") << s("  Priya   Raman ") << true;
    QTest::newRow("a zero-width space") << s("Priya") << s("Pri\u200bya") << true;
    QTest::newRow("a word joiner") << s("Priya") << s("Pri\u2060ya") << true;
    QTest::newRow("a soft hyphen") << s("Priya") << s("Pri\u00adya") << true;
    QTest::newRow("a byte order mark") << s("Priya") << s("\ufeffPriya") << true;
    QTest::newRow("a right-to-left override") << s("Priya") << s("\u202ePriya") << true;
    QTest::newRow("a tag character") << s("Priya") << s("Priya\U000E0041") << true;
    QTest::newRow("full-width letters")
        << s("Priya") << s("\uff30\uff52\uff49\uff59\uff41") << true;
    QTest::newRow("composed and decomposed") << s("Jos\u00e9") << s("Jose\u0301") << true;
    QTest::newRow("an invisible between letter and accent")
        << s("Jos\u00e9") << s("Jose\u200b\u0301") << true;
    QTest::newRow("a combining grapheme joiner") << s("Priya") << s("Priya\u034f") << true;
    QTest::newRow("a variation selector") << s("Priya") << s("Pri\ufe0fya") << true;
    QTest::newRow("a Hangul filler") << s("Sam") << s("\u3164Sam") << true;
    QTest::newRow("a tab is a space") << s("Ann Bell") << s("Ann\tBell") << true;
    QTest::newRow("a tab is not nothing") << s("AnnBell") << s("Ann\tBell") << false;
    // Simple case folding (QString::toCaseFolded): ß does not become ss.
    QTest::newRow("sharp s against ss (not caught)") << s("Strau\u00df") << s("STRAUSS") << false;
    QTest::newRow("another person") << s("Priya Raman") << s("Sam Okafor") << false;
    QTest::newRow("a letter more") << s("Priya") << s("Priyaa") << false;
    QTest::newRow("another accent") << s("Jos\u00e9") << s("Jos\u00e8") << false;
    QTest::newRow("a Cyrillic look-alike (not caught)") << s("Priya") << s("Pri\u0443a") << false;
    QTest::newRow("right to left, the same")
        << s("\u05e9\u05e8\u05d4") << s("\u05e9\u05e8\u05d4") << true;
}

void TestPersonName::same()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(PersonName::same(a, b), same);
    QCOMPARE(PersonName::same(b, a), same);
}

void TestPersonName::problem_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("problem");
    QTest::newRow("plain") << s("Priya Raman") << QString();
    QTest::newRow("accents") << s("Jos\u00e9 M\u00fcller") << QString();
    QTest::newRow("right to left") << s("\u05e9\u05e8\u05d4 \u05db\u05d4\u05df") << QString();
    QTest::newRow("empty (the caller's)") << QString() << QString();
    const QString at = s("has an invisible or control character (U+%1) at character %2");
    QTest::newRow("zero-width space") << s("Pri\u200bya") << at.arg(s("200B")).arg(4);
    QTest::newRow("override first") << s("\u202eSam") << at.arg(s("202E")).arg(1);
    QTest::newRow("isolate last") << s("Sam\u2069") << at.arg(s("2069")).arg(4);
    QTest::newRow("soft hyphen") << s("Sa\u00adm") << at.arg(s("00AD")).arg(3);
    QTest::newRow("tab") << s("Sam\tLi") << at.arg(s("0009")).arg(4);
    QTest::newRow("line feed") << s("Sam\nLi") << at.arg(s("000A")).arg(4);
    QTest::newRow("DEL") << s("Sam\u007f") << at.arg(s("007F")).arg(4);
    QTest::newRow("C1 control") << s("Sam\u0085") << at.arg(s("0085")).arg(4);
    // Counted in characters, not UTF-16 units: the emoji before it is one.
    QTest::newRow("tag after an emoji") << s("\U0001F600\U000E0041") << at.arg(s("E0041")).arg(2);
    QTest::newRow("the first of two") << s("A\u200bB\u200d") << at.arg(s("200B")).arg(2);
    QTest::newRow("combining grapheme joiner") << s("Priya\u034f") << at.arg(s("034F")).arg(6);
    QTest::newRow("variation selector") << s("Pri\ufe0fya") << at.arg(s("FE0F")).arg(4);
    QTest::newRow("Hangul filler") << s("\u3164Sam") << at.arg(s("3164")).arg(1);
    QTest::newRow("left-to-right mark") << s("Sam\u200e") << at.arg(s("200E")).arg(4);
    QTest::newRow("joiner at the end") << s("Sam\u200d") << at.arg(s("200D")).arg(4);
    QTest::newRow("non-joiner before a space") << s("Sam\u200c Li") << at.arg(s("200C")).arg(4);
    // Spelling: a zero-width non-joiner inside a Persian name, a joiner inside a Devanagari one.
    QTest::newRow("Persian non-joiner") << s("\u0645\u06cc\u200c\u0631\u0648") << QString();
    QTest::newRow("Devanagari joiner") << s("\u0915\u094d\u200d\u0937") << QString();
    // Counted in characters: 200 emoji are a name, 201 letters are not.
    QTest::newRow("200 characters") << s("\U0001F600").repeated(200) << QString();
    QTest::newRow("201 characters")
        << QString(201, u'a') << s("is 201 characters long, more than the 200 a name may have");
    QTest::newRow("10,000 characters")
        << QString(10'000, u'a')
        << s("is 10000 characters long, more than the 200 a name may have");
}

void TestPersonName::problem()
{
    QFETCH(QString, name);
    QFETCH(QString, problem);
    QCOMPARE(PersonName::problem(name), problem);
}

void TestPersonName::blank_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("blank");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("spaces and a tab") << s(" \t ") << true;
    QTest::newRow("zero-width spaces") << s("\u200b\u200b") << true;
    QTest::newRow("soft hyphen and a space") << s("\u00ad ") << true;
    QTest::newRow("tag characters") << s("\U000E0041\U000E0042") << true;
    QTest::newRow("a letter among them") << s("\u200bA\u200b") << false;
    QTest::newRow("an emoji") << s("\U0001F525") << false;
    QTest::newRow("a combining mark alone") << s("\u0301") << false; // shown on a dotted circle
}

void TestPersonName::blank()
{
    QFETCH(QString, text);
    QFETCH(bool, blank);
    QCOMPARE(PersonName::blank(text), blank);
}

// Every place that refuses a name says it one way; the commander's is one wording for the
// declaration, the facilitator's start and `--facilitator --actor`.
void TestPersonName::refusal_data()
{
    QTest::addColumn<QString>("whose");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("refusal");
    const QString commander = s("The commander's name");
    QTest::newRow("a plain name") << commander << s("Mara Quinn") << QString();
    QTest::newRow("empty (the caller's)") << commander << QString() << QString();
    QTest::newRow("commander, override")
        << commander << s("\u202eSam")
        << s("The commander's name has an invisible or control character (U+202E) at character 1: "
             "type it plainly.");
    QTest::newRow("second person, too long")
        << s("The second person's name") << QString(201, u'a')
        << s("The second person's name is 201 characters long, more than the 200 a name may "
             "have: type it plainly.");
    // The role's title is text of the checklist's: a '%2' in it is not filled in again.
    QTest::newRow("a title with a placeholder")
        << s("The name given for Scribe %2") << s("Sam\u200b")
        << s("The name given for Scribe %2 has an invisible or control character (U+200B) at "
             "character 4: type it plainly.");
}

void TestPersonName::refusal()
{
    QFETCH(QString, whose);
    QFETCH(QString, name);
    QFETCH(QString, refusal);
    QCOMPARE(PersonName::refusal(whose, name), refusal);
    if (whose == s("The commander's name"))
        QCOMPARE(PersonName::commanderRefusal(name), refusal);
}

QTEST_MAIN(TestPersonName)
#include "tst_personname.moc"
