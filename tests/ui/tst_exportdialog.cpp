// The export dialog offers every format the command line writes, CDEvents too: chosen in the
// combo, the file saved is a CloudEvents batch of the CDEvents vocabulary, as `warroom export
// --format cdevents` writes it.
#include "report/formats/HtmlExport.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/dialogs/ExportDialog.h"

#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>

using namespace warroom;
using warroom::test::s;

class TestExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void offersCdEvents();
    void previewShowsTheChartAndReadableLinks();

private:
    QTemporaryDir m_dir;
};

void TestExportDialog::offersCdEvents()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("cdevents.sqlite")), &error));
    auto session = test::declareWithDefaults(store, test::shippedChecklist(), s("CDEvents drill"),
                                             s("Alice Chen"), &error);
    QVERIFY2(session, qPrintable(error));
    ExportDialog dialog(*session);
    auto *combo = dialog.findChild<QComboBox *>(s("formatCombo"));
    QVERIFY(combo);
    const int index = combo->findData(int(ExportFormat::CdEvents));
    QVERIFY2(index >= 0, "no CDEvents in the export dialog");
    QVERIFY(combo->itemText(index).contains(s("CDEvents")));
    combo->setCurrentIndex(index);
    QCOMPARE(dialog.format(), ExportFormat::CdEvents);
    QVERIFY(dialog.previewText().contains(s("dev.cdevents.incident.detected")));
    const QString path = m_dir.filePath(s("incident-cdevents.json"));
    QVERIFY2(dialog.saveTo(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    QVERIFY(doc.isArray() && !doc.array().isEmpty());
    const QJsonObject first = doc.array().first().toObject();
    QCOMPARE(first.value(s("specversion")).toString(), s("1.0"));
    QVERIFY(first.value(s("type")).toString().startsWith(s("dev.cdevents.incident.detected")));
}

// The preview as a user reads it: the HTML's chart drawn (it was a broken image), and the
// Markdown's links light on the dark ground (Qt's reader gave them the palette's dark blue).
void TestExportDialog::previewShowsTheChartAndReadableLinks()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("preview.sqlite")), &error));
    auto session = test::declareWithDefaults(store, test::shippedChecklist(), s("Preview drill"),
                                             s("Alice Chen"), &error);
    QVERIFY2(session, qPrintable(error));
    QVERIFY(session->addNote(s("Runbook: https://wiki.example.com/rollback")).ok());
    ExportDialog dialog(*session);
    dialog.resize(900, 700);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *combo = dialog.findChild<QComboBox *>(s("formatCombo"));
    auto *preview = dialog.findChild<QTextBrowser *>(s("exportPreview"));
    QVERIFY(combo && preview);

    combo->setCurrentIndex(combo->findData(int(ExportFormat::Markdown)));
    int links = 0;
    for (QTextBlock b = preview->document()->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (!f.isAnchor())
                continue;
            ++links;
            QVERIFY2(f.foreground().color().lightness() > 150,
                     qPrintable(f.foreground().color().name()));
        }
    QVERIFY(links > 0);

    combo->setCurrentIndex(combo->findData(int(ExportFormat::Html)));
    const QImage chart
        = preview->document()
              ->resource(QTextDocument::ImageResource, QUrl(HtmlExport::chartPlaceholder()))
              .value<QImage>();
    QVERIFY(!chart.isNull());
    QVERIFY2(chart.width() >= 480, qPrintable(QString::number(chart.width())));
    QVERIFY(chart.height() > 100);
    // Drawn, not blank: some of it is the plan's outline colour, not white.
    int ink = 0;
    for (int y = 0; y < chart.height(); y += 2)
        for (int x = 0; x < chart.width(); x += 2)
            ink += chart.pixel(x, y) != qRgb(255, 255, 255);
    QVERIFY2(ink > 200, qPrintable(QString::number(ink)));
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
