#include "ChecklistParser.h"

#include <QFile>
#include <QTest>

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
    void expandVariables_data();
    void expandVariables();
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
                             "control-character",
                             "bad-milestones",
                             "bad-action",
                             "bad-check",
                             "bad-ramp",
                             "action-needs-format-2"}) {
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

    QFile golden(dir + QStringLiteral("bad/") + name + QStringLiteral(".expected"));
    if (qEnvironmentVariableIsSet("WARROOM_UPDATE_GOLDEN")) {
        QVERIFY(golden.open(QIODevice::WriteOnly | QIODevice::Truncate));
        golden.write(actual.toUtf8());
        QSKIP("golden file rewritten");
    }
    QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
    QCOMPARE(actual, QString::fromUtf8(golden.readAll()));
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

QTEST_GUILESS_MAIN(TestChecklistParser)
#include "tst_checklistparser.moc"
