// Text that people type or files bring (a title, a commander, a declared variable, a checklist's
// steps, items, roles and milestones, a note) carrying bidirectional controls: wherever the
// console shows it, each control reads as U+FFFD and none is obeyed. A note saying "override" must
// not read "edirrevo" in a label, a button, a tooltip, a cell or the Gantt chart's tooltips.
// The test walks every widget of the window, every cell of every view and every point of the
// chart, so a new surface is checked without being named here.
#include "checklist/ChecklistParser.h"
#include "engine/ChecklistEngine.h"
#include "report/EventFormatter.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/OwnSettings.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/ScreenClock.h"
#include "ui/actions/FacilitationActions.h"
#include "ui/dialogs/DeferDialog.h"
#include "ui/dialogs/ExportDialog.h"
#include "ui/dialogs/HandoverDialog.h"
#include "ui/dialogs/OpenIncidentDialog.h"
#include "ui/dialogs/PollDialog.h"
#include "ui/dialogs/ReasonDialog.h"
#include "ui/dialogs/RolesDialog.h"
#include "ui/dialogs/RunConfirmDialog.h"
#include "ui/facilitation/FacilitationSession.h"
#include "ui/facilitation/FacilitatorWindow.h"
#include "ui/gantt/GanttBarsItem.h"
#include "ui/incident/AnnouncementBanner.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"
#include "util/BidiControls.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QFile>
#include <QGraphicsSceneHoverEvent>
#include <QGraphicsView>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSet>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

#include <memory>
#include <tuple>
#include <vector>

using namespace warroom;
using warroom::test::s;

namespace {

const QString rlo = s("\u202e");     // right-to-left override
const QString isolate = s("\u2067"); // right-to-left isolate

// Every text the user or a file supplies, with controls in it.
// The shipped checklist's file with the hostile texts written into it, as a checklist file can
// bring them: the incident keeps its checklist's source, and a reopened one is read from that.
Checklist hostileChecklist()
{
    QFile file(s(WARROOM_CHECKLISTS "/rollback-eight-step.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const auto append = [](QJsonObject &o, const char *key, const QString &tail) {
        o.insert(QLatin1String(key), QString(o.value(QLatin1String(key)).toString() + tail));
    };
    QJsonArray steps;
    for (const QJsonValue &v : root.value(s("steps")).toArray()) {
        QJsonObject step = v.toObject();
        append(step, "title", s(" ") + rlo + s("evoli"));
        QJsonArray items;
        for (const QJsonValue &i : step.value(s("items")).toArray()) {
            QJsonObject item = i.toObject();
            append(item, "text", s(" ") + isolate + s("item"));
            append(item, "detail", s(" ") + rlo + s("detail"));
            items.append(item);
        }
        step.insert(s("items"), items);
        steps.append(step);
    }
    root.insert(s("steps"), steps);
    for (const auto &[list, key] :
         {std::pair{"roles", "title"}, std::pair{"milestones", "label"}}) {
        QJsonArray out;
        for (const QJsonValue &v : root.value(QLatin1String(list)).toArray()) {
            QJsonObject o = v.toObject();
            append(o, key, rlo);
            out.append(o);
        }
        root.insert(QLatin1String(list), out);
    }
    const ChecklistParseResult parsed
        = ChecklistParser::parse(QJsonDocument(root).toJson(), s("hostile.json"));
    if (!parsed.ok())
        qWarning("%s", qPrintable(formatDiagnostics(parsed.diagnostics)));
    return parsed.checklist.value_or(Checklist{});
}

bool hasControl(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](QChar c) { return BidiControls::isControl(c.unicode()); });
}

class Sweep
{
public:
    void check(const QString &where, const QString &text)
    {
        if (text.contains(QChar(0xFFFD)))
            ++m_shown;
        if (hasControl(text))
            m_obeyed << where + s(": ") + text;
    }
    void widget(QWidget *w)
    {
        const QString name
            = QString::fromLatin1(w->metaObject()->className()) + s(" ") + w->objectName();
        check(name + s(" tooltip"), w->toolTip());
        check(name + s(" window title"), w->windowTitle());
        if (auto *label = qobject_cast<QLabel *>(w))
            check(name, label->text());
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            check(name, button->text());
        if (auto *box = qobject_cast<QGroupBox *>(w))
            check(name, box->title());
        if (auto *combo = qobject_cast<QComboBox *>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                check(name, combo->itemText(i));
        }
        if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                check(name, tabs->tabText(i));
                check(name, tabs->tabToolTip(i));
            }
        }
        if (auto *text = qobject_cast<QTextEdit *>(w); text && text->isReadOnly())
            check(name, text->toPlainText());
        if (auto *text = qobject_cast<QPlainTextEdit *>(w); text && text->isReadOnly())
            check(name, text->toPlainText());
        if (auto *view = qobject_cast<QAbstractItemView *>(w); view && view->model())
            model(name, view->model(), {});
    }
    // A window and everything in it.
    void window(QWidget *top)
    {
        widget(top);
        for (QWidget *child : top->findChildren<QWidget *>())
            widget(child);
    }
    // What a failure prints: the window's class and the first texts that obey a control.
    QByteArray report(const QWidget *top) const
    {
        return (QString::fromLatin1(top->metaObject()->className()) + u'\n'
                + m_obeyed.mid(0, 20).join(u'\n'))
            .toUtf8();
    }
    void model(const QString &name, const QAbstractItemModel *m, const QModelIndex &parent)
    {
        for (int r = 0; r < m->rowCount(parent); ++r) {
            for (int c = 0; c < m->columnCount(parent); ++c) {
                const QModelIndex i = m->index(r, c, parent);
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                    check(s("%1 cell %2,%3").arg(name).arg(r).arg(c), i.data(role).toString());
                if (c == 0)
                    model(name, m, i);
            }
        }
    }
    // The chart's tooltips, set as the pointer moves: every few pixels over every bar item.
    void chart(GanttBarsItem *bars)
    {
        const QRectF box = bars->boundingRect();
        for (qreal y = box.top(); y < box.bottom(); y += 3) {
            for (qreal x = box.left(); x < box.right(); x += 3) {
                QGraphicsSceneHoverEvent move(QEvent::GraphicsSceneHoverMove);
                move.setPos(QPointF(x, y));
                bars->scene()->sendEvent(bars, &move);
                check(s("chart at %1,%2").arg(x).arg(y), bars->toolTip());
                m_chartTips.insert(bars->toolTip());
            }
        }
    }
    int shown() const { return m_shown; }
    const QSet<QString> &chartTips() const { return m_chartTips; }
    const QStringList &obeyed() const { return m_obeyed; }

private:
    int m_shown = 0;
    QStringList m_obeyed;
    QSet<QString> m_chartTips;
};

} // namespace

class TestConsoleBidi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everySurfaceShowsControls();
    void everyDialogShowsControls();
    void facilitatedDrillShowsControls();
    void faultKeptBackOnTheChart();

private:
    static QList<GanttBarsItem *> chartsOf(MainWindow &w);
    // The console on an incident declared with the hostile texts, and a note among its events.
    std::unique_ptr<MainWindow> hostileWindow();

    QTemporaryDir m_dir;
    TimelineStore m_store;
    qint64 m_now = 1'767'225'600'000;
};

void TestConsoleBidi::initTestCase()
{
    initResources();
    test::useOwnSettings(m_dir.filePath(s("settings")));
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(s("bidi.sqlite")), &error), qPrintable(error));
}

std::unique_ptr<MainWindow> TestConsoleBidi::hostileWindow()
{
    auto w = std::make_unique<MainWindow>(m_store, QStringList{}, [this] { return m_now; });
    const Checklist checklist = hostileChecklist();
    if (checklist.steps.isEmpty())
        return nullptr;
    IncidentDeclaration d;
    d.title = s("Payments ") + rlo + s("override");
    d.commander = s("Alice ") + rlo + s("Chen");
    d.mode = IncidentMode::Drill;
    for (const ChecklistVariable &v : checklist.variables)
        d.variables.insert(v.name, v.defaultValue + isolate);
    w->resize(1600, 1000);
    w->show();
    // Declaring refuses such a title and commander now; an older build's database holds them.
    QString error;
    const auto id = test::storeUnchecked(m_store, checklist, d, m_now, &error);
    if (!id || !w->openIncident(*id) || !w->session())
        return nullptr;
    m_now += 30'000;
    if (!w->session()->addNote(s("the ") + rlo + s("override note")).ok())
        return nullptr;
    m_now += 30'000;
    QCoreApplication::processEvents();
    return w;
}

QList<GanttBarsItem *> TestConsoleBidi::chartsOf(MainWindow &w)
{
    QList<GanttBarsItem *> found;
    for (QGraphicsView *view : w.findChildren<QGraphicsView *>()) {
        for (QGraphicsItem *item : view->scene()->items()) {
            if (auto *bars = dynamic_cast<GanttBarsItem *>(item))
                found << bars;
        }
    }
    return found;
}

void TestConsoleBidi::everySurfaceShowsControls()
{
    const auto window = hostileWindow();
    QVERIFY(window);
    MainWindow &w = *window;
    Sweep sweep;
    sweep.window(&w);
    const QList<GanttBarsItem *> charts = chartsOf(w);
    QVERIFY2(!charts.isEmpty(), "the console has no Gantt chart");
    for (GanttBarsItem *bars : charts)
        sweep.chart(bars);
    // Not passing by finding nothing: the hostile texts are on screen, shown; the chart's pointer
    // found the note and a step's title.
    const auto tipWith = [&sweep](const QString &text) {
        return std::any_of(sweep.chartTips().cbegin(), sweep.chartTips().cend(),
                           [&text](const QString &tip) { return tip.contains(text); });
    };
    QVERIFY2(tipWith(s("the \ufffdoverride note")),
             qPrintable(sweep.chartTips().values().join(u'|')));
    QVERIFY2(tipWith(s("declare rollback class \ufffdevoli")),
             qPrintable(sweep.chartTips().values().join(u'|')));
    QVERIFY2(sweep.shown() >= 10, qPrintable(s("only %1 texts with U+FFFD").arg(sweep.shown())));
    QVERIFY2(sweep.obeyed().isEmpty(), sweep.report(&w).constData());
}

// The dialogs the console opens over an item, given the same texts: each shows them, not obeys.
void TestConsoleBidi::everyDialogShowsControls()
{
    const auto w = hostileWindow();
    QVERIFY(w);
    IncidentSession &session = *w->session();
    const ChecklistEngine &engine = session.engine();
    const Checklist &checklist = session.checklist();
    int pollStep = -1, pollItem = -1;
    for (int si = 0; si < checklist.steps.size(); ++si) {
        for (int ii = 0; ii < checklist.steps.at(si).items.size(); ++ii) {
            const ChecklistItem &item = checklist.steps.at(si).items.at(ii);
            if (!item.poll.isEmpty() && pollStep < 0)
                std::tie(pollStep, pollItem) = std::pair{si, ii};
        }
    }
    QVERIFY(pollStep >= 0);
    const QString item = checklist.steps.at(pollStep).items.at(pollItem).text;
    std::vector<std::unique_ptr<QDialog>> dialogs;
    dialogs.push_back(std::make_unique<RolesDialog>(engine));
    dialogs.push_back(std::make_unique<HandoverDialog>(
        s("Alice ") + rlo + s("Chen"), QStringList{s("Bob ") + rlo + s("Li")}, QJsonObject{}));
    dialogs.push_back(
        std::make_unique<PollDialog>(session, checklist.steps.at(pollStep).id,
                                     checklist.steps.at(pollStep).items.at(pollItem).id));
    dialogs.push_back(std::make_unique<DeferDialog>(engine, pollStep, pollItem));
    dialogs.push_back(std::make_unique<RunConfirmDialog>(
        item, s("POST https://deploy.example/") + rlo + s("rollback"), true, session.actor()));
    dialogs.push_back(std::make_unique<ReasonDialog>(item, s("Why ") + rlo + s("skip?")));
    dialogs.push_back(std::make_unique<OpenIncidentDialog>(m_store));
    dialogs.push_back(std::make_unique<ExportDialog>(session));
    for (const auto &dialog : dialogs) {
        dialog->show();
        QCoreApplication::processEvents();
        Sweep sweep;
        sweep.window(dialog.get());
        QVERIFY2(sweep.obeyed().isEmpty(), sweep.report(dialog.get()).constData());
        QVERIFY2(sweep.shown() >= 1, sweep.report(dialog.get()).constData());
        dialog->hide();
    }
}

// A scenario file is hostile input too: its objectives, injects and capabilities, on the
// facilitator's window, the console's banner and in the timeline once an inject is fired.
void TestConsoleBidi::facilitatedDrillShowsControls()
{
    MainWindow console(m_store, QStringList{});
    auto *actions = new FacilitationActions(console, {});
    console.show();
    const QByteArray rloUtf8 = rlo.toUtf8();
    // Its title would be the incident's, which refuses an override (tst_scenario's
    // title-override.json); everything else in it is shown.
    const QByteArray json = R"({"scenario": 1, "id": "bidi", "title": "Drill title", )"
                            R"("objectives": ["Hear )"
                            + rloUtf8 + R"(it"], "checklist": ")" + QByteArray(WARROOM_CHECKLISTS)
                            + R"(/rollback-eight-step.json",
        "backend": {"kind": "external"}, "drill_speed": 1,
        "injects": [{"id": "hello", "at": "T+1:00:00", "message": "Support )"
                            + rloUtf8 + R"(reports errors.", "to": "comms"}],
        "expect": [{"id": "scope-soon", "step": "scope", "done_by": "T+0:30:00"}],
        "capabilities": [{"id": "scoping", "name": "Scope )"
                            + rloUtf8 + R"(it", "steps": ["scope"]}]})";
    const QString path = m_dir.filePath(s("bidi-scenario.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(json), json.size());
    file.close();
    QString error;
    QVERIFY2(actions->startDrill(path, s("Mara Quinn"), &error), qPrintable(error));
    FacilitatorWindow *facilitator = actions->showFacilitator();
    facilitator->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(facilitator));
    QTest::keyClick(facilitator, Qt::Key_F, Qt::ControlModifier); // fire the inject now
    QTRY_COMPARE(actions->session().pendingAnnouncements().size(), 1);
    actions->banner()->refresh();
    QCoreApplication::processEvents();
    for (QWidget *top : {static_cast<QWidget *>(facilitator), static_cast<QWidget *>(&console)}) {
        Sweep sweep;
        sweep.window(top);
        QVERIFY2(sweep.obeyed().isEmpty(), sweep.report(top).constData());
        QVERIFY2(sweep.shown() >= 2, sweep.report(top).constData());
    }
}

// A drill's fault is kept back from the room while the drill runs on the chart too: its note's
// tooltip named it ("fault {"job_fails":true}") where the timeline's row no longer did.
void TestConsoleBidi::faultKeptBackOnTheChart()
{
    const auto window = hostileWindow();
    QVERIFY(window);
    IncidentSession &session = *window->session();
    const QString actor = session.actor();
    session.setActor(ScreenClock::facilitator);
    QVERIFY(session
                .recordDrillFault(s("Drill inject job-breaks: fault {\"job_fails\":true} sent to "
                                    "the drill backend"),
                                  s("job-breaks"))
                .ok());
    session.setActor(actor);
    m_now += 30'000;
    QTest::qWait(50); // the chart rebuilds once per pass of the event loop
    Sweep sweep;
    const QList<GanttBarsItem *> charts = chartsOf(*window);
    QVERIFY2(!charts.isEmpty(), "the console has no Gantt chart");
    for (GanttBarsItem *bars : charts)
        sweep.chart(bars);
    const QStringList tips = sweep.chartTips().values();
    QVERIFY2(tips.join(u'|').contains(EventFormatter::hiddenFaultText()),
             qPrintable(tips.join(u'|')));
    QVERIFY2(!tips.join(u'|').contains(s("job_fails")), qPrintable(tips.join(u'|')));
}

QTEST_MAIN(TestConsoleBidi)
#include "tst_consolebidi.moc"
