// What each format is built from, and how the long ones are made: JSON, CSV and CDEvents from a
// report without the document's sections, byte for byte what a full one gives; documents refuse
// such a report; a long JSON or CSV, made in blocks on two threads, keeps every event in order, and
// so does a long Markdown or HTML document's timeline table.
#include "report/EventFormatter.h"
#include "report/PostmortemExporter.h"
#include "report/formats/DocumentText.h"
#include "report/formats/HtmlExport.h"
#include "report/formats/MarkdownExport.h"
#include "session/IncidentSnapshot.h"
#include "support/DeclaredIncident.h"
#include "support/ScriptedIncident.h"
#include "support/TestFiles.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "util/TwoHalves.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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
    void longDocumentsKeepEveryRowInOrder_data();
    void longDocumentsKeepEveryRowInOrder();
    void dataPartsWriteTheSameData_data();
    void dataPartsWriteTheSameData();
    void documentsRefuseADataReport_data();
    void documentsRefuseADataReport();
    void controlsNeverReachTheFile_data();
    void controlsNeverReachTheFile();
    void forgedLongSentencesAreCut_data();
    void forgedLongSentencesAreCut();
    void joinedListsAreCutPerItem_data();
    void joinedListsAreCutPerItem();
};

void TestExportParts::initTestCase()
{
    QVERIFY(declareScriptedIncident(s("parts.sqlite")));
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

// Markdown and HTML write a long timeline table's rows in blocks on two threads as well: the file
// is byte for byte the document made whole in one pass, every note once and in order, with its
// pipes, markup, non-ASCII letters and bidirectional controls treated as in a short one.
void TestExportParts::longDocumentsKeepEveryRowInOrder_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("md") << s("md");
    QTest::newRow("html") << s("html");
}

void TestExportParts::longDocumentsKeepEveryRowInOrder()
{
    QFETCH(QString, format);
    IncidentRecord incident;
    incident.commander = s("ic");
    const qsizetype n = 2 * TwoHalves::worthAThread + 501;
    const QStringList tails{s(""),
                            s(" a|b"),
                            s(" <i>é</i>"),
                            s(" \u202eevil"),
                            s(" 漢字 \U0001F680"),
                            s(" two\r\nlines\r"),
                            s(" \"q\" & <x> 'y'")};
    TimelineEvents events;
    for (qsizetype i = 0; i < n; ++i) {
        TimelineEvent e;
        e.seq = i + 1;
        e.elapsedMs = e.seq * 1000;
        e.actor = i % 3 ? s("Priya") : s("Zoë");
        e.kind = s("note.added");
        e.payload = {{s("text"), QString(s("note %1.").arg(i) + tails.at(i % tails.size()))}};
        e.payloadText = QJsonDocument(e.payload).toJson(QJsonDocument::Compact);
        events.append(e);
    }
    const PostmortemReport report
        = PostmortemReport::build(incident, test::shippedChecklist(), events, ExportOptions{});
    QCOMPARE(report.documentRows.size(), n);
    const QByteArray out = PostmortemExporter::render(report, *exportFormatFromName(format));
    const QByteArray whole
        = (format == s("md") ? MarkdownExport::write(report) : HtmlExport::write(report)).toUtf8();
    qsizetype differ = 0;
    while (differ < std::min(out.size(), whole.size()) && out.at(differ) == whole.at(differ))
        ++differ;
    QVERIFY2(out == whole, qPrintable(s("they differ at byte %1 of %2 and %3")
                                          .arg(differ)
                                          .arg(out.size())
                                          .arg(whole.size())));
    QVERIFY(!out.contains("\xe2\x80\xae")); // U+202E shown as U+FFFD, not kept
    qsizetype at = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const qsizetype next = out.indexOf(QByteArray("note " + QByteArray::number(i) + '.'), at);
        QVERIFY2(next > at, qPrintable(s("note %1 is missing or out of order").arg(i)));
        at = next;
    }
    QCOMPARE(out.count(format == s("md") ? "| Priya |" : "<td>Priya</td>"), n - (n + 2) / 3);
    const QString marked = tails.last();
    QVERIFY(out.contains((format == s("md") ? marked : marked.toHtmlEscaped()).toUtf8()));
    QVERIFY(out.contains(format == s("md") ? "a\\|b" : "&lt;i&gt;é&lt;/i&gt;"));
    QVERIFY(out.contains(format == s("md") ? "two lines  |" : "two\r\nlines\r</td>"));
    QVERIFY(out.contains("\xf0\x9f\x9a\x80")); // U+1F680, whole
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

void TestExportParts::controlsNeverReachTheFile_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("md") << s("md");
    QTest::newRow("html") << s("html");
}

// A title and an actor written into a shared server by another client, with ESC, BEL, a tab, DEL
// and a C1 control in them: `cat` of the Markdown cleared and recoloured the terminal. Every
// control but a line break is shown as \uXXXX (a tab as a space in Markdown), never written.
void TestExportParts::controlsNeverReachTheFile()
{
    QFETCH(QString, format);
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("controls.sqlite")), &error), qPrintable(error));
    const Checklist checklist = test::shippedChecklist();
    const QString hostile = s("Harmless\u001b[2J\u001b[31mRED\u0007\tX\u007f\u0085");
    const auto id = test::storeUnchecked(
        store, checklist,
        test::declarationWithDefaults(checklist, hostile, hostile, IncidentMode::Drill), test::t0,
        &error);
    QVERIFY2(id, qPrintable(error));
    const EventDraft note{hostile, s("note.added"), {}, {}, {{s("text"), hostile}}};
    QVERIFY2(store.append(*id, {note}, test::t0 + 60'000, &error), qPrintable(error));
    const auto snap = IncidentSnapshot::load(store, *id, &error);
    QVERIFY2(snap, qPrintable(error));
    const QString text = QString::fromUtf8(PostmortemExporter::render(
        PostmortemReport::build(snap->incident, snap->checklist, snap->events, {}),
        *exportFormatFromName(format)));
    QVERIFY(!text.isEmpty());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = (u < 0x20 && u != u'\n' && (format == s("html") ? u != u'\t' : true))
                             || (u >= 0x7f && u <= 0x9f);
        QVERIFY2(!control,
                 qPrintable(s("U+%1 in the %2").arg(uint(u), 4, 16, QLatin1Char('0')).arg(format)));
    }
    QVERIFY2(text.contains(s("Harmless\\u001b[2J\\u001b[31mRED\\u0007")), qPrintable(format));
    QVERIFY(text.contains(s("\\u007f\\u0085")));
}

// No build writes a sentence over EventFormatter::longestShown (the longest note the engine
// takes shows whole), but a row forged into the file or the server may hold anything: a note of
// 100 MB took the PDF 9 s and 2.2 GB and made the Markdown 100 MB. Every screen and document cuts
// the sentence there and counts what it left out, once: the PDF's cells, cut at the same length,
// leave it alone (tst_pdfcelltext). JSON keeps every character.
void TestExportParts::forgedLongSentencesAreCut_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("isPrivate");
    QTest::addColumn<qsizetype>("leftOut"); // characters; 0: shown whole
    QTest::newRow("the longest note, private") << QString(10'000, u'n') << true << qsizetype(0);
    QTest::newRow("a forged note of 1,000,000")
        << QString(1'000'000, u'f') << false << qsizetype(1'000'000 - 9'938);
    QTest::newRow("emoji counted once")
        << QStringLiteral("\U0001F680").repeated(150'000) << false << qsizetype(150'000 - 4'969);
}

void TestExportParts::forgedLongSentencesAreCut()
{
    QFETCH(QString, text);
    QFETCH(bool, isPrivate);
    QFETCH(qsizetype, leftOut);
    const Checklist checklist = test::shippedChecklist();
    const QMap<QString, QString> variables;
    const EventFormatter formatter(checklist, variables);
    TimelineEvent e;
    e.seq = 2;
    e.elapsedMs = 1000;
    e.actor = s("Mallory");
    e.kind = s("note.added");
    QJsonObject payload{{s("text"), text}};
    if (isPrivate)
        payload.insert(s("private"), true);
    e.payload = payload;
    e.payloadText = QJsonDocument(e.payload).toJson(QJsonDocument::Compact);
    const QString said = formatter.describe(e);
    QVERIFY(said.size() <= EventFormatter::longestShown);
    if (leftOut == 0) {
        QCOMPARE(said, s("Private note: ") + text);
        return;
    }
    QVERIFY2(said.endsWith(
                 s(" \u2026 [%1 more characters; the JSON export keeps them all]").arg(leftOut)),
             qPrintable(said.right(80)));

    IncidentRecord incident;
    incident.commander = s("ic");
    const PostmortemReport report = PostmortemReport::build(incident, checklist, {e}, {});
    const QByteArray md = PostmortemExporter::render(report, ExportFormat::Markdown);
    QVERIFY2(md.size() < 100'000, qPrintable(QString::number(md.size())));
    QVERIFY(md.contains(s("%1 more characters").arg(leftOut).toUtf8()));
    const QByteArray json = PostmortemExporter::render(report, ExportFormat::Json);
    QVERIFY(json.contains(text.toUtf8()));
    // CSV has no payload column: its sentence is whole (it was cut as the documents' are).
    const QByteArray csv = PostmortemExporter::render(report, ExportFormat::Csv);
    QVERIFY(csv.contains(text.toUtf8()));
    // What a document writes of any other text (a reason, a briefing, a no-go's words, which the
    // engine does not bound) is cut the same way: those made the key moments and the polls
    // table megabytes long.
    for (const QString &written : {DocumentText::markdown(text), DocumentText::html(text)}) {
        QVERIFY(written.size() <= EventFormatter::longestShown + 100); // escapes of the start
        QVERIFY2(written.endsWith(s(" more characters; the JSON export keeps them all]")),
                 qPrintable(written.right(80)));
    }
}

// A step's overrides, its confirmers, the people: a list written as one text. Cut as one, two
// overrides of 6,000 and 5,000 characters lost the second one's end, and three or more the later
// ones whole; each item now keeps its start and its own count.
void TestExportParts::joinedListsAreCutPerItem_data()
{
    QTest::addColumn<QList<qsizetype>>("sizes");
    QTest::addColumn<int>("cut"); // items cut, each saying so
    QTest::newRow("two that fit together") << QList<qsizetype>{4'000, 5'000} << 0;
    QTest::newRow("two that do not") << QList<qsizetype>{6'000, 5'000} << 1; // 5,007 each
    QTest::newRow("three, one long") << QList<qsizetype>{20, 30'000, 40} << 1;
}

void TestExportParts::joinedListsAreCutPerItem()
{
    QFETCH(QList<qsizetype>, sizes);
    QFETCH(int, cut);
    QStringList items;
    for (qsizetype i = 0; i < sizes.size(); ++i)
        items << QString(sizes.at(i), QChar(char16_t(u'a' + i)));
    const QString joined = DocumentText::joined(items, u"; ");
    QVERIFY(joined.size() <= EventFormatter::longestShown);
    QCOMPARE(joined.count(s("more characters; the JSON export keeps them all]")), cut);
    for (qsizetype i = 0; i < sizes.size(); ++i) // every item is there, its start at least
        QVERIFY(joined.contains(
            QString(std::min<qsizetype>(sizes.at(i), 100), QChar(char16_t(u'a' + i)))));
    // Written as a document writes it, it is not cut again.
    QCOMPARE(DocumentText::markdown(joined).count(s("more characters")), cut);
}

QTEST_MAIN(TestExportParts)
#include "tst_exportparts.moc"
