// BidiControls: the embedding, override and isolate controls are shown as U+FFFD where they were;
// everything else, right-to-left letters and the directional marks included, stays as typed.
#include "support/TestStrings.h"
#include "util/BidiControls.h"

#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestBidiControls : public QObject
{
    Q_OBJECT

private slots:
    void shown_data();
    void shown();
    void noControlNoCopy();
};

void TestBidiControls::shown_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const QString r = QString(QChar(0xFFFD));
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("plain") << s("rollback done") << s("rollback done");
    QTest::newRow("right-to-left letters")
        << s("\u05e9\u05dc\u05d5\u05dd rollback") << s("\u05e9\u05dc\u05d5\u05dd rollback");
    QTest::newRow("directional marks kept") << s("a\u200eb\u200fc") << s("a\u200eb\u200fc");
    QTest::newRow("right-to-left override")
        << s("bidi \u202eoverride\u202c end") << s("bidi ") + r + s("override") + r + s(" end");
    QTest::newRow("every embedding and override")
        << s("\u202a\u202b\u202c\u202d\u202e") << r.repeated(5);
    QTest::newRow("every isolate") << s("\u2066\u2067\u2068\u2069") << r.repeated(4);
    QTest::newRow("neighbours left alone")
        << s("\u2029\u202f\u2065\u206a") << s("\u2029\u202f\u2065\u206a");
    QTest::newRow("at the start and the end") << s("\u2067name\u2069") << r + s("name") + r;
}

void TestBidiControls::shown()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(BidiControls::shown(text), expected);
    QCOMPARE(BidiControls::shown(text).size(), text.size()); // one character for one
}

// A document without any control is handed back as it was, not copied.
void TestBidiControls::noControlNoCopy()
{
    const QString document = s("| T+00:00:01 | Priya | Note: rollback |\n").repeated(1000);
    const QString out = BidiControls::shown(document);
    QCOMPARE(out.constData(), document.constData());
}

QTEST_MAIN(TestBidiControls)
#include "tst_bidicontrols.moc"
