// The rating dialog by the keys a facilitator presses, each sent where the focus is, as a
// keyboard sends it: a rating's letter moves on to the note, so that what is typed next is the
// note. With the focus left on the ratings, "P" then "quick and clean" rated the step U (at
// the "u") and kept no note.
#include "facilitation/FacilitatorLog.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/facilitation/RatingDialog.h"
#include "ui/main/Resources.h"

#include <QApplication>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestRatingKeys : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { initResources(); }
    void letterThenNote_data();
    void letterThenNote();
};

namespace {
// One key as the keyboard sends it: to the widget with the focus.
void press(Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    QTest::keyClick(QApplication::focusWidget(), key, mods);
}
void type(const QString &text)
{
    for (QChar c : text)
        QTest::keyClicks(QApplication::focusWidget(), QString(c));
}
} // namespace

void TestRatingKeys::letterThenNote_data()
{
    QTest::addColumn<QString>("keys"); // "p" a letter alone, "A-s" Alt+letter, "N" Alt+N, else text
    QTest::addColumn<QString>("rating");
    QTest::addColumn<QString>("note");
    QTest::newRow("p, then a note with u in it")
        << s("p|quick and clean") << s("P") << s("quick and clean");
    QTest::newRow("Alt+S, then a note with s, m and u")
        << s("A-s|slow to summon the db lead") << s("S") << s("slow to summon the db lead");
    QTest::newRow("the note first (Alt+N), then Alt+M")
        << s("N|argued for minutes|A-m") << s("M") << s("argued for minutes");
    QTest::newRow("a letter, then another letter alone re-rates nothing")
        << s("u|pms") << s("U") << s("pms");
}

void TestRatingKeys::letterThenNote()
{
    QFETCH(QString, keys);
    QFETCH(QString, rating);
    QFETCH(QString, note);
    const Checklist checklist = test::shippedChecklist();
    FacilitatorLog log;
    QString ratedStep, ratedNote;
    std::optional<PerformanceRating> rated;
    RatingDialog dialog(checklist, {}, log, s("scope"),
                        [&](const QString &step, PerformanceRating r, const QString &n, QString *) {
                            ratedStep = step;
                            rated = r;
                            ratedNote = n;
                            return true;
                        });
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    for (const QString &k : keys.split(u'|')) {
        if (k == s("N"))
            press(Qt::Key_N, Qt::AltModifier);
        else if (k.startsWith(s("A-")))
            press(Qt::Key(Qt::Key_A + (k.at(2).unicode() - u'a')), Qt::AltModifier);
        else
            type(k);
    }
    press(Qt::Key_Return);
    QVERIFY2(rated.has_value(), qPrintable(dialog.problem()));
    QCOMPARE(FacilitatorLog::letter(*rated), rating);
    QCOMPARE(ratedNote, note);
    QCOMPARE(ratedStep, s("scope"));
}

QTEST_MAIN(TestRatingKeys)
#include "tst_ratingkeys.moc"
