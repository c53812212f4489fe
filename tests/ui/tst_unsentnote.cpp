// A note being typed when the incident stops taking notes (another screen closed it): the field
// kept the text greyed and disabled, could not give it up, and said nothing. It stays, read-only
// and selectable, with why beside it; Enter says why it is not added.
// A note typed and not added when the window leaves its incident (another opened or declared, the
// window closed): it was carried into the next incident, where Enter added it to a timeline it was
// not written for, or dropped without a word. The window asks first.
#include "itemmodels/IncidentListModel.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/ModalDialogs.h"
#include "support/OwnSettings.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"
#include "ui/dialogs/DeclareIncidentDialog.h"
#include "ui/dialogs/OpenIncidentDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace warroom;
using warroom::test::s;

class TestUnsentNote : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void closedByAnotherScreen_data();
    void closedByAnotherScreen();
    void leavingAsksFirst_data();
    void leavingAsksFirst();
    void undoInTheNoteField_data();
    void undoInTheNoteField();

private:
    QTemporaryDir m_dir;
    qint64 m_now = 1'767'225'600'000;
    int m_db = 0;
};

void TestUnsentNote::initTestCase()
{
    initResources();
    test::useOwnSettings(m_dir.filePath(s("settings")));
}

void TestUnsentNote::closedByAnotherScreen_data()
{
    QTest::addColumn<QString>("typed"); // in the note field when the other screen closes
    QTest::newRow("a note being typed") << s("DB lag back under 2 s");
    QTest::newRow("nothing typed") << QString();
    QTest::newRow("only spaces") << s("   ");
}

void TestUnsentNote::closedByAnotherScreen()
{
    QFETCH(QString, typed);
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("note%1.sqlite").arg(++m_db)), &error), qPrintable(error));
    MainWindow w(store, QStringList{}, [this] { return m_now; });
    w.show();
    const Checklist checklist = test::shippedChecklist();
    QVERIFY(w.declareIncident(checklist,
                              test::declarationWithDefaults(checklist, s("Payments 5xx"),
                                                            s("Alice Chen"), IncidentMode::Live)));
    const qint64 id = w.session()->incident().id;
    auto *note = w.findChild<QLineEdit *>(s("noteEdit"));
    QVERIFY(note);
    note->setFocus();
    QTest::keyClicks(note, typed);
    // Another screen of the room closes it; this one follows the timeline.
    {
        TimelineStore other;
        QVERIFY2(other.open(store.path(), &error), qPrintable(error));
        auto commander = IncidentSession::open(
            other, id, [this] { return m_now; }, &error);
        QVERIFY2(commander, qPrintable(error));
        QVERIFY(commander->close(s("rolled back")).ok());
    }
    QTRY_VERIFY_WITH_TIMEOUT(w.session()->engine().isClosed(), 5000);
    const bool kept = !typed.trimmed().isEmpty();
    QTRY_COMPARE(note->isReadOnly(), true);
    QCOMPARE(note->isEnabled(), kept); // nothing to keep: off, saying why in its placeholder
    QCOMPARE(note->text(), typed);
    QCOMPARE(note->placeholderText(), s("No notes now: the incident is closed"));
    const QString why = w.findChild<QLabel *>(s("refusal"))->text();
    if (!kept) {
        QCOMPARE(note->toolTip(), QString());
        QVERIFY2(!why.contains(s("note")), qPrintable(why));
        return;
    }
    QCOMPARE(note->toolTip(),
             s("Not added: the incident is closed. Its text stays here to copy (select it, "
               "Ctrl+C)."));
    QCOMPARE(why, s("Your note was not added: the incident is closed. Its text stays in the note "
                    "field to copy."));
    // It can be had: selected and copied.
    note->setFocus();
    QTest::keyClick(note, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(note, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), typed);
    // Enter says why, and keeps it.
    QTest::keyClick(note, Qt::Key_Return);
    QCOMPARE(w.findChild<QLabel *>(s("refusal"))->text(), s("The incident is closed."));
    QCOMPARE(note->text(), typed);
}

void TestUnsentNote::leavingAsksFirst_data()
{
    QTest::addColumn<QString>("how");      // open (another), same (incident again), declare, close
    QTest::addColumn<QString>("typed");    // in the note field
    QTest::addColumn<bool>("closedFirst"); // another screen closed this incident before
    QTest::addColumn<QString>("answer");   // to the question: add, discard, cancel, enter, esc
    QTest::addColumn<bool>("asked");
    QTest::addColumn<bool>("left");  // the window went on to the other incident / closed
    QTest::addColumn<bool>("added"); // the note is in the first incident's timeline
    QTest::addColumn<bool>("otherBroken"); // its chain broken, the other incident cannot open

    const QString n = s("DB lag back under 2 s");
    QTest::newRow("open another, add it")
        << s("open") << n << false << s("add") << true << true << true << false;
    QTest::newRow("open another, discard it")
        << s("open") << n << false << s("discard") << true << true << false << false;
    QTest::newRow("open another, Enter stays")
        << s("open") << n << false << s("enter") << true << false << false << false;
    QTest::newRow("open another, Esc stays")
        << s("open") << n << false << s("esc") << true << false << false << false;
    QTest::newRow("open another, nothing typed")
        << s("open") << s("  ") << false << QString() << false << true << false << false;
    QTest::newRow("the same incident again")
        << s("same") << n << false << QString() << false << true << false << false;
    QTest::newRow("closed elsewhere, open another, discard")
        << s("open") << n << true << s("discard") << true << true << false << false;
    QTest::newRow("closed elsewhere, open another, cancel")
        << s("open") << n << true << s("cancel") << true << false << false << false;
    QTest::newRow("declare, add it")
        << s("declare") << n << false << s("add") << true << true << true << false;
    QTest::newRow("close the window, cancel")
        << s("close") << n << false << s("cancel") << true << false << false << false;
    QTest::newRow("close the window, add it")
        << s("close") << n << false << s("add") << true << true << true << false;
    QTest::newRow("open another that fails, discard: the note stays")
        << s("open") << n << false << s("discard") << true << false << false << true;
    QTest::newRow("close the window, discard it")
        << s("close") << n << false << s("discard") << true << true << false << false;
}

void TestUnsentNote::leavingAsksFirst()
{
    QFETCH(QString, how);
    QFETCH(QString, typed);
    QFETCH(bool, closedFirst);
    QFETCH(QString, answer);
    QFETCH(bool, asked);
    QFETCH(bool, left);
    QFETCH(bool, added);
    QFETCH(bool, otherBroken);
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("leave%1.sqlite").arg(++m_db)), &error),
             qPrintable(error));
    const Checklist checklist = test::shippedChecklist();
    qint64 otherId = 0;
    {
        auto other = IncidentSession::declare(
            store, checklist,
            test::declarationWithDefaults(checklist, s("Search latency"), s("Bo Lee"),
                                          IncidentMode::Live),
            [this] { return m_now; }, &error);
        QVERIFY2(other, qPrintable(error));
        otherId = other->incident().id;
    }
    if (otherBroken)
        QCOMPARE(test::rawSql(store.path(), s("DROP TRIGGER events_append_only_update; UPDATE "
                                              "events SET actor = 'Mallory' WHERE incident_id = %1")
                                                .arg(otherId)),
                 QString());
    MainWindow w(store, QStringList{}, [this] { return m_now; });
    w.show();
    QVERIFY(w.declareIncident(checklist,
                              test::declarationWithDefaults(checklist, s("Payments 5xx"),
                                                            s("Alice Chen"), IncidentMode::Live)));
    const qint64 id = w.session()->incident().id;
    auto *note = w.findChild<QLineEdit *>(s("noteEdit"));
    note->setFocus();
    QTest::keyClicks(note, typed);
    if (closedFirst) {
        TimelineStore elsewhere;
        QVERIFY2(elsewhere.open(store.path(), &error), qPrintable(error));
        auto commander = IncidentSession::open(
            elsewhere, id, [this] { return m_now; }, &error);
        QVERIFY2(commander, qPrintable(error));
        QVERIFY(commander->close(s("rolled back")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->engine().isClosed(), 5000);
    }

    bool wasAsked = false;
    QString question;
    QStringList buttons;
    const test::AnswerIfAsked<QMessageBox> answerer([&](QMessageBox *box) {
        wasAsked = true;
        question = box->text() + u'\n' + box->informativeText();
        for (QAbstractButton *b : box->buttons())
            buttons << b->text();
        const auto button = [box](const QString &prefix) -> QAbstractButton * {
            for (QAbstractButton *b : box->buttons())
                if (b->text().startsWith(prefix))
                    return b;
            return nullptr;
        };
        if (otherBroken) // then the open fails, and says so
            test::whenDialogShows<QMessageBox>([](QMessageBox *warning) { warning->accept(); });
        if (answer == s("enter"))
            QTest::keyClick(box, Qt::Key_Return);
        else if (answer == s("esc"))
            QTest::keyClick(box, Qt::Key_Escape);
        else if (QAbstractButton *b = button(answer == s("add")       ? s("&Add it")
                                             : answer == s("discard") ? s("&Discard")
                                                                      : s("Cancel")))
            b->click();
        else
            box->reject(); // the answer's button is missing: the comparisons below say so
    });
    if (how == s("open") || how == s("same")) {
        const qint64 pick = how == s("open") ? otherId : id;
        test::whenDialogShows<OpenIncidentDialog>([pick](OpenIncidentDialog *d) {
            auto *table = d->findChild<QTableView *>();
            for (int row = 0; row < table->model()->rowCount(); ++row)
                if (table->model()
                        ->index(row, 0)
                        .data(IncidentListModel::IncidentIdRole)
                        .toLongLong()
                    == pick)
                    table->selectRow(row);
            d->accept();
        });
        w.showOpenDialog();
    } else if (how == s("declare")) {
        test::whenDialogShows<DeclareIncidentDialog>([](DeclareIncidentDialog *d) {
            QTest::keyClicks(d->findChild<QLineEdit *>(s("titleEdit")), s("Checkout errors"));
            QTest::keyClicks(d->findChild<QLineEdit *>(s("commanderEdit")), s("Dave Kim"));
            QTest::mouseClick(d->findChild<QRadioButton *>(s("drillRadio")), Qt::LeftButton);
            QTest::mouseClick(d->findChild<QPushButton *>(s("declareButton")), Qt::LeftButton);
        });
        w.showDeclareDialog();
    } else {
        w.close();
    }
    QCOMPARE(wasAsked, asked);
    if (asked) {
        QVERIFY2(question.contains(s("\u201cDB lag back under 2 s\u201d")), qPrintable(question));
        QVERIFY2(question.contains(s("\u201cPayments 5xx\u201d")), qPrintable(question));
        // Cancel is there and first to hand; Add only where the note can still be added.
        QVERIFY2(buttons.contains(s("Cancel")) && buttons.contains(s("&Discard it")),
                 qPrintable(buttons.join(u'|')));
        const bool addOffered = std::any_of(buttons.begin(), buttons.end(), [](const QString &b) {
            return b.startsWith(s("&Add it, then "));
        });
        QCOMPARE(addOffered, !closedFirst);
        if (closedFirst)
            QVERIFY2(question.contains(s("was not added to the timeline of \u201cPayments "
                                         "5xx\u201d: the incident is closed.")),
                     qPrintable(question));
    }
    if (how == s("close")) {
        QCOMPARE(w.isVisible(), !left);
    } else {
        const qint64 expectedNow = left && how == s("open") ? otherId : id;
        if (how == s("declare") && left)
            QCOMPARE(w.session()->incident().title, s("Checkout errors"));
        else
            QCOMPARE(w.session()->incident().id, expectedNow);
    }
    // Still here (or spaces only, which are no note): the field keeps it; gone once it went
    // somewhere.
    const bool keeps = !left || how == s("same") || typed.trimmed().isEmpty();
    QCOMPARE(note->text(), keeps ? typed : QString());
    // The first incident's timeline has the note only when the person chose to add it.
    TimelineStore reader;
    QVERIFY2(reader.open(store.path(), &error), qPrintable(error));
    auto first = IncidentSession::open(
        reader, id, [this] { return m_now; }, &error);
    QVERIFY2(first, qPrintable(error));
    int notes = 0;
    for (const TimelineEvent &e : first->events())
        notes += e.kind == s("note.added") && e.payload.value(s("text")).toString() == typed;
    QCOMPARE(notes, added ? 1 : 0);
}

QTEST_MAIN(TestUnsentNote)
void TestUnsentNote::undoInTheNoteField_data()
{
    QTest::addColumn<QString>("typed"); // in the field when Ctrl+Z is pressed
    QTest::addColumn<bool>("undone");   // the confirmation undone
    QTest::newRow("nothing typed after the note") << QString() << true;
    QTest::newRow("text being typed") << s("lag 0s") << false;
    // Typing undone to the end, and Ctrl+Z once more: still the field's (its redo is there).
    QTest::newRow("typing undone, once more") << s("x") << false;
}

// A note added, an item confirmed by Ctrl+Return from the field, then Ctrl+Z there: the field
// brought the note back, selected (one more Enter added it twice), and the confirmation stayed.
// With nothing of its own to undo, Ctrl+Z is the window's; with text being typed, the field's.
void TestUnsentNote::undoInTheNoteField()
{
    QFETCH(QString, typed);
    QFETCH(bool, undone);
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("undo%1.sqlite").arg(++m_db)), &error), qPrintable(error));
    const Checklist checklist = test::shippedChecklist();
    MainWindow w(store, QStringList{}, [this] { return m_now; });
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(w.declareIncident(checklist,
                              test::declarationWithDefaults(checklist, s("Payments 5xx"),
                                                            s("Alice Chen"), IncidentMode::Live)));
    IncidentSession &session = *w.session();
    const auto confirmed = [&] {
        return session.engine().step(0).items.at(0).state;
    };
    QTest::keyClick(&w, Qt::Key_M, Qt::ControlModifier);
    auto *note = w.findChild<QLineEdit *>(s("noteEdit"));
    QTRY_VERIFY(note->hasFocus());
    QTest::keyClicks(note, s("Error rate dropping on the dashboard"));
    QTest::keyClick(note, Qt::Key_Return);
    QCOMPARE(note->text(), QString());
    const auto notes = [&] {
        return std::count_if(session.events().cbegin(), session.events().cend(),
                             [](const TimelineEvent &e) { return e.kind == EventKind::NoteAdded; });
    };
    QCOMPARE(notes(), 1);
    QTest::keyClick(note, Qt::Key_Return, Qt::ControlModifier); // the field empty: the window's
    QCOMPARE(confirmed(), ItemState::Confirmed);
    QTest::keyClicks(note, typed);
    QTest::keyClick(note, Qt::Key_Z, Qt::ControlModifier);
    if (QByteArrayView(QTest::currentDataTag()) == "typing undone, once more")
        QTest::keyClick(note, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(confirmed(), undone ? ItemState::Open : ItemState::Confirmed);
    QCOMPARE(note->text(), QString()); // the typing undone, or nothing: never the note again
    QTest::keyClick(note, Qt::Key_Return);
    QCOMPARE(notes(), 1); // never a second one
}

#include "tst_unsentnote.moc"
