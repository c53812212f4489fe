#include "drill/InjectBoard.h"

#include <QTest>

using namespace warroom;

// The facilitator's hand on the injects, as scripted timelines: what is due when, and what fire
// now, skip, delay, an unscheduled inject and an acknowledgement do to it.
class TestInjectBoard : public QObject
{
    Q_OBJECT

private slots:
    void script_data();
    void script();
    void countdownAndNext();
    void acknowledgement();
    void refusals_data();
    void refusals();
};

namespace {

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}

DrillInject at(const char *id, qint64 ms)
{
    DrillInject i;
    i.id = QString::fromLatin1(id);
    i.when.atMs = ms;
    i.message = QStringLiteral("message ") + i.id;
    return i;
}

DrillInject on(const char *id, const char *event, qint64 afterMs)
{
    DrillInject i = at(id, -1);
    i.when.event = DrillMoment::Event::StepStarted;
    i.when.target = QString::fromLatin1(event);
    i.when.afterMs = afterMs;
    return i;
}

// "execute" started at drill 100 s; nothing else has happened.
qint64 resolve(const DrillMoment &m)
{
    if (m.event == DrillMoment::Event::None)
        return m.atMs + m.afterMs;
    return m.target == QLatin1String("execute") ? 100'000 + m.afterMs : -1;
}

InjectBoard board()
{
    return InjectBoard(
        {at("a", 30'000), at("b", 60'000), on("c", "execute", 5'000), on("d", "validate", 0)});
}

// Runs a script of the facilitator's commands ("fire b", "skip a", "delay b 10000",
// "extra x") and returns the ids due at `now`.
QStringList runScript(InjectBoard &b, const QStringList &script, qint64 now)
{
    QString error;
    for (const QString &line : script) {
        const QStringList w = line.split(u' ');
        bool ok = false;
        if (w[0] == QLatin1String("fire"))
            ok = b.fireNow(w[1], &error);
        else if (w[0] == QLatin1String("skip"))
            ok = b.skip(w[1], &error);
        else if (w[0] == QLatin1String("delay"))
            ok = b.delay(w[1], w[2].toLongLong(), &error);
        else if (w[0] == QLatin1String("extra"))
            ok = b.addUnscheduled(at(qPrintable(w[1]), -1), &error);
        else if (w[0] == QLatin1String("fired"))
            ok = (b.markFired(w[1], now), true);
        if (!ok)
            return {QStringLiteral("REFUSED ") + line + QStringLiteral(": ") + error};
    }
    return b.due(now, resolve);
}

} // namespace

void TestInjectBoard::script_data()
{
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QStringList>("due");
    QTest::newRow("nothing yet") << QStringList{} << qint64(29'999) << QStringList{};
    QTest::newRow("a on time") << QStringList{} << qint64(30'000) << list({"a"});
    QTest::newRow("event-relative") << QStringList{} << qint64(105'000) << list({"a", "b", "c"});
    QTest::newRow("fire now comes first") << list({"fire c"}) << qint64(30'000) << list({"c", "a"});
    QTest::newRow("fire now before its event") << list({"fire d"}) << qint64(0) << list({"d"});
    QTest::newRow("skipped") << list({"skip a"}) << qint64(70'000) << list({"b"});
    QTest::newRow("delayed") << list({"delay a 15000"}) << qint64(40'000) << QStringList{};
    QTest::newRow("delayed, then due")
        << list({"delay a 15000", "delay a 5000"}) << qint64(50'000) << list({"a"});
    QTest::newRow("fired once") << list({"fired a"}) << qint64(70'000) << list({"b"});
    QTest::newRow("unscheduled fires at once") << list({"extra x"}) << qint64(0) << list({"x"});
}

void TestInjectBoard::script()
{
    QFETCH(QStringList, script);
    QFETCH(qint64, now);
    QFETCH(QStringList, due);
    InjectBoard b = board();
    QCOMPARE(runScript(b, script, now), due);
}

void TestInjectBoard::countdownAndNext()
{
    InjectBoard b = board();
    QCOMPARE(b.next(resolve), QStringLiteral("a"));
    QCOMPARE(b.countdownMs(QStringLiteral("a"), 10'000, resolve), qint64(20'000));
    QCOMPARE(b.countdownMs(QStringLiteral("d"), 10'000, resolve), qint64(-1)); // event to come
    QString error;
    QVERIFY(b.delay(QStringLiteral("a"), 40'000, &error));
    QCOMPARE(b.next(resolve), QStringLiteral("b"));
    QCOMPARE(b.countdownMs(QStringLiteral("a"), 10'000, resolve), qint64(60'000));
    b.markFired(QStringLiteral("b"), 60'000);
    QCOMPARE(b.next(resolve), QStringLiteral("a"));
    QCOMPARE(b.countdownMs(QStringLiteral("b"), 61'000, resolve), qint64(-1)); // fired
    QVERIFY(b.skip(QStringLiteral("a"), &error));
    QCOMPARE(b.next(resolve), QStringLiteral("c"));
}

void TestInjectBoard::acknowledgement()
{
    InjectBoard b = board();
    QString error;
    QVERIFY(!b.acknowledge(QStringLiteral("a"), QStringLiteral("Priya"), 31'000, &error));
    QCOMPARE(error, QStringLiteral("inject a has not fired"));
    b.markFired(QStringLiteral("a"), 30'000);
    QVERIFY(b.acknowledge(QStringLiteral("a"), QStringLiteral("Priya"), 42'500, &error));
    const InjectState *a = b.find(QStringLiteral("a"));
    QCOMPARE(a->state, InjectState::State::Fired);
    QCOMPARE(a->acknowledgedBy, QStringLiteral("Priya"));
    QCOMPARE(a->timeToAcknowledgeMs(), qint64(12'500));
    QVERIFY(!b.acknowledge(QStringLiteral("a"), QStringLiteral("Sam"), 50'000, &error));
    QCOMPARE(error, QStringLiteral("inject a was acknowledged already, by Priya"));
    QCOMPARE(a->acknowledgedBy, QStringLiteral("Priya"));
}

void TestInjectBoard::refusals_data()
{
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("unknown") << list({"fire zz"})
                             << QString::fromUtf8("no inject zz in this drill");
    QTest::newRow("fire a skipped one")
        << list({"skip a", "fire a"}) << QString::fromUtf8("inject a has already skipped");
    QTest::newRow("skip a fired one")
        << list({"fired a", "skip a"}) << QString::fromUtf8("inject a has already fired");
    QTest::newRow("zero delay") << list({"delay a 0"})
                                << QString::fromUtf8("a delay must be longer than zero");
    QTest::newRow("duplicate id") << list({"extra b"})
                                  << QString::fromUtf8("inject b exists already");
}

void TestInjectBoard::refusals()
{
    QFETCH(QStringList, script);
    QFETCH(QString, refusal);
    InjectBoard b = board();
    const QStringList out = runScript(b, script, 0);
    QCOMPARE(out.size(), 1);
    QVERIFY2(out.first().endsWith(QStringLiteral(": ") + refusal), qPrintable(out.first()));
}

QTEST_GUILESS_MAIN(TestInjectBoard)
#include "tst_injectboard.moc"
