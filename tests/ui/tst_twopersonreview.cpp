// What a person reads in the run dialog is what goes. A confirmed action's request is made from
// the incident as it stands ({{incident.commander}}, values extracted by earlier runs); a handover
// taken in from another screen while the dialog was open changed it, and the request sent was not
// the one that had been read and approved.
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/ModalDialogs.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"
#include "ui/actions/IncidentActions.h"
#include "ui/dialogs/ReasonDialog.h"
#include "ui/dialogs/RunConfirmDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"

#include <QAction>
#include <QApplication>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using namespace warroom::test;

namespace {

int requestsIn(const TimelineEvents &events)
{
    int n = 0;
    for (const TimelineEvent &e : events)
        n += e.kind == EventKind::ActionRequested ? 1 : 0;
    return n;
}

} // namespace

class TestTwoPersonReview : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { initResources(); }
    void requestChangedWhileReadIsNotSent_data();
    void requestChangedWhileReadIsNotSent();
};

void TestTwoPersonReview::requestChangedWhileReadIsNotSent_data()
{
    QTest::addColumn<int>("step"); // 1: out of order, so the run asks for a reason after
    // When another screen hands command over: "review" (the run dialog open), "reason" (the
    // reason's dialog open); empty: never.
    QTest::addColumn<QString>("handover");
    QTest::newRow("nothing meanwhile: sent as read") << 0 << QString();
    QTest::newRow("a handover while it is read: not sent") << 0 << s("review");
    QTest::newRow("nothing meanwhile, a reason asked: sent") << 1 << QString();
    // The first try, which asks for the reason, is a write of its own: it takes the handover in,
    // and so may the reason's dialog. The check stood between the two dialogs only.
    QTest::newRow("a handover while its reason is asked: not sent") << 1 << s("reason");
}

void TestTwoPersonReview::requestChangedWhileReadIsNotSent()
{
    QFETCH(int, step);
    QFETCH(QString, handover);
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("t.sqlite")), &error), qPrintable(error));
    MainWindow w(store, {});
    w.show();
    const Checklist checklist
        = loadChecklist(s(WARROOM_TEST_DATA "/checklists/good/commander-action.json"));
    QVERIFY(w.declareIncident(checklist,
                              declarationWithDefaults(checklist, s("Who commands"), s("Alice Chen"),
                                                      IncidentMode::Drill)));
    IncidentSession *session = w.session();
    QTRY_COMPARE(w.focusedStep(), 0);
    w.actions()->focusStep(step);
    QCOMPARE(w.focusedStep(), step);

    // As a follow takes it in from another screen while a dialog is open.
    bool handedOver = handover.isEmpty();
    const auto handOver = [&] {
        handedOver
            = session->handOver(s("Sam Okafor"), s("Sam Okafor"), {{s("situation"), s("step 1")}})
                  .ok();
    };
    const auto giveReason = [&] {
        whenDialogShows<ReasonDialog>([&](ReasonDialog *dialog) {
            if (handover == s("reason"))
                handOver();
            QTest::keyClicks(dialog->findChild<QLineEdit *>(s("reasonEdit")), s("told early"));
            dialog->accept();
        });
    };
    QString read;
    const auto send = [&] {
        whenDialogShows<RunConfirmDialog>([&](RunConfirmDialog *dialog) {
            read = dialog->findChild<QPlainTextEdit *>(s("requestPreview"))->toPlainText();
            if (handover == s("review"))
                handOver();
            if (step == 1)
                giveReason();
            QTest::mouseClick(dialog->findChild<QPushButton *>(s("sendButton")), Qt::LeftButton);
        });
        w.actions()->action(IncidentActions::RunItem)->trigger();
    };
    send();
    QTRY_VERIFY(!read.isEmpty());
    QTRY_VERIFY(handedOver);
    QVERIFY2(read.contains(s("\"commander\": \"Alice Chen\"")), qPrintable(read));
    if (handover.isEmpty()) {
        QTRY_COMPARE(requestsIn(session->events()), 1);
        return;
    }
    QTest::qWait(200);
    QCOMPARE(requestsIn(session->events()), 0);
    QVERIFY2(w.statusBar()->currentMessage().startsWith(
                 s("Not sent: the request changed while it was being read")),
             qPrintable(w.statusBar()->currentMessage()));

    // Run again: the dialog shows the request as it goes now, and that one is sent.
    read.clear();
    handover.clear();
    send();
    QTRY_VERIFY(!read.isEmpty());
    QVERIFY2(read.contains(s("\"commander\": \"Sam Okafor\"")), qPrintable(read));
    QTRY_COMPARE(requestsIn(session->events()), 1);
    for (const TimelineEvent &e : session->events()) {
        if (e.kind == EventKind::ActionRequested) {
            const QByteArray sent = QJsonDocument(e.payload.value(s("request")).toObject())
                                        .toJson(QJsonDocument::Compact);
            QVERIFY2(sent.contains("Sam Okafor") && !sent.contains("Alice Chen"), sent.constData());
        }
    }
}

QTEST_MAIN(TestTwoPersonReview)
#include "tst_twopersonreview.moc"
