#include "gantt/GanttBuilder.h"
#include "itemmodels/ChecklistModel.h"
#include "itemmodels/TimelineModel.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/GanttStory.h"
#include "support/ModalDialogs.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"
#include "ui/actions/IncidentActions.h"
#include "ui/gantt/GanttBarsItem.h"
#include "ui/gantt/GanttChartView.h"
#include "ui/gantt/GanttPanel.h"
#include "ui/incident/IncidentView.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"
#include "ui/timeline/TimelineFilterModel.h"

#include <QApplication>
#include <QChart>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSlider>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace warroom;
using warroom::test::ganttStory;
using warroom::test::s;
using warroom::test::TestTimeline;

namespace {

const QString ic = QStringLiteral("ic");

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

// An incident of the parallel checklist, titled `title`, declared in `store`.
std::unique_ptr<IncidentSession> declareParallel(TimelineStore &store, const QString &title)
{
    IncidentDeclaration d;
    d.title = title;
    d.commander = ic;
    d.variables = {{QStringLiteral("service"), QStringLiteral("api")}};
    QString error;
    return IncidentSession::declare(store, test::parallelChecklist(), d, systemClock(), &error);
}

} // namespace

class TestGanttView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rendersEveryBar();
    void clickingABarNamesItsStep();
    void exportsPngAndSvg_data();
    void exportsPngAndSvg();
    void exportExpandsExtractedValues_data();
    void exportExpandsExtractedValues();
    void exportSizeTypoAsksAgain();
    void burstOfEventsRebuildsOnce();
    void chartClickFiltersTimelineAndReplayRewinds();
    void backToLiveShowsTheNewestEvent();

private:
    QTemporaryDir m_dir;
};

void TestGanttView::initTestCase()
{
    initResources();
}

void TestGanttView::rendersEveryBar()
{
    GanttChartView view;
    view.resize(1000, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const GanttGeometry g = ganttStory();
    view.setGantt(g);
    view.zoomToFit();
    const QImage image = view.grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY2(distinctColours(image) > 10, "the chart looks blank");
    // 4 planned bars + a, b, c, d actual bars.
    QCOMPARE(g.barCount(), 8);
    QCOMPARE(view.paintedBars(), 8);
    // The middle of step a's done bar is the Done colour.
    QChart *chart = view.chart();
    const QPointF centre = chart->mapToPosition(QPointF(0.5, 3.5), chart->series().first());
    const QPoint pixel = view.mapFromScene(centre);
    QCOMPARE(QColor(image.pixel(pixel)).name(), GanttBarsItem::colour(BarState::Done).name());
}

void TestGanttView::clickingABarNamesItsStep()
{
    GanttChartView view;
    view.resize(1000, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setGantt(ganttStory());
    view.zoomToFit();
    QSignalSpy clicked(&view, &GanttChartView::stepClicked);
    QChart *chart = view.chart();
    // Row c (third from the top: y centre 1.5) at T+3 min.
    const QPointF target = chart->mapToPosition(QPointF(3.0, 1.5), chart->series().first());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(target));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().first().toString(), s("c"));
}

void TestGanttView::exportsPngAndSvg_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("png") << s("chart.png");
    QTest::newRow("svg") << s("chart.svg");
}

void TestGanttView::exportsPngAndSvg()
{
    QFETCH(QString, file);
    const QString path = m_dir.filePath(file);
    QString error;
    QVERIFY(!GanttChartView::exportImage(ganttStory(), path, QSize(50, 50), &error));
    QVERIFY(error.contains(s("Choose a size")));
    QVERIFY2(GanttChartView::exportImage(ganttStory(), path, QSize(1600, 600), &error),
             qPrintable(error));
    if (file.endsWith(s(".png"))) {
        const QImage image(path);
        QCOMPARE(image.size(), QSize(1600, 600));
        QVERIFY(distinctColours(image) > 10);
    } else {
        QFile svg(path);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("viewBox=\"0 0 1600 600\""));
        // Bars, axes and labels: far more than an empty drawing has.
        QVERIFY2(text.count("<path") + text.count("<rect") + text.count("<polyline") > 20,
                 text.left(400).constData());
        QVERIFY(text.contains("Start api"));
    }
}

void TestGanttView::exportExpandsExtractedValues_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("expected");
    QTest::newRow("extracted") << s("Watch job {{job_id}}") << s("Watch job job-7");
    QTest::newRow("incident") << s("Page {{incident.commander}}") << s("Page ic");
    QTest::newRow("both") << s("{{job_id}} by {{incident.commander}}") << s("job-7 by ic");
}

void TestGanttView::exportExpandsExtractedValues()
{
    // The exported chart labels its rows as the screen does: with the values actions extracted
    // ({{job_id}}) as well as the incident's. It used to read the incident's variables only.
    QFETCH(QString, title);
    QFETCH(QString, expected);
    Checklist checklist = test::shippedChecklist();
    checklist.steps[0].title = title;
    IncidentRecord incident;
    incident.commander = ic;
    TimelineEvent responded;
    responded.seq = 1;
    responded.actor = ic;
    responded.kind = EventKind::ActionResponded;
    responded.stepId = checklist.steps[0].id;
    responded.itemId = checklist.steps[0].items.at(0).id;
    responded.payload = {{PayloadKey::Run, s("run-1")},
                         {PayloadKey::Phase, RequestPhase::Send},
                         {PayloadKey::Extracted, QJsonObject{{s("job_id"), s("job-7")}}}};
    const QString svg = QString::fromUtf8(
        GanttChartView::renderIncidentSvg(incident, checklist, {responded}));
    QVERIFY2(svg.contains(expected), qPrintable(expected));
}

// A typo in the export's size asks for the size again, with what was typed and why; the file
// chosen is kept (the typo dropped the whole export).
void TestGanttView::exportSizeTypoAsksAgain()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("typo.sqlite")), &error));
    auto session = declareParallel(store, s("Typo"));
    QVERIFY(session);
    GanttPanel panel;
    panel.setSession(session.get());
    const QString path = m_dir.filePath(s("typo.png"));
    QString secondLabel, secondText;
    bool asked = false;
    test::whenDialogShows<QFileDialog>([&](QFileDialog *dialog) {
        test::whenDialogShows<QInputDialog>([&](QInputDialog *first) {
            test::whenDialogShows<QInputDialog>([&](QInputDialog *second) {
                asked = true;
                secondLabel = second->labelText();
                secondText = second->textValue();
                second->setTextValue(s("800x600"));
                second->accept();
            });
            first->setTextValue(s("1920x108O"));
            first->accept();
        });
        test::chooseFile(dialog, path);
    });
    // Had the typo been refused with a message box instead, close it: the test then fails on
    // `asked` rather than waiting on the box. A timer of this scope, stopped with it (one left
    // running past the test was a leak under LeakSanitizer).
    QTimer boxGuard;
    boxGuard.setInterval(20);
    connect(&boxGuard, &QTimer::timeout, &boxGuard, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->reject();
    });
    boxGuard.start();
    panel.exportChart();
    boxGuard.stop();
    QVERIFY(asked);
    QVERIFY2(secondLabel.contains(s("\"1920x108O\" is not a size to export")),
             qPrintable(secondLabel));
    QCOMPARE(secondText, s("1920x108O"));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(800, 600));
}

void TestGanttView::burstOfEventsRebuildsOnce()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("burst.sqlite")), &error));
    auto session = declareParallel(store, s("Burst"));
    QVERIFY(session);
    GanttPanel panel;
    panel.setSession(session.get());
    const int before = panel.rebuildCount();
    for (int i = 0; i < 10; ++i)
        QVERIFY(session->addNote(QStringLiteral("note %1").arg(i)).ok());
    QCOMPARE(panel.rebuildCount(), before); // nothing redrawn inside the burst
    QTRY_COMPARE(panel.rebuildCount(), before + 1);
    QTest::qWait(50);
    QCOMPARE(panel.rebuildCount(), before + 1);
    int notes = 0;
    for (const GanttMarker &m : panel.chartView()->gantt().markers)
        notes += m.kind == GanttMarker::Kind::Note;
    QCOMPARE(notes, 10);
    QVERIFY(panel.chartView()->gantt().hasForecast); // live: the re-forecast is drawn
}

void TestGanttView::chartClickFiltersTimelineAndReplayRewinds()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("window.sqlite")), &error));
    qint64 now = 1'767'225'600'000;
    MainWindow w(store, {}, [&now] { return now; });
    w.show();
    IncidentDeclaration d;
    d.title = s("Window");
    d.commander = ic;
    d.variables = {{s("service"), s("api")}};
    QVERIFY(w.declareIncident(test::parallelChecklist(), d));
    IncidentSession *session = w.session();
    now += 60'000;
    QVERIFY(session->confirmItem(s("a"), s("a1")).ok());
    now += 60'000;
    QVERIFY(session->confirmItem(s("a"), s("a2"), s("x")).ok());
    now += 60'000;
    QVERIFY(session->confirmItem(s("c"), s("c1")).ok());

    GanttPanel *gantt = w.incidentView()->gantt();
    emit gantt->chartView()->stepClicked(s("a"));
    QCOMPARE(w.focusedStep(), 0);
    TimelineFilterModel *filter = w.incidentView()->timelineFilter();
    QCOMPARE(filter->rowCount(), 4); // started, two confirmations, done
    for (int r = 0; r < filter->rowCount(); ++r)
        QCOMPARE(filter->index(r, 0).data(TimelineModel::StepIdRole).toString(), s("a"));

    // Replay to T+1:30: step a half done, c not yet started; commands are off.
    auto *slider = gantt->findChild<QSlider *>(s("replaySlider"));
    QVERIFY(slider);
    QTRY_VERIFY(slider->maximum() > 90); // the coalesced redraw has run
    slider->setValue(90);
    QCOMPARE(gantt->replayTime(), std::optional<qint64>(90'000));
    QCOMPARE(w.checklistModel()->stepIndex(0).data(ChecklistModel::StateRole).toString(),
             s("active"));
    QCOMPARE(w.checklistModel()->stepIndex(2).data(ChecklistModel::StateRole).toString(),
             s("pending"));
    QVERIFY(w.isReplaying());
    const qsizetype events = session->events().size();
    w.actions()->nextStep(); // step b, ready
    QCOMPARE(w.focusedStep(), 1);
    w.actions()->confirmCurrentItem(); // the window records nothing while replaying
    w.actions()->addNote();
    w.actions()->undo();
    QCOMPARE(session->events().size(), events);
    QCOMPARE(session->engine().step(1).items.at(0).state, ItemState::Open);
    gantt->setReplayTime(std::nullopt);
    QCOMPARE(w.checklistModel()->stepIndex(2).data(ChecklistModel::StateRole).toString(),
             s("done"));
    QVERIFY(!w.isReplaying());
}

void TestGanttView::backToLiveShowsTheNewestEvent()
{
    // Back to live lets the later rows into the table again; the table must end on the newest
    // one, not where the replayed moment's rows ended.
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("live.sqlite")), &error));
    qint64 now = 1'767'225'600'000;
    MainWindow w(store, {}, [&now] { return now; });
    w.resize(1200, 800);
    w.show();
    IncidentDeclaration d;
    d.title = s("Live");
    d.commander = ic;
    d.variables = {{s("service"), s("api")}};
    QVERIFY(w.declareIncident(test::parallelChecklist(), d));
    IncidentSession *session = w.session();
    for (int i = 0; i < 60; ++i) {
        now += 10'000;
        QVERIFY(session->addNote(s("note %1").arg(i)).ok());
    }
    auto *table = w.findChild<QTableView *>(s("timelineView"));
    QVERIFY(table);
    GanttPanel *gantt = w.incidentView()->gantt();
    auto *slider = gantt->findChild<QSlider *>(s("replaySlider"));
    QTRY_VERIFY(slider->maximum() > 600); // the coalesced redraw has run
    slider->setValue(30); // T+0:30: three notes
    QVERIFY(w.isReplaying());
    gantt->setReplayTime(std::nullopt);
    QVERIFY(!w.isReplaying());
    QScrollBar *bar = table->verticalScrollBar();
    QVERIFY(bar->maximum() > 0); // sixty notes do not fit: the table scrolls
    QCOMPARE(bar->value(), bar->maximum());
}

QTEST_MAIN(TestGanttView)
#include "tst_ganttview.moc"
