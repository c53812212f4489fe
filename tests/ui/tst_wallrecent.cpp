// The wall's recent list with notes no space can break: a 130-character word and a long URL are
// shown whole, wrapped inside the wall's width (QLabel cut them at the right edge), and a newest
// note taller than the whole list is cut with a visible "…" instead of emptying the list.
#include "ui/wall/WallEntryLabel.h"
#include "ui/wall/WallRecentList.h"
#include "ui/wall/WallStyle.h"

#include "support/TestStrings.h"

#include <QApplication>
#include <QLabel>
#include <QTest>

#include <cmath>

using namespace warroom;
using warroom::test::s;

class TestWallRecent : public QObject
{
    Q_OBJECT

private slots:
    void longWordsWrapWhole_data();
    void longWordsWrapWhole();
    void newestTallerThanTheListIsCutVisibly();
};

namespace {

constexpr int screenHeight = 1080;

// The list on a wall window of this size, styled as the wall is, showing `entries`.
struct Wall
{
    explicit Wall(const QList<WallTimelineEntry> &entries, QSize size = {1000, 700})
    {
        window.setObjectName(QStringLiteral("wallWindow"));
        window.setStyleSheet(WallStyle::styleSheet(screenHeight));
        window.resize(size);
        list = new WallRecentList(&window);
        list->setGeometry(0, 0, size.width(), size.height());
        window.show();
        list->setEntries(entries);
    }

    QList<QLabel *> shown() const
    {
        QList<QLabel *> out;
        for (QLabel *l : list->findChildren<QLabel *>(QStringLiteral("wallRecentEntry")))
            if (l->isVisible())
                out << l;
        return out;
    }

    QWidget window;
    WallRecentList *list = nullptr;
};

} // namespace

void TestWallRecent::longWordsWrapWhole_data()
{
    QTest::addColumn<QString>("note");
    QTest::newRow("130 characters, no space")
        << s("Note: ") + QString(60, u'x') + s("TRACEIDabcdef0123456789") + QString(47, u'y');
    QTest::newRow("URL") << s("Note: https://grafana.example.internal/d/checkoutapi5xx/"
                              "checkouterrors?orgId=1&from=now-6h&to=now&varregion=eucentral1"
                              "&varcanary=true&refresh=10s&panel=7&tab=queries");
}

void TestWallRecent::longWordsWrapWhole()
{
    QFETCH(QString, note);
    const Wall wall({{s("T+00:40:01"), s("Sam Okafor"), note, false},
                     {s("T+00:18:00"), s("Lena Vogt"), s("Note: two pods stuck"), false}});
    const QList<QLabel *> shown = wall.shown();
    QCOMPARE(shown.size(), 2);
    QLabel *entry = shown.first();
    QVERIFY(entry->text().endsWith(note));
    // Lines can only hold the text whole if together they are as wide as it is: fewer lines
    // than that means a word ran past the edge and was cut.
    const QFontMetricsF metrics(entry->font());
    const qreal width = entry->contentsRect().width();
    const int needed = int(std::ceil(metrics.horizontalAdvance(entry->text()) / width));
    QVERIFY2(needed >= 3, qPrintable(QString::number(needed)));
    QVERIFY2(entry->height() >= needed * metrics.lineSpacing() - 1,
             qPrintable(s("%1 px tall for %2 lines of %3 px")
                            .arg(entry->height())
                            .arg(needed)
                            .arg(metrics.lineSpacing())));
    QVERIFY(entry->geometry().bottom() < shown.at(1)->geometry().top());

    const auto *label = qobject_cast<WallEntryLabel *>(entry);
    QVERIFY(label);
    const QStringList lines = label->shownLines();
    QCOMPARE(lines.join(QString()), entry->text()); // every character, none twice
    for (const QString &line : lines)
        QVERIFY2(metrics.horizontalAdvance(line.trimmed()) <= width + 0.5, qPrintable(line));
}

void TestWallRecent::newestTallerThanTheListIsCutVisibly()
{
    const QString huge = s("Note: ") + QString(6000, u'z');
    const Wall wall({{s("T+00:40:01"), s("Sam Okafor"), huge, false},
                     {s("T+00:18:00"), s("Lena Vogt"), s("Note: two pods stuck"), false}},
                    {1000, 300});
    const QList<QLabel *> shown = wall.shown();
    QCOMPARE(shown.size(), 1); // the newest, never an empty list
    QVERIFY(shown.first()->text().endsWith(huge));
    QVERIFY(shown.first()->geometry().bottom() < 300);
    QVERIFY(shown.first()->height() > 200); // it takes the room there is

    const auto *label = qobject_cast<WallEntryLabel *>(shown.first());
    QVERIFY(label);
    const QStringList lines = label->shownLines();
    QVERIFY(lines.size() >= 2);
    QVERIFY2(lines.last().endsWith(QChar(0x2026)), qPrintable(lines.last()));
    QVERIFY(lines.first().startsWith(s("T+00:40:01")));
}

QTEST_MAIN(TestWallRecent)
#include "tst_wallrecent.moc"
