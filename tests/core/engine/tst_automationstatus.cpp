// An item's automation status folded from its events: a check sample whose stored text is the
// very text of the sample applied just before (shared as a read shares it) only repeats its
// values. Each scripted run is folded twice, with every identical text shared (more than a read
// shares: across other events too) and with every text a copy of its own, which takes the full
// path each time; both must end in the same status, field by field (table-driven).
#include "engine/AutomationStatus.h"
#include "engine/ChecklistEngine.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/TimelineEvent.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace warroom;
using warroom::test::s;

namespace {

struct Step
{
    const char *kind;
    const char *payload;
};
using Script = QList<Step>;

// Every field the fold sets, in words: a difference names the field.
QString described(const AutomationStatus &a)
{
    QStringList out{
        s("phase %1 run %2 count %3 reason %4")
            .arg(int(a.phase))
            .arg(a.runId)
            .arg(a.runCount)
            .arg(a.reason),
        s("request %1 %2 open %3 result %4 curl %5 at %6")
            .arg(QString::fromUtf8(QJsonDocument(a.request).toJson(QJsonDocument::Compact)),
                 a.requestPhase)
            .arg(a.requestOpen)
            .arg(a.lastResult)
            .arg(a.lastCurlCode)
            .arg(a.lastResultElapsedMs),
        s("sample %1 label %2 value %3 threshold %4 passed %5 error %6 at %7 in a row %8 of %9")
            .arg(a.hasSample)
            .arg(a.sampleLabel, a.valueText, a.threshold)
            .arg(a.samplePassed)
            .arg(a.sampleError)
            .arg(a.sampleElapsedMs)
            .arg(a.passingInARow)
            .arg(a.samples),
        s("weight %1 held %2 halted %3 requests %4")
            .arg(a.weight)
            .arg(a.stagesHeld)
            .arg(a.halted)
            .arg(a.requests)};
    for (const AutomationStatus::Reading &r : a.readings)
        out << s("reading %1 = %2 (%3) %4 at %5")
                   .arg(r.label, r.valueText, r.threshold)
                   .arg(r.passed)
                   .arg(r.elapsedMs);
    return out.join(u'\n');
}

AutomationStatus folded(const Script &script, bool shareTexts)
{
    AutomationStatus status;
    QHash<QByteArray, QByteArray> seen;
    qint64 elapsed = 0;
    for (const Step &step : script) {
        TimelineEvent e;
        e.kind = QString::fromLatin1(step.kind);
        const QByteArray text(step.payload);
        // A copy of its own, or the first of its bytes (sharing its data).
        e.payloadText
            = shareTexts ? seen.value(text, text) : QByteArray(text.constData(), text.size());
        seen.insert(text, e.payloadText);
        e.payload = QJsonDocument::fromJson(e.payloadText).object();
        e.elapsedMs = (elapsed += 1000);
        status.apply(e);
    }
    return status;
}

const char *const passing = R"({"label":"p99","passed":true,"run":"r1","threshold":"< 300",)"
                            R"("value_text":"210"})";
const char *const failing = R"({"label":"p99","passed":false,"run":"r1","threshold":"< 300",)"
                            R"("value_text":"410"})";
const char *const noAnswer = R"({"curl_code":7,"error":"could not connect","label":"p99",)"
                             R"("passed":false,"run":"r1","threshold":"< 300"})";
const char *const errors = R"({"label":"errors","passed":true,"run":"r1","threshold":"< 1%",)"
                           R"("value_text":"0.2%"})";
const char *const unlabelled = R"({"passed":true,"run":"r1","value_text":"0"})";

} // namespace

class TestAutomationStatus : public QObject
{
    Q_OBJECT

private slots:
    void byHandAsItsConfirmationSays();
    void repeatedSamplesFoldAsRead_data();
    void repeatedSamplesFoldAsRead();
};

void TestAutomationStatus::repeatedSamplesFoldAsRead_data()
{
    QTest::addColumn<Script>("script");
    QTest::addColumn<int>("samples");
    const Step start{"check.started", R"({"run":"r1"})"};
    QTest::newRow("a value holding") << Script{start,
                                               {"check.sampled", passing},
                                               {"check.sampled", passing},
                                               {"check.sampled", passing}}
                                     << 3;
    QTest::newRow("passing, failing, passing again") << Script{start,
                                                               {"check.sampled", passing},
                                                               {"check.sampled", passing},
                                                               {"check.sampled", failing},
                                                               {"check.sampled", failing},
                                                               {"check.sampled", passing},
                                                               {"check.sampled", passing}}
                                                     << 6;
    QTest::newRow("no answer, repeated") << Script{start,
                                                   {"check.sampled", noAnswer},
                                                   {"check.sampled", noAnswer},
                                                   {"check.sampled", passing}}
                                         << 3;
    QTest::newRow("two readings taking turns") << Script{start,
                                                         {"check.sampled", passing},
                                                         {"check.sampled", errors},
                                                         {"check.sampled", passing},
                                                         {"check.sampled", errors},
                                                         {"check.sampled", errors}}
                                               << 5;
    QTest::newRow("a sample without a label")
        << Script{start, {"check.sampled", unlabelled}, {"check.sampled", unlabelled}} << 2;
    // The same text after the run ended: the end came between, so it is read again (and the
    // run stays ended: a sample starts none).
    QTest::newRow("the same sample after the end")
        << Script{start,
                  {"check.sampled", passing},
                  {"check.finished", R"({"outcome":"passed","run":"r1"})"},
                  {"check.sampled", passing}}
        << 2;
    // A response between sets what a sample sets too (libcurl's code): the sample after it is
    // read again, not repeated.
    QTest::newRow("a response between the same samples")
        << Script{start,
                  {"check.sampled", noAnswer},
                  {"action.responded", R"({"duration_ms":5,"run":"r1","status":200})"},
                  {"check.sampled", noAnswer}}
        << 2;
    // Only a sample repeats a sample: another kind with the very same text is read in full
    // (here it ends the run, without an outcome: failed).
    QTest::newRow("another kind with the sample's text")
        << Script{start, {"check.sampled", passing}, {"check.finished", passing}} << 1;
    QTest::newRow("a second run, the same value")
        << Script{start,
                  {"check.sampled", passing},
                  {"check.finished", R"({"outcome":"failed","reason":"timed out","run":"r1"})"},
                  {"check.started", R"({"run":"r2"})"},
                  {"check.sampled", passing},
                  {"check.sampled", passing}}
        << 2;
}

void TestAutomationStatus::repeatedSamplesFoldAsRead()
{
    QFETCH(Script, script);
    QFETCH(int, samples);
    const AutomationStatus shared = folded(script, true);
    const AutomationStatus apart = folded(script, false);
    QCOMPARE(described(shared), described(apart));
    QCOMPARE(shared.samples, samples);
    qint64 lastSampleAt = -1;
    for (qsizetype i = 0; i < script.size(); ++i) {
        if (QByteArrayView(script.at(i).kind) == "check.sampled")
            lastSampleAt = 1000 * (i + 1);
    }
    QCOMPARE(shared.sampleElapsedMs, lastSampleAt);
}

// "By hand" as the confirmation said: a run's success, undone, then by hand read "by its run".
void TestAutomationStatus::byHandAsItsConfirmationSays()
{
    test::TestTimeline t(test::parallelChecklist());
    EnginePlan byHand;
    byHand.drafts << EventDraft{s("ic"),
                                QString(EventKind::ItemConfirmed),
                                s("a"),
                                s("a1"),
                                {{PayloadKey::ByHand, true}, {PayloadKey::Reason, s("seen")}}};
    QVERIFY(t.commit(byHand));
    QVERIFY(t.engine().step(0).items.at(0).byHand);
    QVERIFY(t.commit(t.engine().planUndo(s("ic"))));
    QVERIFY(!t.engine().step(0).items.at(0).byHand);
    QVERIFY(t.commit(t.engine().planConfirmItem(s("a"), s("a1"), s("ic"))));
    QVERIFY(!t.engine().step(0).items.at(0).byHand);
}

QTEST_MAIN(TestAutomationStatus)
#include "tst_automationstatus.moc"
