#include "util/TwoHalves.h"

#include <QMutex>
#include <QSet>
#include <QTest>

#include <thread>

using namespace warroom;

// TwoHalves stands behind the chain check of every long timeline: what it
// returns must be what one pass in order would have found, and every item must be done once.
class TestTwoHalves : public QObject
{
    Q_OBJECT

private slots:
    void firstInOrder_data();
    void firstInOrder();
    void eachItemOnce_data();
    void eachItemOnce();
    void longListUsesTwoThreads();
};

void TestTwoHalves::firstInOrder_data()
{
    QTest::addColumn<qsizetype>("n");
    QTest::addColumn<QList<qsizetype>>("marked");
    QTest::addColumn<qsizetype>("expected");
    const qsizetype longN = 3 * TwoHalves::worthAThread;
    QTest::newRow("empty") << qsizetype(0) << QList<qsizetype>{} << qsizetype(-1);
    QTest::newRow("short, none") << qsizetype(100) << QList<qsizetype>{} << qsizetype(-1);
    QTest::newRow("short, two") << qsizetype(100) << QList<qsizetype>{70, 3} << qsizetype(3);
    QTest::newRow("long, none") << longN << QList<qsizetype>{} << qsizetype(-1);
    // The second half's item is usually reached first (it is nearer its half's start); the
    // first half's must still win.
    QTest::newRow("long, one in each half")
        << longN << QList<qsizetype>{longN / 2, longN / 2 - 1} << qsizetype(longN / 2 - 1);
    QTest::newRow("long, only the second half") << longN << QList<qsizetype>{longN - 1}
                                                << qsizetype(longN - 1);
    QTest::newRow("long, first item") << longN << QList<qsizetype>{0, longN - 1} << qsizetype(0);
    QTest::newRow("at the threshold, odd") << TwoHalves::worthAThread + 1
                                           << QList<qsizetype>{TwoHalves::worthAThread}
                                           << TwoHalves::worthAThread;
}

void TestTwoHalves::firstInOrder()
{
    QFETCH(qsizetype, n);
    QFETCH(QList<qsizetype>, marked);
    QFETCH(qsizetype, expected);
    const QSet<qsizetype> marks(marked.cbegin(), marked.cend());
    const qsizetype got = TwoHalves::first(
        n,
        [&](qsizetype from, qsizetype to) {
            for (qsizetype i = from; i < to; ++i)
                if (marks.contains(i))
                    return i;
            return qsizetype(-1);
        },
        [](qsizetype i) { return i >= 0; });
    QCOMPARE(got, expected);
}

void TestTwoHalves::eachItemOnce_data()
{
    QTest::addColumn<qsizetype>("n");
    QTest::newRow("one") << qsizetype(1);
    QTest::newRow("below the threshold") << TwoHalves::worthAThread - 1;
    QTest::newRow("threshold") << TwoHalves::worthAThread;
    QTest::newRow("odd, long") << 5 * TwoHalves::worthAThread + 3;
}

void TestTwoHalves::eachItemOnce()
{
    QFETCH(qsizetype, n);
    QList<int> done(n, 0);
    int *const counts = done.data();
    TwoHalves::first(
        n,
        [counts](qsizetype from, qsizetype to) {
            for (qsizetype i = from; i < to; ++i)
                ++counts[i];
            return false;
        },
        [](bool found) { return found; });
    QCOMPARE(done.count(1), n);
}

void TestTwoHalves::longListUsesTwoThreads()
{
    if (std::thread::hardware_concurrency() < 2)
        QSKIP("one core: one pass, by design");
    QMutex mutex;
    QSet<std::thread::id> threads;
    TwoHalves::first(
        4 * TwoHalves::worthAThread,
        [&](qsizetype, qsizetype) {
            QMutexLocker lock(&mutex);
            threads.insert(std::this_thread::get_id());
            return 0;
        },
        [](int) { return false; });
    QCOMPARE(threads.size(), 2);
    QVERIFY(threads.contains(std::this_thread::get_id()));
}

QTEST_GUILESS_MAIN(TestTwoHalves)
#include "tst_twohalves.moc"
