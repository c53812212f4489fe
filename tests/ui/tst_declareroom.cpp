// The declare dialog's people and times, by keyboard: a person and a fallback typed for a role and
// the impact's start and detection times; Enter declares, the roles are role.assigned events right
// after the declaration and the two times are in its payload (impact_started_at, detected_at);
// a time it cannot read, one in the future or a detection before the impact keeps it open and
// says why.

#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/TestStrings.h"
#include "timeline/EventVocabulary.h"
#include "ui/dialogs/DeclareIncidentDialog.h"
#include "ui/main/Resources.h"
#include "util/TimeFormat.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace warroom;
using warroom::test::s;

namespace {

QString enterRefusal(const QDialog &dialog)
{
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        if (label->property("role").toString() == QLatin1String("enterRefusal")
            && !label->isHidden())
            return label->text();
    return {};
}

// Types into the named field as a person would: focus, then keys.
void type(QDialog &dialog, const char *name, const QString &text)
{
    auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
    QVERIFY2(edit, name);
    edit->setFocus();
    QTest::keyClicks(edit, text);
}

// Empties the named field as a person would: select all, then Backspace.
void clear(QDialog &dialog, const char *name)
{
    auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
    QVERIFY2(edit, name);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
}

// The dialog on screen with a title and a commander typed, as every declaration needs.
QString field(const QDialog &dialog, const char *name)
{
    const auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
    return edit ? edit->text() : s("(no field %1)").arg(QLatin1String(name));
}

bool showWithTitleAndCommander(DeclareIncidentDialog &dialog)
{
    dialog.show();
    if (!QTest::qWaitForWindowExposed(&dialog))
        return false;
    type(dialog, "titleEdit", s("Checkout 5xx"));
    type(dialog, "commanderEdit", s("Priya Raman"));
    return true;
}

} // namespace

class TestDeclareRoom : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parseUtcTime_data();
    void parseUtcTime();
    void rolesAndTimesAreRecordedWithTheDeclaration();
    void badTimesKeepTheDialogOpenAndSayWhy_data();
    void badTimesKeepTheDialogOpenAndSayWhy();
    void reasonFollowsTheFields();
    void textsNotPlainKeepTheDialogOpenAndSayWhy_data();
    void textsNotPlainKeepTheDialogOpenAndSayWhy();
    void typedVariablesOutliveAChecklistChange();

private:
    QTemporaryDir m_dir;
};

void TestDeclareRoom::initTestCase()
{
    initResources();
    QVERIFY(m_dir.isValid());
}

void TestDeclareRoom::parseUtcTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("utc"); // formatUtc of the result, empty: not read
    QTest::newRow("date, minutes, Z") << s("2026-11-30 01:20Z") << s("2026-11-30 01:20:00Z");
    QTest::newRow("ISO with T and seconds")
        << s("2026-11-30T01:20:05Z") << s("2026-11-30 01:20:05Z");
    QTest::newRow("no Z") << s(" 2026-11-30 23:59 ") << s("2026-11-30 23:59:00Z");
    QTest::newRow("time only: today") << s("01:20") << s("2026-11-30 01:20:00Z");
    QTest::newRow("time with seconds") << s("01:20:07Z") << s("2026-11-30 01:20:07Z");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("words") << s("an hour ago") << QString();
    QTest::newRow("no such hour") << s("25:00") << QString();
    QTest::newRow("no such day") << s("2026-02-30 01:00") << QString();
}

void TestDeclareRoom::parseUtcTime()
{
    QFETCH(QString, text);
    QFETCH(QString, utc);
    const qint64 now
        = QDateTime(QDate(2026, 11, 30), QTime(3, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const auto at = DeclareIncidentDialog::parseUtcTime(text, now);
    QCOMPARE(at ? formatUtc(*at) : QString(), utc);
}

void TestDeclareRoom::rolesAndTimesAreRecordedWithTheDeclaration()
{
    DeclareIncidentDialog dialog({});
    QVERIFY(showWithTitleAndCommander(dialog));
    type(dialog, "role_database", s("Lena Vogt"));
    type(dialog, "fallback_database", s("Tom Berg"));
    type(dialog, "role_comms", s("Sam Okafor"));
    type(dialog, "impactStartedEdit", s("2026-01-01 00:40Z"));
    type(dialog, "detectedEdit", s("2026-01-01 00:52Z"));
    QTest::keyClick(dialog.focusWidget(), Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    const IncidentDeclaration d = dialog.declaration();
    QCOMPARE(d.roles.size(), 2);
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("declared.sqlite")), &error));
    const qint64 now = QDateTime(QDate(2026, 1, 1), QTime(1, 0), QTimeZone::utc())
                           .toMSecsSinceEpoch();
    auto session = IncidentSession::declare(store, *dialog.checklist(), d, [now] { return now; },
                                            &error);
    QVERIFY2(session, qPrintable(error));
    const TimelineEvents &events = session->events();
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).kind, QString(EventKind::IncidentDeclared));
    QCOMPARE(events.at(0).payload.value(s("impact_started_at")).toString(),
             s("2026-01-01 00:40:00Z"));
    QCOMPARE(events.at(0).payload.value(s("detected_at")).toString(), s("2026-01-01 00:52:00Z"));
    QCOMPARE(events.at(1).kind, QString(EventKind::RoleAssigned));
    QCOMPARE(events.at(1).actor, s("Priya Raman"));
    QCOMPARE(session->engine().crew().personFor(s("database")), s("Lena Vogt"));
    QCOMPARE(session->engine().crew().holders().value(s("database")).fallback, s("Tom Berg"));
    QCOMPARE(session->engine().crew().personFor(s("comms")), s("Sam Okafor"));
    QVERIFY(session->engine().crew().personFor(s("scribe")).isEmpty());
    // What was written is what a reader gets back, chain intact.
    const qint64 id = session->incident().id;
    session.reset();
    auto reopened = IncidentSession::open(store, id, [now] { return now; }, &error);
    QVERIFY2(reopened, qPrintable(error));
    QCOMPARE(reopened->engine().crew().personFor(s("database")), s("Lena Vogt"));
}

void TestDeclareRoom::badTimesKeepTheDialogOpenAndSayWhy_data()
{
    QTest::addColumn<QString>("impact");
    QTest::addColumn<QString>("detected");
    QTest::addColumn<QString>("fallbackOnly");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("unreadable") << s("an hour ago") << QString() << QString()
                                << s("write the impact's start as 2026-11-30 01:20Z");
    QTest::newRow("future") << QString() << s("2999-01-01 00:00") << QString()
                            << s("the detection time (2999-01-01 00:00:00Z) is in the future");
    QTest::newRow("detected before impact")
        << s("2026-01-01 00:52Z") << s("2026-01-01 00:40Z") << QString()
        << s("detected (2026-01-01 00:40:00Z) before it started");
    QTest::newRow("fallback, nobody holding") << QString() << QString() << s("Tom Berg")
                                              << s("Database engineer has a fallback");
}

void TestDeclareRoom::badTimesKeepTheDialogOpenAndSayWhy()
{
    QFETCH(QString, impact);
    QFETCH(QString, detected);
    QFETCH(QString, fallbackOnly);
    QFETCH(QString, refusal);
    DeclareIncidentDialog dialog({});
    QVERIFY(showWithTitleAndCommander(dialog));
    type(dialog, "impactStartedEdit", impact);
    type(dialog, "detectedEdit", detected);
    type(dialog, "fallback_database", fallbackOnly);
    QTest::keyClick(dialog.focusWidget(), Qt::Key_Return);
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY(dialog.isVisible());
    QVERIFY2(enterRefusal(dialog).contains(refusal), qPrintable(enterRefusal(dialog)));
}

// The reason on show follows the fields: with two faults, mending the one it names brings up the
// other at once, and mending that one too takes the reason away (it named a mended fault until the
// next Enter).
void TestDeclareRoom::reasonFollowsTheFields()
{
    DeclareIncidentDialog dialog({});
    QVERIFY(showWithTitleAndCommander(dialog));
    type(dialog, "fallback_database", s("Tom Berg"));
    type(dialog, "impactStartedEdit", s("an hour ago"));
    QTest::keyClick(dialog.focusWidget(), Qt::Key_Return);
    const QString first = enterRefusal(dialog);
    QVERIFY2(!first.isEmpty(), "no reason on Enter");
    const bool timeFirst = first.contains(s("impact"));
    if (timeFirst)
        clear(dialog, "impactStartedEdit");
    else
        type(dialog, "role_database", s("Lena Vogt"));
    const QString second = enterRefusal(dialog);
    QVERIFY2(second != first && !second.isEmpty(), qPrintable(second));
    QVERIFY2(second.contains(timeFirst ? s("Database engineer has a fallback") : s("impact")),
             qPrintable(second));
    if (timeFirst)
        type(dialog, "role_database", s("Lena Vogt"));
    else
        clear(dialog, "impactStartedEdit");
    QVERIFY(dialog.findChild<QPushButton *>(s("declareButton"))->isEnabled());
    QVERIFY2(enterRefusal(dialog).isEmpty(), qPrintable(enterRefusal(dialog)));
}

// What the session would refuse in a title or a name is said in the dialog, while the text can
// be corrected, instead of after it closed with everything typed in it.
void TestDeclareRoom::textsNotPlainKeepTheDialogOpenAndSayWhy_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("title with an override")
        << s("titleEdit") << s("Checkout \u202e5xx")
        << s("The title has a control character (U+202E) at character 10");
    QTest::newRow("commander with a zero-width space")
        << s("commanderEdit") << s("Priya\u200b Raman")
        << s("The commander's name has an invisible or control character (U+200B) at character 6");
    QTest::newRow("role holder with a soft hyphen")
        << s("role_database") << s("Lena Vo\u00adgt")
        << s("The name given for Database engineer has an invisible or control character (U+00AD) "
             "at character 8");
}

void TestDeclareRoom::textsNotPlainKeepTheDialogOpenAndSayWhy()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, refusal);
    DeclareIncidentDialog dialog({});
    QVERIFY(showWithTitleAndCommander(dialog));
    auto *edit = dialog.findChild<QLineEdit *>(field);
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    // Through the keyboard's text events, as an input method or a paste of one character gives it.
    for (const QChar c : text)
        QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, QString(c), Qt::NoModifier);
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY(dialog.isVisible());
    QVERIFY2(enterRefusal(dialog).contains(refusal), qPrintable(enterRefusal(dialog)));
    QVERIFY(!dialog.findChild<QPushButton *>(s("declareButton"))->isEnabled());
}

// What was typed into a variable's field stays when another checklist is chosen and when the
// first is chosen again (choosing one wiped a service name typed a moment before); a field not
// typed into takes the chosen checklist's default.
void TestDeclareRoom::typedVariablesOutliveAChecklistChange()
{
    DeclareIncidentDialog dialog({s(WARROOM_TEST_DATA "/checklists/good/parallel.json")});
    QVERIFY(showWithTitleAndCommander(dialog));
    auto *combo = dialog.findChild<QComboBox *>(s("checklistCombo"));
    QVERIFY(combo && combo->count() == 2 && combo->currentIndex() == 1);
    QCOMPARE(field(dialog, "var_service"), s("api")); // parallel.json's default
    clear(dialog, "var_service");
    type(dialog, "var_service", s("checkout-api"));
    combo->setCurrentIndex(0); // the built-in checklist: service, versions, channel, ...
    QCOMPARE(field(dialog, "var_service"), s("checkout-api"));
    QCOMPARE(field(dialog, "var_channel"), s("#inc-rollback"));
    clear(dialog, "var_channel");
    type(dialog, "var_channel", s("#inc-checkout"));
    combo->setCurrentIndex(1);
    QCOMPARE(field(dialog, "var_service"), s("checkout-api"));
    QCOMPARE(field(dialog, "var_note"), QString());
    combo->setCurrentIndex(0);
    QCOMPARE(field(dialog, "var_service"), s("checkout-api"));
    QCOMPARE(field(dialog, "var_channel"), s("#inc-checkout"));
    QCOMPARE(field(dialog, "var_good_version"), s("v1.2.0"));
}

QTEST_MAIN(TestDeclareRoom)
#include "tst_declareroom.moc"
