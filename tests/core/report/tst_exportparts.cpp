// What each format is built from, and how the long ones are made: JSON, CSV and CDEvents from a
// report without the document's sections, byte for byte what a full one gives; documents refuse
// such a report; a long JSON or CSV, made in blocks on two threads, keeps every event in order.
#include "report/EventFormatter.h"
#include "report/PostmortemExporter.h"
#include "support/ScriptedIncident.h"
#include "support/TestFiles.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "util/TwoHalves.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace warroom;
using warroom::test::s;

class TestExportParts : public QObject, private test::ScriptedIncidentFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void longExportsKeepEveryEventInOrder_data();
    void longExportsKeepEveryEventInOrder();
    void dataPartsWriteTheSameData_data();
    void dataPartsWriteTheSameData();
    void documentsRefuseADataReport_data();
    void documentsRefuseADataReport();
};

void TestExportParts::initTestCase()
{
    QString error;
    QVERIFY(m_store.open(m_dir.filePath(s("parts.sqlite")), &error));
    m_id = test::scriptedIncident(m_store);
}

// JSON and CSV make a long incident's lines in blocks on two threads (InterleavedLines): every
// event is still there once, in order, with its own sentence, however the blocks fall, here
// through runs of repeated samples, in a slice that leaves the first events out.
void TestExportParts::longExportsKeepEveryEventInOrder_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("json") << s("json");
    QTest::newRow("csv") << s("csv");
}

void TestExportParts::longExportsKeepEveryEventInOrder()
{
    QFETCH(QString, format);
    const Checklist checklist = test::shippedChecklist();
    IncidentRecord incident;
    incident.commander = s("ic");
    const qsizetype n = 2 * TwoHalves::worthAThread + 501;
    const qsizetype leftOut = 999; // events 1 to 999 are before the slice
    TimelineEvents events;
    for (qsizetype i = 0; i < n; ++i) {
        TimelineEvent e;
        e.seq = i + 1;
        e.elapsedMs = e.seq * 1000;
        e.actor = s("automation");
        if (i % 100 == 0) {
            e.kind = s("note.added");
            e.payload = {{s("text"), s("note %1").arg(i)}};
        } else {
            e.kind = s("check.sampled");
            e.stepId = s("validate");
            e.itemId = s("image-tag");
            const QString value = s("1.2.%1").arg(i / 7000); // runs of 7,000 alike
            e.payload = {{s("run"), s("run-1")},
                         {s("value_text"), value},
                         {s("threshold"), s("== 1.2.0")},
                         {s("passed"), value == s("1.2.0")}};
        }
        e.payloadText = QJsonDocument(e.payload).toJson(QJsonDocument::Compact);
        events.append(e);
    }
    ExportOptions options;
    options.fromMs = (leftOut + 1) * 1000;
    const PostmortemReport report = PostmortemReport::build(incident, checklist, events, options);
    QCOMPARE(report.exportedEvents, n - leftOut);
    const QByteArray out = PostmortemExporter::render(report, *exportFormatFromName(format));
    const QMap<QString, QString> variables;
    const EventFormatter alone(checklist, variables);
    if (format == s("json")) {
        const auto doc = nlohmann::json::parse(out.toStdString());
        const auto &lines = doc.at("events");
        QCOMPARE(qsizetype(lines.size()), n);
        for (qsizetype i = 0; i < n; ++i) {
            const auto &line = lines.at(std::size_t(i));
            QCOMPARE(line.at("seq").get<qint64>(), i + 1);
            QCOMPARE(line.contains("omitted"), i < leftOut);
            if (i >= leftOut)
                QCOMPARE(QString::fromStdString(line.at("text").get<std::string>()),
                         alone.describe(events.at(i)));
        }
        return;
    }
    const QList<QByteArray> rows = out.split('\n');
    QCOMPARE(rows.size(), 1 + (n - leftOut) + 1); // the header, the rows, after the last break
    for (qsizetype i = leftOut; i < n; ++i) {
        const QByteArray &row = rows.at(1 + i - leftOut);
        QVERIFY2(row.startsWith(QByteArray(QByteArray::number(i + 1) + ',')), row.constData());
        QString text = alone.describe(events.at(i));
        if (text.contains(u',') || text.contains(u'"'))
            text = u'"' + text.replace(s("\""), s("\"\"")) + u'"';
        QVERIFY2(row.contains(QByteArray(',' + text.toUtf8() + ',')), row.constData());
    }
}

// JSON, CSV and CDEvents are written from a report built without the document's sections
// (Parts::Data): byte for byte what a full report gives, so nothing they write was left out.
void TestExportParts::dataPartsWriteTheSameData_data()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"json", "csv", "cdevents"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestExportParts::dataPartsWriteTheSameData()
{
    QFETCH(QString, format);
    const ExportFormat f = *exportFormatFromName(format);
    QCOMPARE(PostmortemExporter::partsFor(f), ExportOptions::Parts::Data);
    ExportOptions data;
    data.parts = ExportOptions::Parts::Data;
    const PostmortemReport lean = report(data);
    QVERIFY(lean.keyMoments.isEmpty() && lean.documentRows.isEmpty());
    QVERIFY(!report().keyMoments.isEmpty()); // the full one has what the lean one left out
    QCOMPARE(PostmortemExporter::render(lean, f), PostmortemExporter::render(report(), f));
}

// A document from a report without its sections would read as if nothing went wrong: refused.
void TestExportParts::documentsRefuseADataReport_data()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"md", "html", "pdf"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestExportParts::documentsRefuseADataReport()
{
    QFETCH(QString, format);
    const ExportFormat f = *exportFormatFromName(format);
    QCOMPARE(PostmortemExporter::partsFor(f), ExportOptions::Parts::Document);
    ExportOptions data;
    data.parts = ExportOptions::Parts::Data;
    const PostmortemReport lean = report(data);
    const QString path = m_dir.filePath(s("lean.") + format);
    QString error;
    QVERIFY(!PostmortemExporter::write(lean, f, path, &error));
    QVERIFY2(error.contains(s("without the document's sections")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
    QVERIFY(PostmortemExporter::render(lean, f).isEmpty());
    QVERIFY(PostmortemExporter::write(report(), f, path, &error));
}

QTEST_MAIN(TestExportParts)
#include "tst_exportparts.moc"
