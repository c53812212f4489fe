#include "checklist/ChecklistParser.h"
#include "util/InputFile.h"
#include "support/TestFiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <algorithm>
#include <tuple>

using namespace warroom;

class TestChecklistParser : public QObject
{
    Q_OBJECT

private slots:
    void goodFiles_data();
    void goodFiles();
    void shippedChecklist();
    void badFiles_data();
    void badFiles();
    void missingFile();
    void hostileFiles_data();
    void hostileFiles();
    void fuzzCrashInputs_data();
    void fuzzCrashInputs();
    void longDependencyChain();
    void inputFileCap_data();
    void inputFileCap();
    void expandVariables_data();
    void expandVariables();
    void expandName_data();
    void expandName();
};

void TestChecklistParser::goodFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("steps");
    QTest::addColumn<int>("items");
    QTest::newRow("shipped eight-step")
        << QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json")
        << QStringLiteral("rollback-eight-step") << 8 << 32;
    QTest::newRow("minimal") << QStringLiteral(WARROOM_TEST_DATA "/checklists/good/minimal.json")
                             << QStringLiteral("minimal") << 1 << 1;
    QTest::newRow("parallel") << QStringLiteral(WARROOM_TEST_DATA "/checklists/good/parallel.json")
                              << QStringLiteral("parallel") << 4 << 6;
    QTest::newRow("one action") << QStringLiteral(WARROOM_TEST_DATA
                                                  "/checklists/good/one-action.json")
                                << QStringLiteral("one-action") << 1 << 2;
    for (const auto &[file, id, items] : {std::tuple{"slack-webhook", "example-slack-webhook", 1},
                                          {"grafana-annotation", "example-grafana-annotation", 1},
                                          {"rundeck-job", "example-rundeck-job", 1},
                                          {"prometheus-checks", "example-prometheus-checks", 3}})
        QTest::newRow(file)
            << QStringLiteral(WARROOM_CHECKLISTS "/examples/%1.json").arg(QLatin1String(file))
            << QString::fromLatin1(id) << 1 << items;
}

void TestChecklistParser::goodFiles()
{
    QFETCH(QString, path);
    QFETCH(QString, id);
    QFETCH(int, steps);
    QFETCH(int, items);
    const ChecklistParseResult r = ChecklistParser::parseFile(path);
    QVERIFY2(r.ok(), qPrintable(formatDiagnostics(r.diagnostics)));
    QCOMPARE(r.checklist->id, id);
    QCOMPARE(r.checklist->steps.size(), steps);
    int total = 0;
    for (const ChecklistStep &s : r.checklist->steps)
        total += static_cast<int>(s.items.size());
    QCOMPARE(total, items);
    QCOMPARE(r.checklist->sourceSha256.size(), 64);
}

void TestChecklistParser::shippedChecklist()
{
    const ChecklistParseResult r = ChecklistParser::parseFile(
        QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json"));
    QVERIFY(r.ok());
    const Checklist &c = *r.checklist;
    // Section 40 of the seed, in its order.
    const QStringList titles = {
        QStringLiteral("Confirm incident scope and declare rollback class"),
        QStringLiteral("Notify stakeholders, open incident channel, assign roles"),
        QStringLiteral("Freeze writes or route traffic away as needed"),
        QStringLiteral("Execute automation scripts; monitor telemetry"),
        QStringLiteral("Run validation suite; compare against acceptance thresholds"),
        QStringLiteral("Re-enable traffic gradually; watch dashboards for anomalies"),
        QStringLiteral("Communicate recovery to customers and internal teams"),
        QStringLiteral("Capture audit trail, incident timeline, and follow-up actions"),
    };
    for (int i = 0; i < titles.size(); ++i)
        QCOMPARE(c.steps.at(i).title, titles.at(i));
    // Steps 2 and 3 both follow step 1 only, so they can run in parallel.
    QCOMPARE(c.steps.at(1).dependsOn, QStringList{QStringLiteral("scope")});
    QCOMPARE(c.steps.at(2).dependsOn, QStringList{QStringLiteral("scope")});
    const ChecklistItem &cls = c.steps.at(0).items.at(3);
    QCOMPARE(cls.kind, ItemKind::Choice);
    QStringList values;
    for (const ChoiceOption &o : cls.options)
        values << o.value;
    QCOMPARE(values, (QStringList{QStringLiteral("deploy"), QStringLiteral("schema"),
                                  QStringLiteral("data"), QStringLiteral("full-restore")}));
    for (const ChecklistStep &s : c.steps) {
        QVERIFY2(!s.guidance.isEmpty(), qPrintable(s.id));
        QVERIFY2(!s.role.isEmpty(), qPrintable(s.id));
    }
    // Steps 2 to 7 drive the drill backend; the first and the last are people's work.
    for (int i = 0; i < c.steps.size(); ++i) {
        const bool automated
            = std::any_of(c.steps.at(i).items.cbegin(), c.steps.at(i).items.cend(),
                          [](const ChecklistItem &item) { return item.isAutomated(); });
        QCOMPARE(automated, i >= 1 && i <= 6);
    }
    const ChecklistItem &run = c.steps.at(3).items.at(1);
    QCOMPARE(run.kind, ItemKind::Action);
    QVERIFY(run.action.irreversible);
    QVERIFY(run.action.confirm);
    QCOMPARE(run.action.extract.value(QStringLiteral("job_id")), QStringLiteral("/id"));
    QVERIFY(run.action.hasPoll);
    QCOMPARE(run.action.poll.until.value.toString(), QStringLiteral("succeeded"));
    const ChecklistItem &ramp = c.steps.at(5).items.at(1);
    QCOMPARE(ramp.kind, ItemKind::Ramp);
    QCOMPARE(ramp.ramp.weights, (QList<double>{5, 25, 50, 100}));
    QCOMPARE(ramp.ramp.checks.size(), 2);
}

void TestChecklistParser::badFiles_data()
{
    QTest::addColumn<QString>("name");
    // Each case has bad/NAME.json and the exact diagnostics in bad/NAME.expected.
    for (const char *name : {"syntax-trailing-comma",
                             "syntax-unterminated-string",
                             "syntax-after-multibyte",
                             "empty-file",
                             "invalid-utf8",
                             "not-an-object",
                             "unknown-key",
                             "wrong-type",
                             "missing-field",
                             "duplicate-step-id",
                             "unknown-dependency",
                             "self-dependency",
                             "cycle",
                             "undefined-variable",
                             "unknown-item-kind",
                             "choice-options",
                             "bad-ids",
                             "newer-format",
                             "unknown-role",
                             "no-steps",
                             "no-items",
                             "too-many-items",
                             "control-character",
                             "bad-milestones",
                             "bad-action",
                             "bad-check",
                             "bad-ramp",
                             "bad-progress",
                             "action-needs-format-2",
                             "bad-room",
                             "room-needs-format-3",
                             "bad-names"}) {
        QTest::newRow(name) << QString::fromLatin1(name);
    }
}

void TestChecklistParser::badFiles()
{
    QFETCH(QString, name);
    const QString dir = QStringLiteral(WARROOM_TEST_DATA "/checklists/");
    QFile input(dir + QStringLiteral("bad/") + name + QStringLiteral(".json"));
    QVERIFY(input.open(QIODevice::ReadOnly));
    const ChecklistParseResult r = ChecklistParser::parse(
        input.readAll(), QStringLiteral("bad/") + name + QStringLiteral(".json"));
    QVERIFY(!r.ok());
    QVERIFY(!r.diagnostics.isEmpty());
    const QString actual = formatDiagnostics(r.diagnostics) + u'\n';

    WARROOM_COMPARE_GOLDEN(actual, dir + QStringLiteral("bad/") + name + QStringLiteral(".expected"));
}

void TestChecklistParser::missingFile()
{
    const ChecklistParseResult r
        = ChecklistParser::parseFile(QStringLiteral("/nonexistent/x.json"));
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), 1);
    QVERIFY(r.diagnostics.first().toString().startsWith(
        QStringLiteral("/nonexistent/x.json: error: cannot read the file")));
}

namespace {

QByteArray checklistWithSteps(const QByteArray &steps, const QByteArray &rootExtra = {})
{
    return R"({"format": 1, "id": "gen", "title": "T", "revision": "1", )" + rootExtra
           + R"("steps": [)" + steps + "]}";
}

QByteArray step(int i, const QByteArray &dependsOn)
{
    const QByteArray id = "s" + QByteArray::number(i);
    return R"({"id": ")" + id + R"(", "title": "T", "expected_minutes": 1, "depends_on": [)"
           + dependsOn + R"(], "items": [{"id": "i", "text": "x"}]})";
}

// Steps s0..s(n-1), each depending on the one after it; the last depends on the first when
// `closed`, which makes one cycle through all of them.
QByteArray dependencyChain(int n, bool closed)
{
    QByteArray steps;
    for (int i = 0; i < n; ++i) {
        if (i > 0)
            steps += ",\n";
        const int next = i + 1 < n ? i + 1 : (closed ? 0 : -1);
        steps += step(i, next < 0 ? QByteArray() : "\"s" + QByteArray::number(next) + '"');
    }
    return checklistWithSteps(steps);
}

// The huge hostile files, made when the test runs rather than committed.
QByteArray generated(const QString &name)
{
    if (name == QLatin1String("nesting-100k"))
        return QByteArray(100000, '[') + QByteArray(100000, ']');
    if (name == QLatin1String("nesting-100k-objects"))
        return QByteArray("{\"a\":").repeated(100000) + '1' + QByteArray(100000, '}');
    if (name == QLatin1String("unknown-keys-100k")) {
        QByteArray extra;
        for (int i = 0; i < 100000; ++i)
            extra += "\"k" + QByteArray::number(i) + "\": 1, ";
        return checklistWithSteps(step(0, {}), extra);
    }
    if (name == QLatin1String("duplicate-keys-100k"))
        return "{" + QByteArray("\"k\": 1, ").repeated(100000) + "\"k\": 1}";
    if (name == QLatin1String("cycle-30k"))
        return dependencyChain(30000, true);
    if (name == QLatin1String("id-1mb"))
        return checklistWithSteps(step(0, {}),
                                  "\"description\": \"" + QByteArray(1 << 20, 'd') + "\", ")
            .replace("\"id\": \"gen\"", QByteArray("\"id\": \"" + QByteArray(1 << 20, 'x') + '"'));
    if (name == QLatin1String("too-big"))
        return QByteArray(5 * 1024 * 1024, ' ') + "{}";
    return {};
}

enum class Source { Corpus, Generated, DevZero, Fifo, Folder };

} // namespace

void TestChecklistParser::hostileFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("source");
    // Each case's messages are in hostile/NAME.expected, with @DIR@ for the folder the file was
    // read from.
    for (const char *name :
         {"number-1e400", "integer-overflow", "format-overflow", "negative-format",
          "duplicate-keys", "duplicate-keys-escaped", "nesting-too-deep", "control-characters",
          "env-malformed", "header-injection"})
        QTest::newRow(name) << QString::fromLatin1(name) << int(Source::Corpus);
    for (const char *name : {"nesting-100k", "nesting-100k-objects", "unknown-keys-100k",
                             "duplicate-keys-100k", "cycle-30k", "id-1mb", "too-big"})
        QTest::newRow(name) << QString::fromLatin1(name) << int(Source::Generated);
    QTest::newRow("dev-zero") << QStringLiteral("dev-zero") << int(Source::DevZero);
    QTest::newRow("fifo") << QStringLiteral("fifo") << int(Source::Fifo);
    QTest::newRow("folder") << QStringLiteral("folder") << int(Source::Folder);
}

void TestChecklistParser::hostileFiles()
{
    QFETCH(QString, name);
    QFETCH(int, source);
    const QString corpus = QStringLiteral(WARROOM_TEST_DATA "/checklists/hostile");
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QString dir = tmp.path();
    QString path = tmp.filePath(name + QStringLiteral(".json"));
    switch (Source(source)) {
    case Source::Corpus:
        dir = corpus;
        path = corpus + u'/' + name + QStringLiteral(".json");
        break;
    case Source::Generated: {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(generated(name));
        break;
    }
    case Source::DevZero:
        dir = QStringLiteral("/dev");
        path = QStringLiteral("/dev/zero");
        break;
    case Source::Fifo:
        // Nobody ever writes to it: opening it the ordinary way would wait forever.
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        break;
    case Source::Folder:
        QVERIFY(QDir(tmp.path()).mkdir(name + QStringLiteral(".json")));
        break;
    }

    QElapsedTimer timer;
    timer.start();
    const ChecklistParseResult r = ChecklistParser::parseFile(path);
    // Linear work takes well under a second here; the quadratic reading of 100,000 keys took 29.
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!r.ok());
    QString actual = formatDiagnostics(r.diagnostics) + u'\n';
    actual.replace(dir, QStringLiteral("@DIR@"));
    for (const QString &line : actual.split(u'\n')) {
        QVERIFY2(line.size() <= 1300, qPrintable(line.left(200)));
        for (const QChar c : line)
            QVERIFY2(c.isPrint(), qPrintable(line.left(200)));
    }

    WARROOM_COMPARE_GOLDEN(actual, corpus + u'/' + name + QStringLiteral(".expected"));
}

void TestChecklistParser::longDependencyChain()
{
    // As many steps as a checklist may have, each waiting for the next: valid.
    const int most = static_cast<int>(Checklist::maxSteps);
    const ChecklistParseResult r
        = ChecklistParser::parse(dependencyChain(most, false), QStringLiteral("chain.json"));
    QVERIFY2(r.ok(), qPrintable(formatDiagnostics(r.diagnostics).left(2000)));
    QCOMPARE(r.checklist->steps.size(), most);
    QCOMPARE(r.checklist->steps.at(most - 2).dependsOn,
             QStringList{QStringLiteral("s%1").arg(most - 1)});
    // One more is refused, by the count alone; 30,000 too, in bounded time.
    for (const int n : {most + 1, 30000}) {
        QElapsedTimer timer;
        timer.start();
        const ChecklistParseResult over
            = ChecklistParser::parse(dependencyChain(n, false), QStringLiteral("chain.json"));
        QCOMPARE(
            formatDiagnostics(over.diagnostics),
            QStringLiteral("chain.json: error: $.steps: %1 entries: at most %2").arg(n).arg(most));
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }
}

void TestChecklistParser::inputFileCap_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("empty") << 0 << true;
    QTest::newRow("at the cap") << 100000 << true;
    QTest::newRow("one byte over") << 100001 << false;
    QTest::newRow("far over") << 1000000 << false;
}

void TestChecklistParser::inputFileCap()
{
    QFETCH(int, size);
    QFETCH(bool, accepted);
    QTemporaryDir tmp;
    QFile file(tmp.filePath(QStringLiteral("f")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(size, 'x'));
    file.close();
    QString error;
    const auto data = InputFile::read(file.fileName(), 100000, &error);
    QCOMPARE(data.has_value(), accepted);
    if (accepted)
        QCOMPARE(data->size(), size);
    else
        QCOMPARE(error, QStringLiteral("the file is larger than 100000 bytes, the limit for this "
                                       "input"));
}

void TestChecklistParser::expandVariables_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QStringLiteral("plain") << QStringLiteral("plain");
    QTest::newRow("one") << QStringLiteral("Roll back {{service}}")
                         << QStringLiteral("Roll back api");
    QTest::newRow("spaces") << QStringLiteral("{{ service }}!") << QStringLiteral("api!");
    QTest::newRow("dotted") << QStringLiteral("[{{incident.mode}}]") << QStringLiteral("[DRILL]");
    QTest::newRow("unknown stays visible")
        << QStringLiteral("to {{version}}") << QStringLiteral("to {{version}}");
    QTest::newRow("adjacent") << QStringLiteral("{{service}}{{service}}")
                              << QStringLiteral("apiapi");
}

void TestChecklistParser::expandVariables()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QMap<QString, QString> vars{{QStringLiteral("service"), QStringLiteral("api")},
                                      {QStringLiteral("incident.mode"), QStringLiteral("DRILL")}};
    QCOMPARE(warroom::expandVariables(text, vars), expected);
}

// A name as shown: one line, at most 300 characters, whatever a value or an older build put in.
void TestChecklistParser::expandName_data()
{
    const QString fire = QStringLiteral("\U0001F525");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("value"); // the value of {{long}}
    QTest::addColumn<QString>("expected");
    QTest::newRow("short") << QStringLiteral("Roll back {{long}}") << QStringLiteral("api")
                           << QStringLiteral("Roll back api");
    QTest::newRow("line breaks as spaces") << QStringLiteral("Scope\r\nand\u2028class\u2029now")
                                           << QString() << QStringLiteral("Scope  and class now");
    QTest::newRow("300 kept") << QString(300, u'a') << QString() << QString(300, u'a');
    QTest::newRow("301 cut") << QString(301, u'a') << QString()
                             << QString(300, u'a') + QChar(0x2026);
    QTest::newRow("a value of 1,000")
        << QStringLiteral("Roll back {{long}}") << QString(1000, u'v')
        << QStringLiteral("Roll back ") + QString(290, u'v') + QChar(0x2026);
    // An emoji across the cut goes whole: its first half alone is not a character.
    QTest::newRow("emoji at the cut")
        << QString(299, u'a') + fire << QString() << QString(299, u'a') + QChar(0x2026);
}

void TestChecklistParser::expandName()
{
    QFETCH(QString, text);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(warroom::expandName(text, {{QStringLiteral("long"), value}}), expected);
}

// Every input that once crashed the checklist fuzz target (tests/data/fuzz-crashes/checklist-*)
// is refused now with a message naming the file and place: never a crash.
void TestChecklistParser::fuzzCrashInputs_data()
{
    warroom::test::addFileRows(QStringLiteral(WARROOM_TEST_DATA "/fuzz-crashes"),
                               QStringLiteral("checklist-*.json"));
}

void TestChecklistParser::fuzzCrashInputs()
{
    QFETCH(QString, path);
    const ChecklistParseResult r = ChecklistParser::parseFile(path);
    QVERIFY(!r.ok());
    const QString message = formatDiagnostics(r.diagnostics);
    QVERIFY2(message.startsWith(path + u':'), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestChecklistParser)
#include "tst_checklistparser.moc"
