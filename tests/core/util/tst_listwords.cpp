#include "util/ListWords.h"

#include <QTest>

using namespace warroom;

class TestListWords : public QObject
{
    Q_OBJECT

private slots:
    void join_data();
    void join();
};

void TestListWords::join_data()
{
    QTest::addColumn<QStringList>("parts");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << QStringList{} << QString();
    QTest::newRow("one") << QStringList{QStringLiteral("body")} << QStringLiteral("body");
    QTest::newRow("two") << QStringList{QStringLiteral("URL"), QStringLiteral("body")}
                         << QStringLiteral("URL and body");
    QTest::newRow("three, no comma before and")
        << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}
        << QStringLiteral("a, b and c");
    QTest::newRow("a part with a comma of its own")
        << QStringList{QStringLiteral("x, y"), QStringLiteral("z")} << QStringLiteral("x, y and z");
}

void TestListWords::join()
{
    QFETCH(QStringList, parts);
    QFETCH(QString, text);
    QCOMPARE(joinAsList(parts), text);
}

QTEST_APPLESS_MAIN(TestListWords)
#include "tst_listwords.moc"
