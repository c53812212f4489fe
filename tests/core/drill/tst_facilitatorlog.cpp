#include "facilitation/FacilitatorLog.h"

#include <QTest>

using namespace warroom;

// The facilitator's observations and P/S/M/U ratings.
class TestFacilitatorLog : public QObject
{
    Q_OBJECT

private slots:
    void parseRatings_data();
    void parseRatings();
    void observationsInDrillOrder();
    void ratingReplacesAndTallies();
};

void TestFacilitatorLog::parseRatings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("meaning");
    QTest::newRow("P") << QString::fromUtf8("P") << true
                       << QString::fromUtf8("performed without challenges");
    QTest::newRow("s lower case") << QString::fromUtf8(" s ") << true
                                  << QString::fromUtf8("performed with some challenges");
    QTest::newRow("M") << QString::fromUtf8("M") << true
                       << QString::fromUtf8("performed with major challenges");
    QTest::newRow("U") << QString::fromUtf8("U") << true
                       << QString::fromUtf8("unable to be performed");
    QTest::newRow("X") << QString::fromUtf8("X") << false << QString::fromUtf8("");
    QTest::newRow("word") << QString::fromUtf8("Performed") << false << QString::fromUtf8("");
    QTest::newRow("empty") << QString::fromUtf8("") << false << QString::fromUtf8("");
}

void TestFacilitatorLog::parseRatings()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, meaning);
    PerformanceRating r = PerformanceRating::Unable;
    QCOMPARE(FacilitatorLog::parse(text, &r), ok);
    if (ok) {
        QCOMPARE(FacilitatorLog::meaning(r), meaning);
        QCOMPARE(FacilitatorLog::letter(r), text.trimmed().toUpper());
    }
}

void TestFacilitatorLog::observationsInDrillOrder()
{
    FacilitatorLog log;
    QString error;
    QVERIFY(log.observe({90'000, QStringLiteral("execute"), QStringLiteral("Sam hesitated"),
                         QStringLiteral("Fran")},
                        &error));
    QVERIFY(
        log.observe({30'000, QStringLiteral("scope"),
                     QStringLiteral("Nobody asked about the migration"), QStringLiteral("Fran")},
                    &error));
    QVERIFY(
        log.observe({60'000, {}, QStringLiteral("Room quiet"), QStringLiteral("Fran")}, &error));
    QVERIFY(!log.observe({70'000, QStringLiteral("scope"), QStringLiteral("  "), {}}, &error));
    QCOMPARE(error, QStringLiteral("an observation needs some words"));
    QCOMPARE(log.observations().size(), 3);
    QCOMPARE(log.observations().at(0).atDrillMs, qint64(30'000));
    QCOMPARE(log.observations().at(1).text, QStringLiteral("Room quiet"));
    QCOMPARE(log.observations().at(2).stepId, QStringLiteral("execute"));
    QCOMPARE(log.observationsOf(QStringLiteral("scope")).size(), 1);
    QCOMPARE(log.observationsOf(QStringLiteral("audit")).size(), 0);
}

void TestFacilitatorLog::ratingReplacesAndTallies()
{
    FacilitatorLog log;
    QString error;
    QVERIFY(log.rate({QStringLiteral("scope"), PerformanceRating::SomeChallenges,
                      QStringLiteral("class chosen late"), 60'000, QStringLiteral("Fran")},
                     &error));
    QVERIFY(
        log.rate({QStringLiteral("execute"), PerformanceRating::Unable, {}, 90'000, {}}, &error));
    QVERIFY(log.rate({QStringLiteral("scope"), PerformanceRating::Performed,
                      QStringLiteral("on reflection, fine"), 120'000, QStringLiteral("Fran")},
                     &error));
    QVERIFY(!log.rate({{}, PerformanceRating::Performed, {}, 0, {}}, &error));
    QCOMPARE(log.ratings().size(), 2);
    QCOMPARE(log.rating(QStringLiteral("scope"))->rating, PerformanceRating::Performed);
    QCOMPARE(log.rating(QStringLiteral("scope"))->note, QStringLiteral("on reflection, fine"));
    QVERIFY(!log.rating(QStringLiteral("audit")));
    QCOMPARE(log.tally(), (QList<int>{1, 0, 0, 1}));
}

QTEST_GUILESS_MAIN(TestFacilitatorLog)
#include "tst_facilitatorlog.moc"
