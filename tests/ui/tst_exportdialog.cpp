// The export dialog offers every format the command line writes, CDEvents too: chosen in the
// combo, the file saved is a CloudEvents batch of the CDEvents vocabulary, as `warroom export
// --format cdevents` writes it.
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/dialogs/ExportDialog.h"

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void offersCdEvents();

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

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
