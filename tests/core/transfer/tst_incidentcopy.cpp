// IncidentCopy (`warroom copy`) between the two backends, every direction, on a real PostgreSQL
// server the pg_server fixture starts: the copy is the source's chain hash for hash and verifies in
// both stores; an incident the target already has is refused (same chain or a different one), a
// damaged source chain is refused, and so is an event import would refuse whose hashes are right
// (appended through the store), and nothing is written when anything is refused.
#include "chain/ChainVerifier.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/PgTestServer.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/ScreenClock.h"
#include "transfer/IncidentCopy.h"

#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestIncidentCopy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void copiesHashForHash_data() { directions(); }
    void copiesHashForHash();
    void copiesEveryIncident_data() { directions(); }
    void copiesEveryIncident();
    void refusesADifferentChain_data() { directions(); }
    void refusesADifferentChain();
    void refusesADamagedSource_data() { directions(); }
    void refusesADamagedSource();
    void refusesAMissingIncident();
    void refusesAForgedEvent_data();
    void refusesAForgedEvent();
    void copiesWhatAnOlderBuildRecorded_data();
    void copiesWhatAnOlderBuildRecorded();

private:
    void directions();
    // A new empty store of the kind: a file in m_dir, or a database of its own on the server.
    QString newStore(const QString &backend);
    // What a tamperer with the database's own rights does (triggers switched off first).
    void tamper(const QString &backend, const QString &where, const QString &sql);
    qint64 declareOpen(TimelineStore &store, const QString &uuid,
                       IncidentMode mode = IncidentMode::Live);

    QTemporaryDir m_dir;
    QString m_uri;
    int m_stores = 0;
};

void TestIncidentCopy::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_uri = test::pgServerUri();
    QVERIFY2(!m_uri.isEmpty(), "no PostgreSQL: the pg_server fixture did not start one");
}

void TestIncidentCopy::directions()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("sqlite to postgresql") << s("sqlite") << s("postgresql");
    QTest::newRow("postgresql to sqlite") << s("postgresql") << s("sqlite");
    QTest::newRow("sqlite to sqlite") << s("sqlite") << s("sqlite");
    QTest::newRow("postgresql to postgresql") << s("postgresql") << s("postgresql");
}

QString TestIncidentCopy::newStore(const QString &backend)
{
    ++m_stores;
    if (backend == QLatin1String("sqlite"))
        return m_dir.filePath(QStringLiteral("store%1.db").arg(m_stores));
    QString error;
    const QString name = test::pgFreshDatabase(s("copy"), &error);
    if (name.isEmpty())
        qFatal("cannot make a database: %s", qPrintable(error));
    return test::pgUriFor(m_uri, name);
}

void TestIncidentCopy::tamper(const QString &backend, const QString &where, const QString &sql)
{
    QString error;
    if (backend == QLatin1String("sqlite")) {
        error = test::rawSql(where, s("DROP TRIGGER events_append_only_update; ") + sql);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        return;
    }
    QVERIFY2(test::pgExec(s("ALTER TABLE events DISABLE TRIGGER events_append_only; ") + sql,
                          &error, QUrl(where).path().mid(1)),
             qPrintable(error));
}

qint64 TestIncidentCopy::declareOpen(TimelineStore &store, const QString &uuid, IncidentMode mode)
{
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d = test::declarationWithDefaults(
        checklist, s("Search latency after index rebuild"), s("Sam Okafor"), mode);
    d.uuid = uuid;
    d.variables[s("service")] = s("search-api");
    QString error;
    auto session = IncidentSession::declare(store, checklist, d,
                                            [] { return test::t0 + 86'400'000; }, &error);
    if (!session || !session->addNote(s("still open: é ✓ \"quoted\"")).ok())
        qFatal("declare: %s", qPrintable(error));
    return session->incident().id;
}

void TestIncidentCopy::copiesHashForHash()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    TimelineStore source;
    TimelineStore target;
    QString error;
    QVERIFY2(source.open(newStore(from), &error), qPrintable(error));
    QVERIFY2(target.open(newStore(to), &error), qPrintable(error));
    const qint64 id = test::scriptedIncident(source);

    const IncidentCopy::Result r = IncidentCopy::run(source, target, id);
    QVERIFY2(r.ok(), qPrintable(r.refusals.join(u'\n')));
    QCOMPARE(r.copied.size(), 1);
    const IncidentCopy::Copied &c = r.copied.first();
    QCOMPARE(c.sourceId, id);
    QVERIFY(!c.open);

    // Field by field, hash by hash: the same incident, whatever its id there.
    const IncidentRecord a = source.incident(id).value();
    IncidentRecord b = target.incident(c.targetId, &error).value();
    QCOMPARE(b.uuid, a.uuid);
    QCOMPARE(b.checklistSource, a.checklistSource);
    QCOMPARE(b.variables, a.variables);
    QCOMPARE(b.declaredUtcMs, a.declaredUtcMs);
    const TimelineEvents ea = source.chainEvents(id).value();
    const TimelineEvents eb = target.chainEvents(c.targetId).value();
    QCOMPARE(eb.size(), ea.size());
    QVERIFY(ea.size() > 40);
    for (qsizetype i = 0; i < ea.size(); ++i) {
        QCOMPARE(eb.at(i).seq, ea.at(i).seq);
        QCOMPARE(eb.at(i).utcMs, ea.at(i).utcMs);
        QCOMPARE(eb.at(i).actor, ea.at(i).actor);
        QCOMPARE(eb.at(i).stepId, ea.at(i).stepId);
        QCOMPARE(eb.at(i).payloadText, ea.at(i).payloadText);
        QCOMPARE(eb.at(i).hash, ea.at(i).hash);
    }
    const ChainReport there = ChainVerifier::verify(b, eb);
    QVERIFY2(there.intact, qPrintable(there.summary()));
    QCOMPARE(there.headHash, ChainVerifier::verify(a, ea).headHash);
    QCOMPARE(c.target.headHash, c.source.headHash);
    // The parsed events read back too (payloads are JSON in both stores).
    QVERIFY2(target.events(c.targetId, 0, &error), qPrintable(error));

    // Again: refused, said to be the same chain, nothing written.
    const IncidentCopy::Result again = IncidentCopy::run(source, target, id);
    QVERIFY(!again.ok());
    QVERIFY(again.copied.isEmpty());
    QVERIFY2(again.refusals.first().contains(s("is already in")), qPrintable(again.refusals.first()));
    QVERIFY(again.refusals.first().contains(s("with the same chain (%1 events").arg(ea.size())));
    QCOMPARE(target.incidents().value().size(), 1);
}

void TestIncidentCopy::copiesEveryIncident()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    TimelineStore source;
    TimelineStore target;
    QString error;
    QVERIFY2(source.open(newStore(from), &error), qPrintable(error));
    QVERIFY2(target.open(newStore(to), &error), qPrintable(error));
    const qint64 closed = test::scriptedIncident(source);
    const qint64 open = declareOpen(source, s("00000000-0000-4000-8000-000000000002"));

    const IncidentCopy::Result r = IncidentCopy::run(source, target, std::nullopt);
    QVERIFY2(r.ok(), qPrintable(r.refusals.join(u'\n')));
    QCOMPARE(r.copied.size(), 2);
    QCOMPARE(r.copied.at(0).sourceId, closed); // oldest first
    QCOMPARE(r.copied.at(1).sourceId, open);
    QVERIFY(!r.copied.at(0).open);
    QVERIFY(r.copied.at(1).open);
    for (const IncidentCopy::Copied &c : r.copied) {
        QVERIFY(c.target.intact);
        QCOMPARE(c.target.headHash, c.source.headHash);
        QCOMPARE(c.target.eventCount, c.source.eventCount);
    }
    // An empty target: the same ids (a file keeps them when free, a server gives 1 and 2).
    QCOMPARE(r.copied.at(0).targetId, closed);
    QCOMPARE(r.copied.at(1).targetId, open);
    QCOMPARE(target.incidents().value().size(), 2);
}

void TestIncidentCopy::refusesADifferentChain()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    TimelineStore source;
    TimelineStore target;
    QString error;
    QVERIFY2(source.open(newStore(from), &error), qPrintable(error));
    QVERIFY2(target.open(newStore(to), &error), qPrintable(error));
    test::scriptedIncident(source);
    const qint64 id = declareOpen(source, s("00000000-0000-4000-8000-000000000003"));
    QVERIFY(IncidentCopy::run(source, target, id).ok());
    // The source goes on after the copy: the two are now different chains of one incident.
    QVERIFY(source.append(id, {{s("Ana"), s("note.added"), {}, {}, {{s("text"), s("later")}}}},
                          test::t0 + 90'000'000, &error));
    const qsizetype before = target.chainEvents(target.incidents().value().first().id)->size();

    // Copying everything is refused as a whole: the new incident is not copied either.
    const IncidentCopy::Result r = IncidentCopy::run(source, target, std::nullopt);
    QVERIFY(!r.ok());
    QVERIFY(r.copied.isEmpty());
    QCOMPARE(r.refusals.size(), 1);
    QVERIFY2(r.refusals.first().contains(s("with a different chain (there %1 events").arg(before)),
             qPrintable(r.refusals.first()));
    QVERIFY(r.refusals.first().contains(s("here %1 events").arg(before + 1)));
    QCOMPARE(target.incidents().value().size(), 1);
}

void TestIncidentCopy::refusesADamagedSource()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    const QString where = newStore(from);
    TimelineStore source;
    TimelineStore target;
    QString error;
    QVERIFY2(source.open(where, &error), qPrintable(error));
    QVERIFY2(target.open(newStore(to), &error), qPrintable(error));
    const qint64 id = test::scriptedIncident(source);
    tamper(from, where,
           s("UPDATE events SET payload_json = '{\"text\":\"all fine\"}' WHERE seq = 2"));
    const IncidentCopy::Result r = IncidentCopy::run(source, target, id);
    QVERIFY(!r.ok());
    QVERIFY2(r.refusals.first().contains(s("does not verify (")), qPrintable(r.refusals.first()));
    QVERIFY(r.refusals.first().contains(s("event 2 (note.added) was changed")));
    QVERIFY(r.refusals.first().contains(s("a damaged chain is not copied")));
    QVERIFY(target.incidents().value().isEmpty());
}

void TestIncidentCopy::refusesAMissingIncident()
{
    TimelineStore source;
    TimelineStore target;
    QString error;
    QVERIFY2(source.open(newStore(s("sqlite")), &error), qPrintable(error));
    QVERIFY2(target.open(newStore(s("postgresql")), &error), qPrintable(error));
    const IncidentCopy::Result r = IncidentCopy::run(source, target, 42);
    QVERIFY(!r.ok());
    QVERIFY2(r.refusals.first().contains(s("42")), qPrintable(r.refusals.first()));
    QVERIFY(target.incidents().value().isEmpty());
}

// What import refuses, appended through the store so that every hash is right: the chain
// verifies, and only the field checks can refuse it. A copy carried a drill's fault into a
// LIVE incident, where it would have named a real halt the drill's doing.
void TestIncidentCopy::refusesAForgedEvent_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("drill");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("refusal");
    const QString runner(ScreenClock::facilitator);
    const QJsonObject clock{{s("change"), s("started")}, {s("at_ms"), 0}, {s("speed"), 50}};
    QTest::newRow("a fault in a LIVE incident")
        << s("sqlite") << s("postgresql") << false << runner << s("note.added")
        << QJsonObject{{s("text"), s("fault")}, {s("drill_fault"), s("flaps")}}
        << s("a LIVE incident has no drill_fault");
    QTest::newRow("a drill clock in a LIVE incident")
        << s("postgresql") << s("sqlite") << false << runner << s("note.added")
        << QJsonObject{{s("text"), s("clock")}, {s("drill_clock"), clock}}
        << s("a LIVE incident has no drill_clock");
    QTest::newRow("a person's fault in a drill")
        << s("sqlite") << s("sqlite") << true << s("Mallory") << s("note.added")
        << QJsonObject{{s("text"), s("fault")}, {s("drill_fault"), s("flaps")}}
        << s("drill_fault is recorded by the drill's runner");
    QTest::newRow("a second declaration")
        << s("postgresql") << s("postgresql") << false << s("Mallory") << s("incident.declared")
        << QJsonObject{{s("mode"), s("drill")}} << s("a second incident.declared");
    // A kind is a word of the vocabulary: no build wrote a line break into one.
    QTest::newRow("a line break in a kind")
        << s("sqlite") << s("postgresql") << false << s("Mallory") << s("note.added\nforged")
        << QJsonObject{{s("text"), s("hello")}} << s("control character U+000A at character 11");
}

// What a build before 2026-12-01 wrote under the rules of its day, and the app still opens and
// shows: a copy refused it as a forgery, and the incident could not be moved at all. It is copied
// as recorded, and said.
void TestIncidentCopy::copiesWhatAnOlderBuildRecorded_data()
{
    QTest::addColumn<QString>("variable"); // the "service" value at the declaration
    QTest::addColumn<QString>("actor");    // who signs the note appended after it
    QTest::addColumn<qint64>("aheadMs");   // how far ahead of now the note is stamped
    QTest::addColumn<QStringList>("said"); // Copied::recordedAsIs, in order
    QTest::addColumn<QString>("refused");  // or the copy's refusal
    const qint64 hour = 3'600'000;
    QTest::newRow("as today") << s("search-api") << s("Sam Okafor") << qint64(0) << QStringList{}
                              << QString();
    QTest::newRow("a tab in a variable's value")
        << s("search\tapi") << s("Sam Okafor") << qint64(0)
        << QStringList{s("control character U+0009 at character 7 in a one-line field, which "
                         "builds before 2026-12-01 accepted (at $.incident.variables.service of "
                         "its JSON export)")}
        << QString();
    QTest::newRow("a line separator in an actor")
        << s("search-api") << s("Sam\u2028Okafor") << qint64(0)
        << QStringList{s("control character U+2028 at character 4 in a one-line field, which "
                         "builds before 2026-12-01 accepted (at $.events[2].actor of its JSON "
                         "export)")}
        << QString();
    QTest::newRow("a C1 control in an actor")
        << s("search-api") << s("Sam\u0085") << qint64(0)
        << QStringList{s("control character U+0085 at character 4 in a one-line field, which "
                         "builds before 2026-12-01 accepted (at $.events[2].actor of its JSON "
                         "export)")}
        << QString();
    // `note --actor` took a line feed until 2026-12-01: refused as a forgery, the incident could
    // not be moved.
    QTest::newRow("a line feed in an actor")
        << s("search-api") << s("Sam\nOkafor") << qint64(0)
        << QStringList{s("control character U+000A at character 4 in a one-line field, which "
                         "builds before 2026-12-01 accepted (at $.events[2].actor of its JSON "
                         "export)")}
        << QString();
    QTest::newRow("a tab in an actor")
        << s("search-api") << s("Sam\tOkafor") << qint64(0)
        << QStringList{s("control character U+0009 at character 4 in a one-line field, which "
                         "builds before 2026-12-01 accepted (at $.events[2].actor of its JSON "
                         "export)")}
        << QString();
    QTest::newRow("a clock that once ran three hours fast")
        << s("search-api") << s("Sam Okafor") << 3 * hour
        << QStringList{s("is later than this machine's clock allows")} << QString();
    // Weeks ahead is no clock that ran fast: every note added after it would be stamped then.
    QTest::newRow("a clock thirty days fast")
        << s("search-api") << s("Sam Okafor") << 30 * 24 * hour << QStringList{}
        << s("is more than a week later than this machine's clock");
    // A week from the clock the message prints, not from its hour's leeway: this was copied.
    QTest::newRow("a clock a week and half an hour fast")
        << s("search-api") << s("Sam Okafor") << 7 * 24 * hour + hour / 2 << QStringList{}
        << s("is more than a week later than this machine's clock");
}

void TestIncidentCopy::copiesWhatAnOlderBuildRecorded()
{
    QFETCH(QString, variable);
    QFETCH(QString, actor);
    QFETCH(qint64, aheadMs);
    QFETCH(QStringList, said);
    TimelineStore source;
    TimelineStore target;
    QString error;
    QVERIFY2(source.open(newStore(s("sqlite")), &error), qPrintable(error));
    QVERIFY2(target.open(newStore(s("postgresql")), &error), qPrintable(error));
    // Declared as an older build did: the value as typed, no declaration rule of today.
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d = test::declarationWithDefaults(checklist, s("Search latency"),
                                                          s("Sam Okafor"), IncidentMode::Live);
    d.variables[s("service")] = variable;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    IncidentRecord record = IncidentSession::declaredRecord(checklist, d, now - 60'000);
    record.variables[s("service")] = variable; // not trimmed: a tab at an end stays
    const auto id
        = source.createIncident(record, ChecklistEngine::declarationDraft(record), &error);
    QVERIFY2(id, qPrintable(error));
    QVERIFY2(source.append(*id, {{s("Sam Okafor"), s("note.added"), {}, {}, {{s("text"), s("a")}}}},
                           now - 30'000, &error),
             qPrintable(error));
    QVERIFY2(source.append(*id, {{actor, s("note.added"), {}, {}, {{s("text"), s("b")}}}},
                           now + aheadMs, &error),
             qPrintable(error));

    const IncidentCopy::Result r = IncidentCopy::run(source, target, *id);
    QFETCH(QString, refused);
    if (!refused.isEmpty()) {
        QVERIFY(!r.ok());
        QVERIFY(r.copied.isEmpty());
        QVERIFY2(r.refusals.join(u'\n').contains(refused), qPrintable(r.refusals.join(u'\n')));
        return;
    }
    QVERIFY2(r.ok(), qPrintable(r.refusals.join(u'\n')));
    QCOMPARE(r.copied.size(), 1);
    const QStringList got = r.copied.first().recordedAsIs;
    QCOMPARE(got.size(), said.size());
    for (qsizetype i = 0; i < said.size(); ++i)
        QVERIFY2(got.at(i).contains(said.at(i)), qPrintable(got.at(i)));
    QVERIFY(r.copied.first().target.intact);
    QCOMPARE(r.copied.first().target.headHash, r.copied.first().source.headHash);
}

void TestIncidentCopy::refusesAForgedEvent()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, drill);
    QFETCH(QString, actor);
    QFETCH(QString, kind);
    QFETCH(QJsonObject, payload);
    QFETCH(QString, refusal);
    TimelineStore source;
    TimelineStore target;
    QString error;
    QVERIFY2(source.open(newStore(from), &error), qPrintable(error));
    QVERIFY2(target.open(newStore(to), &error), qPrintable(error));
    const qint64 id = declareOpen(source, s("00000000-0000-4000-8000-000000000007"),
                                  drill ? IncidentMode::Drill : IncidentMode::Live);
    QVERIFY2(source.append(id, {{actor, kind, {}, {}, payload}}, test::t0 + 90'000'000, &error),
             qPrintable(error));
    QVERIFY(ChainVerifier::verify(*source.incident(id), *source.chainEvents(id)).intact);

    const IncidentCopy::Result r = IncidentCopy::run(source, target, id);
    QVERIFY(!r.ok());
    QVERIFY(r.copied.isEmpty());
    QVERIFY2(r.refusals.join(u'\n').contains(refusal), qPrintable(r.refusals.join(u'\n')));
    // The forged event is the third: the place its JSON export would show it at.
    QVERIFY2(r.refusals.first().contains(s(" is not copied: ")), qPrintable(r.refusals.first()));
    QVERIFY2(r.refusals.first().contains(s("(at $.events[2]")), qPrintable(r.refusals.first()));
    QVERIFY(target.incidents().value().isEmpty());
}

QTEST_GUILESS_MAIN(TestIncidentCopy)
#include "tst_incidentcopy.moc"
