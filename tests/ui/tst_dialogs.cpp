// Enter in every dialog of ui/dialogs/: it presses the default button when that is allowed, and
// otherwise keeps the dialog open and says why in it (it once closed the Send dialog as Cancel).

#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/dialogs/ChoiceDialog.h"
#include "ui/dialogs/DeclareIncidentDialog.h"
#include "ui/dialogs/ExportDialog.h"
#include "ui/dialogs/OpenIncidentDialog.h"
#include "ui/dialogs/ReasonDialog.h"
#include "ui/dialogs/RunConfirmDialog.h"
#include "ui/main/Resources.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace warroom;
using warroom::test::s;

namespace {

enum class Kind { Send, TwoPerson, Resend, Reason, Declare, Open };

// The words the dialog shows after Enter met a disabled default button; empty when none.
QString enterRefusal(const QDialog &dialog)
{
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->property("role").toString() == QLatin1String("enterRefusal")
            && !label->isHidden())
            return label->text();
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(Kind)

class TestDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void enterPressesTheDefaultOrSaysWhy_data();
    void enterPressesTheDefaultOrSaysWhy();
    void refusalGoesOnceSendIsAllowed();
    void enterOnAFocusedCancelStillCancels();
    void exportEnterWithABadSliceSaysSoAndStays();
    void choiceIsPickedNotPreselected();
    void openListShowsWholeHeadersAndTimes();
    void declarePromptsAreWhole();

private:
    std::unique_ptr<QDialog> make(Kind kind, QLineEdit **typeInto);

    QTemporaryDir m_dir;
    TimelineStore m_emptyStore;
};

void TestDialogs::initTestCase()
{
    initResources();
    QFile style(s(":/styles/warroom.qss"));
    QVERIFY(style.open(QIODevice::ReadOnly));
    qApp->setStyleSheet(QString::fromUtf8(style.readAll()));
    QString error;
    QVERIFY2(m_emptyStore.open(m_dir.filePath(s("empty.sqlite")), &error), qPrintable(error));
}

std::unique_ptr<QDialog> TestDialogs::make(Kind kind, QLineEdit **typeInto)
{
    const QString request = s("POST http://127.0.0.1:1/api/rollback\nIdempotency-Key: k-1");
    std::unique_ptr<QDialog> dialog;
    switch (kind) {
    case Kind::Send:
    case Kind::TwoPerson:
    case Kind::Resend: {
        auto d = std::make_unique<RunConfirmDialog>(s("Start the rollback job"), request,
                                                    kind == Kind::TwoPerson, s("Alice Chen"));
        if (kind == Kind::Resend)
            d->setResend(s("warroom stopped while polling"));
        dialog = std::move(d);
        *typeInto = dialog->findChild<QLineEdit *>(s("secondPersonEdit"));
        break;
    }
    case Kind::Reason:
        dialog = std::make_unique<ReasonDialog>(s("Skip item"), s("Say why."));
        *typeInto = dialog->findChild<QLineEdit *>(s("reasonEdit"));
        break;
    case Kind::Declare:
        dialog = std::make_unique<DeclareIncidentDialog>(QStringList{});
        dialog->findChild<QLineEdit *>(s("commanderEdit"))->setText(s("Alice Chen"));
        *typeInto = dialog->findChild<QLineEdit *>(s("titleEdit"));
        break;
    case Kind::Open:
        dialog = std::make_unique<OpenIncidentDialog>(m_emptyStore);
        *typeInto = nullptr;
        break;
    }
    return dialog;
}

void TestDialogs::enterPressesTheDefaultOrSaysWhy_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("refusal");

    QTest::newRow("send") << Kind::Send << QString() << true << QString();
    QTest::newRow("two-person, no name")
        << Kind::TwoPerson << QString() << false << s("a second person, not Alice Chen, types");
    QTest::newRow("two-person, own name")
        << Kind::TwoPerson << s("alice chen") << false << s("must be someone else's");
    QTest::newRow("two-person, own name with a zero-width space")
        << Kind::TwoPerson << s("Alice\u200b Chen") << false << s("must be someone else's");
    QTest::newRow("two-person, another name with an override")
        << Kind::TwoPerson << s("Sam\u202e Okafor") << false
        << s("has an invisible or control character (U+202E) at character 4");
    QTest::newRow("two-person, blank name")
        << Kind::TwoPerson << s("   ") << false << s("a second person, not Alice Chen, types");
    QTest::newRow("two-person, second name")
        << Kind::TwoPerson << s("Sam Okafor") << true << QString();
    QTest::newRow("re-send") << Kind::Resend << QString() << true << QString();
    QTest::newRow("reason, none") << Kind::Reason << QString() << false << s("type the reason");
    QTest::newRow("reason, given") << Kind::Reason << s("tests flaky") << true << QString();
    QTest::newRow("declare, no title") << Kind::Declare << QString() << false << s("a title");
    QTest::newRow("declare, titled") << Kind::Declare << s("Payments 5xx") << true << QString();
    QTest::newRow("open, empty database")
        << Kind::Open << QString() << false << s("no incident in this database");
}

void TestDialogs::enterPressesTheDefaultOrSaysWhy()
{
    QFETCH(Kind, kind);
    QFETCH(QString, typed);
    QFETCH(bool, accepted);
    QFETCH(QString, refusal);

    QLineEdit *edit = nullptr;
    std::unique_ptr<QDialog> dialog = make(kind, &edit);
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    if (edit) {
        edit->setFocus();
        // As a keyboard or an input method types it: QTest::keyClicks knows only ASCII keys.
        for (const QChar c : typed) {
            if (c.unicode() < 0x80)
                QTest::keyClick(edit, c.toLatin1());
            else
                QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, QString(c),
                                    Qt::NoModifier);
        }
    }
    QWidget *target = edit ? static_cast<QWidget *>(edit) : dialog.get();
    QTest::keyClick(target, Qt::Key_Return);

    QCOMPARE(dialog->result() == QDialog::Accepted, accepted);
    QCOMPARE(dialog->isVisible(), !accepted);
    const QString shown = enterRefusal(*dialog);
    if (refusal.isEmpty())
        QVERIFY2(shown.isEmpty(), qPrintable(shown));
    else
        QVERIFY2(shown.contains(refusal), qPrintable(shown));
    if (!refusal.isEmpty()) {
        // The dialog grows to hold the reason: all of it inside, on no field.
        QApplication::processEvents();
        const QLabel *label = nullptr;
        for (const QLabel *l : dialog->findChildren<QLabel *>()) {
            if (l->property("role").toString() == QLatin1String("enterRefusal"))
                label = l;
        }
        const QRect box(label->mapTo(dialog.get(), QPoint()), label->size());
        QVERIFY2(dialog->rect().contains(box), qPrintable(s("the reason is cut off")));
        QVERIFY(label->height() >= label->heightForWidth(label->width()));
        for (const QWidget *field : dialog->findChildren<QWidget *>()) {
            if (!field->isVisible()
                || !(qobject_cast<const QLineEdit *>(field)
                     || qobject_cast<const QAbstractScrollArea *>(field)))
                continue;
            const QRect fieldBox(field->mapTo(dialog.get(), QPoint()), field->size());
            QVERIFY2(!box.intersects(fieldBox),
                     qPrintable(s("the reason overlaps %1").arg(field->objectName())));
        }
    }
    const QString shots = qEnvironmentVariable("WARROOM_SHOTS");
    if (!shots.isEmpty() && !accepted)
        dialog->grab().save(shots
                            + s("/enter-refused-%1.png")
                                  .arg(QString::fromLatin1(QTest::currentDataTag())
                                           .replace(u' ', u'-')
                                           .remove(u',')));
    if (kind == Kind::TwoPerson && accepted)
        QCOMPARE(static_cast<RunConfirmDialog *>(dialog.get())->secondPerson(), typed);
}

void TestDialogs::refusalGoesOnceSendIsAllowed()
{
    RunConfirmDialog dialog(s("Start the rollback job"), s("POST x"), true, s("Alice Chen"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *edit = dialog.findChild<QLineEdit *>(s("secondPersonEdit"));
    QTest::keyClick(edit, Qt::Key_Enter, Qt::KeypadModifier);
    QVERIFY(enterRefusal(dialog).contains(s("types their name")));
    // Typing the actor's own name changes the reason shown; another name takes it away.
    edit->setText(s("Alice Chen"));
    QVERIFY2(enterRefusal(dialog).contains(s("someone else")), qPrintable(enterRefusal(dialog)));
    edit->clear();
    QTest::keyClicks(edit, s("Sam Okafor"));
    QVERIFY(enterRefusal(dialog).isEmpty());
    QVERIFY(dialog.isVisible()); // typing never sends
    QVERIFY(dialog.findChild<QPushButton *>(s("sendButton"))->isDefault());
}

void TestDialogs::enterOnAFocusedCancelStillCancels()
{
    RunConfirmDialog dialog(s("Post to the channel"), s("POST x"), false, s("Alice Chen"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QPushButton *cancel = nullptr;
    for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
        if (b->objectName() != QLatin1String("sendButton"))
            cancel = b;
    }
    QVERIFY(cancel);
    cancel->setFocus();
    QTest::keyClick(cancel, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.isVisible());
}

void TestDialogs::exportEnterWithABadSliceSaysSoAndStays()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("export.sqlite")), &error));
    auto session = test::declareWithDefaults(store, test::shippedChecklist(), s("Export drill"),
                                             s("Alice Chen"), &error);
    QVERIFY2(session, qPrintable(error));
    ExportDialog dialog(*session);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.findChild<QPushButton *>(s("saveButton"))->isDefault());
    auto *from = dialog.findChild<QLineEdit *>(s("fromEdit"));
    from->setFocus();
    QTest::keyClicks(from, s("soon"));
    // Enter must not open a file dialog (it would block this test) for a slice that cannot work.
    QTest::keyClick(from, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    const auto *problem = dialog.findChild<QLabel *>(s("refusal"));
    QVERIFY(!problem->isHidden());
    QVERIFY2(problem->text().contains(s("'soon' is not a time")), qPrintable(problem->text()));
}

// A choice opens with nothing picked: Enter then says so and records nothing (the list once
// opened on its first option, and Enter recorded a decision nobody made). The keys start on the
// first option: Down, Enter picks the second; Space picks the one marked.
void TestDialogs::choiceIsPickedNotPreselected()
{
    ChoiceDialog dialog(s("Rollback class"), {s("Deploy rollback"), s("Feature flag off")});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = dialog.findChild<QListWidget *>(s("choiceList"));
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.chosen(), -1);
    QVERIFY2(enterRefusal(dialog).contains(s("pick the option")), qPrintable(enterRefusal(dialog)));
    QTest::keyClick(list, Qt::Key_Down);
    QVERIFY(enterRefusal(dialog).isEmpty());
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.chosen(), 1);

    ChoiceDialog again(s("Rollback class"), {s("Deploy rollback"), s("Feature flag off")});
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    auto *options = again.findChild<QListWidget *>(s("choiceList"));
    QTest::keyClick(options, Qt::Key_Space);
    QCOMPARE(again.chosen(), 0);
}

// The Open dialog's columns are as wide as their headers and values: "Commander", "Declared
// (UTC)" and the times were cut at fixed widths ("eclared (UT", "2026-12-0…").
void TestDialogs::openListShowsWholeHeadersAndTimes()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("open.sqlite")), &error));
    QVERIFY2(test::declareWithDefaults(store, test::shippedChecklist(), s("Payments outage drill"),
                                       s("Alice Ng"), &error),
             qPrintable(error));
    OpenIncidentDialog dialog(store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *view = dialog.findChild<QTableView *>(s("incidentTable"));
    QVERIFY(view && view->model()->rowCount() == 1);
    const QHeaderView *header = view->horizontalHeader();
    const QFontMetrics metrics = view->fontMetrics();
    QFont bold = header->font(); // the style sheet draws the headers bold
    bold.setBold(true);
    const QFontMetrics headerMetrics(bold);
    for (int c = 0; c < view->model()->columnCount(); ++c) {
        const QString title = view->model()->headerData(c, Qt::Horizontal).toString();
        QVERIFY2(header->sectionSize(c) >= headerMetrics.horizontalAdvance(title),
                 qPrintable(s("%1: %2 < %3")
                                .arg(title)
                                .arg(header->sectionSize(c))
                                .arg(headerMetrics.horizontalAdvance(title))));
        const QString value = view->model()->index(0, c).data().toString();
        QVERIFY2(header->sectionSize(c) >= metrics.horizontalAdvance(value),
                 qPrintable(s("%1 '%2' cut at %3").arg(title, value).arg(header->sectionSize(c))));
    }
}

// The declare dialog's variable prompts are shown whole: the shipped checklist's Prometheus
// prompt stood beside its field cut to "… the drill backend answers Pro" at a 1400-pixel
// screen; a prompt too long for the row now goes above its field.
void TestDialogs::declarePromptsAreWhole()
{
    DeclareIncidentDialog dialog({});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCoreApplication::processEvents();
    int prompts = 0; // QFormLayout::addRow makes each prompt its field's buddy
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (!label->buddy() || !label->buddy()->objectName().startsWith(s("var_")))
            continue;
        ++prompts;
        QVERIFY2(label->width() >= label->sizeHint().width(),
                 qPrintable(s("'%1' cut: %2 of %3 px")
                                .arg(label->text())
                                .arg(label->width())
                                .arg(label->sizeHint().width())));
    }
    QCOMPARE(prompts, test::shippedChecklist().variables.size());
}

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
