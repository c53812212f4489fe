// `warroom sim --scenario FILE`: a hostile file, and a drill's scenario, whose backend.faults sim
// starts with (its library's scenarios are started in tst_scenariolibrary).
#include "support/TestStrings.h"
#include "support/WarroomCli.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using Run = warroom::test::ProcessRun;
using warroom::test::runWarroom;
using warroom::test::s;

class TestSimScenario : public QObject
{
    Q_OBJECT

private slots:
    void simScenarioHostile_data();
    void simScenarioHostile();

private:
    QTemporaryDir m_dir;
};

// `warroom sim --scenario /dev/zero` read forever before it listened, and a number written as
// text kept the default without a word.
void TestSimScenario::simScenarioHostile_data()
{
    QTest::addColumn<QByteArray>("json"); // empty: the path is the hostile part
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("/dev/zero") << QByteArray() << s("/dev/zero")
                               << s("warroom sim: /dev/zero: error: cannot read the file: not a "
                                    "regular file");
    QTest::newRow("number as text")
        << QByteArray(R"({"job_seconds": "30"})") << m_dir.filePath(s("sim-text.json"))
        << s("sim-text.json: error: job_seconds: expected an integer from 0 to 3600");
    QTest::newRow("a drill scenario's fault as text") << QByteArray(
        R"({"scenario": 1, "backend": {"kind": "bundled", "faults": {"job_seconds": "30"}}})")
                                                      << m_dir.filePath(s("sim-drill.json"))
                                                      << s("sim-drill.json: error: backend.faults: "
                                                           "job_seconds: expected an integer from "
                                                           "0 to 3600");
    QTest::newRow("a drill scenario's backend a number")
        << QByteArray(R"({"scenario": 1, "backend": 3})") << m_dir.filePath(s("sim-drill3.json"))
        << s("sim-drill3.json: error: backend.faults: expected an object");
}

void TestSimScenario::simScenarioHostile()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, message);
    if (!json.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(json) == json.size());
    }
    const Run r = runWarroom({s("sim"), s("--port"), s("65000"), s("--scenario"), path});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestSimScenario)
#include "tst_simscenario.moc"
