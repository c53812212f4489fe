// A note being typed when the incident stops taking notes (another screen closed it): the field
// kept the text greyed and disabled, could not give it up, and said nothing. It stays, read-only
// and selectable, with why beside it; Enter says why it is not added.
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/OwnSettings.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestUnsentNote : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void closedByAnotherScreen_data();
    void closedByAnotherScreen();

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

QTEST_MAIN(TestUnsentNote)
#include "tst_unsentnote.moc"
