// The canonical texts the chain hashes, written directly, are byte for byte the texts of their
// definition: the payload (CanonicalJson::write) is Qt's compact JSON read by nlohmann_json and
// dumped, compared on the payloads the app writes, on the corners of strings, keys and numbers,
// and on thousands of random objects; an event's hash (EventHasher) is SHA-256 of the canonical
// JSON of its fields (EventChain.h). A difference would make the events the store writes fail
// verification, here and in every other program that checks an export.
#include "chain/CanonicalJson.h"
#include "chain/EventHasher.h"
#include "support/TestStrings.h"
#include "util/Sha256.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>

using namespace warroom;
using warroom::test::s;

namespace {

QString fromUcs4(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}

QJsonValue randomValue(QRandomGenerator &rng, int depth);

QString randomString(QRandomGenerator &rng)
{
    static const QString pool = s("aZ09 _-/.:\"\\\b\f\n\r\t\x01\x1f\x7f") + QChar(0xe9) + QChar(0x25b8)
                                + fromUcs4(U'\U0001F525') + QChar(0xe000) + QChar(0xfeff);
    QString out;
    const int n = int(rng.bounded(12));
    for (int i = 0; i < n; ++i) {
        const qsizetype at = rng.bounded(pool.size());
        // Whole surrogate pairs only: a lone one is covered by its own row.
        if (pool.at(at).isLowSurrogate())
            out += pool.mid(at - 1, 2);
        else if (pool.at(at).isHighSurrogate())
            out += pool.mid(at, 2);
        else
            out += pool.at(at);
    }
    return out;
}

QJsonValue randomNumber(QRandomGenerator &rng)
{
    switch (rng.bounded(5)) {
    case 0:
        return qint64(rng.generate64()) >> rng.bounded(64);
    case 1:
        return double(qint64(rng.generate64()) >> rng.bounded(64));
    case 2: {
        quint64 bits = rng.generate64();
        double d = 0;
        std::memcpy(&d, &bits, sizeof d);
        return std::isfinite(d) ? d : 0.25;
    }
    case 3:
        return (rng.generateDouble() - 0.5) * std::pow(10.0, int(rng.bounded(40)) - 20);
    default:
        return int(rng.bounded(2000)) - 1000;
    }
}

QJsonObject randomObject(QRandomGenerator &rng, int depth)
{
    QJsonObject o;
    const int n = int(rng.bounded(depth == 0 ? 8 : 4));
    for (int i = 0; i < n; ++i)
        o.insert(randomString(rng), randomValue(rng, depth + 1));
    return o;
}

QJsonValue randomValue(QRandomGenerator &rng, int depth)
{
    switch (rng.bounded(depth >= 3 ? 5 : 7)) {
    case 0:
        return QJsonValue::Null;
    case 1:
        return rng.bounded(2) == 1;
    case 2:
    case 3:
        return randomNumber(rng);
    case 4:
        return randomString(rng);
    case 5: {
        QJsonArray a;
        const int n = int(rng.bounded(4));
        for (int i = 0; i < n; ++i)
            a.append(randomValue(rng, depth + 1));
        return a;
    }
    default:
        return randomObject(rng, depth);
    }
}

} // namespace

class TestCanonicalJson : public QObject
{
    Q_OBJECT

private slots:
    void sameAsTheDefinition_data();
    void sameAsTheDefinition();
    void sameOnRandomObjects();
    void loneSurrogateIsAQuestionMark();
    void eventHashIsItsDefinition_data();
    void eventHashIsItsDefinition();
};

void TestCanonicalJson::sameAsTheDefinition_data()
{
    QTest::addColumn<QJsonObject>("payload");
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("empty") << QJsonObject{};
    QTest::newRow("note") << QJsonObject{{s("text"), s("error rate back under 0.5% on every shard")},
                                         {s("actor_roles"), QJsonArray{s("commander")}}};
    QTest::newRow("sample") << QJsonObject{{s("run_id"), s("r-7")}, {s("value"), 0.42},
                                           {s("threshold"), 0.5}, {s("passed"), false},
                                           {s("sample"), 3}, {s("at"), QJsonValue::Null}};
    QTest::newRow("escapes") << QJsonObject{{s("t"), s("q\"b\\s/ \b\f\n\r\t \x01\x1f\x7f end")}};
    QTest::newRow("non-ASCII") << QJsonObject{{s("who"), QString(s("Zoë Müller") + QChar(0x25b8))},
                                              {s("fire"), fromUcs4(U'\U0001F525')}};
    QJsonObject keys;
    const QList<QString> names = {s("b"), s("a"), s("A"), s("_"), s("é"), QString(QChar(0xe000)),
                                  fromUcs4(U'\U0001F525'), s("")};
    for (qsizetype i = 0; i < names.size(); ++i)
        keys.insert(names.at(i), int(i));
    QTest::newRow("keys in UTF-8 order") << keys;
    QTest::newRow("integers") << QJsonObject{
        {s("zero"), 0}, {s("neg"), -1}, {s("max"), std::numeric_limits<qint64>::max()},
        {s("min"), std::numeric_limits<qint64>::min()}, {s("2^53+1"), qint64(9007199254740993)}};
    QJsonObject integral;
    const double integralValues[] = {1.0,  -0.0, 1e15, 1e16, 1e17, 1e20, 1e21, 9223372036854775808.0,
                                     -9223372036854775808.0, 18446744073709551616.0,
                                     123456789012345678.0, 99999999999999999.0, 4503599627370497.0};
    for (const double d : integralValues)
        integral.insert(QString::number(d, 'g', 20), d);
    QTest::newRow("integral doubles") << integral;
    QTest::newRow("fractions") << QJsonObject{
        {s("half"), 0.5}, {s("tenth"), 0.1}, {s("sum"), 0.1 + 0.2}, {s("small"), 1.5e-7},
        {s("tiny"), 5e-324}, {s("huge"), 1.7976931348623157e308}, {s("neg"), -100.25},
        {s("third"), 1.0 / 3.0}, {s("1e-5"), 1e-5}, {s("1e-4"), 1e-4}};
    QTest::newRow("not finite") << QJsonObject{{s("inf"), inf}, {s("nan"), std::nan("")}};
    QTest::newRow("nested") << QJsonObject{
        {s("headers"), QJsonObject{{s("Content-Type"), s("application/json")}, {s("X-A"), s("1")}}},
        {s("list"), QJsonArray{1, 2.5, s("three"), QJsonArray{}, QJsonObject{}, QJsonValue::Null,
                               true, QJsonArray{QJsonObject{{s("deep"), s("yes")}}}}},
        {s("body"), s("{\"status\":\"ok\",\"n\":1}")}};
}

void TestCanonicalJson::sameAsTheDefinition()
{
    QFETCH(QJsonObject, payload);
    QCOMPARE(CanonicalJson::write(payload), CanonicalJson::viaNlohmann(payload));
}

void TestCanonicalJson::sameOnRandomObjects()
{
    QRandomGenerator rng(20261130);
    for (int i = 0; i < 5000; ++i) {
        const QJsonObject o = randomObject(rng, 0);
        const QByteArray direct = CanonicalJson::write(o);
        const QByteArray reference = CanonicalJson::viaNlohmann(o);
        if (direct != reference)
            QFAIL(qPrintable(s("object %1:\n  direct    %2\n  reference %3")
                                 .arg(i)
                                 .arg(QString::fromUtf8(direct), QString::fromUtf8(reference))));
    }
}

// The long way throws on it (nlohmann refuses the escape Qt writes), so there is no definition to
// compare with: the direct writer writes what QString::toUtf8 makes of it, and does not throw.
void TestCanonicalJson::loneSurrogateIsAQuestionMark()
{
    const QJsonObject payload{{QString(QChar(0xdc00)), QString(QString(QChar(0xd83d)) + s("x"))}};
    QCOMPARE(CanonicalJson::write(payload), QByteArray("{\"?\":\"?x\"}"));
}

void TestCanonicalJson::eventHashIsItsDefinition_data()
{
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("item");
    QTest::addColumn<QByteArray>("payloadText");
    QTest::addColumn<QByteArray>("prevHash");
    const QByteArray hex = QByteArray("8b1f0c5e2a7d4f6e9c3b1a0d5e7f2c4b6a8d0e1f3a5c7e9b2d4f6a8c0e2b4d6f");
    const QByteArray note = CanonicalJson::write(QJsonObject{{s("text"), s("back under 0.5%")}});
    QTest::newRow("note") << s("ic") << QString() << QString() << note << hex;
    QTest::newRow("item") << s("Sam Okafor") << s("drain") << s("confirm-drained") << note << hex;
    QTest::newRow("non-ASCII actor") << s("Zoë") << s("é-step") << QString() << note << hex;
    QTest::newRow("escapes in names") << s("a \"b\"\n\\c\x01") << s("s/1") << s("i\t2") << note
                                      << hex;
    QTest::newRow("tampered prev") << s("ic") << QString() << QString() << note
                                   << QByteArray("not \"hex\"\n");
    QTest::newRow("payload not an object") << s("ic") << QString() << QString()
                                           << QByteArray("oops \"x\"") << hex;
}

void TestCanonicalJson::eventHashIsItsDefinition()
{
    QFETCH(QString, actor);
    QFETCH(QString, step);
    QFETCH(QString, item);
    QFETCH(QByteArray, payloadText);
    QFETCH(QByteArray, prevHash);
    const QString uuid = s("4f1c2b9e-0000-4000-8000-000000000001");
    TimelineEvent e;
    e.seq = 42;
    e.utcMs = 1'767'225'600'123;
    e.elapsedMs = 93'000;
    e.actor = actor;
    e.kind = s("note.added");
    e.stepId = step;
    e.itemId = item;
    const QJsonDocument parsed = QJsonDocument::fromJson(payloadText);
    const QJsonValue payload = parsed.isObject() ? QJsonValue(parsed.object())
                                                 : QJsonValue(QString::fromUtf8(payloadText));
    const QJsonObject definition{
        {s("actor"), actor},
        {s("elapsed_ms"), e.elapsedMs},
        {s("incident"), uuid},
        {s("item"), item.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(item)},
        {s("kind"), e.kind},
        {s("payload"), payload},
        {s("prev"), QString::fromUtf8(prevHash)},
        {s("seq"), e.seq},
        {s("step"), step.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(step)},
        {s("utc_ms"), e.utcMs}};
    EventHasher hasher(uuid);
    QCOMPARE(hasher.hashHex(e, payloadText, prevHash),
             sha256Hex(CanonicalJson::viaNlohmann(definition)));
}

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
