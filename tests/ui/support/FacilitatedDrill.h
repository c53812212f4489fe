#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace warroom {
class FacilitationActions;
class FacilitatorWindow;
class MainWindow;
class TimelineStore;
} // namespace warroom

namespace warroom::test {

// A console (MainWindow) on a database of its own with the facilitation actions on it, and a
// DRILL started from a scenario against the console's own controller, its facilitator's window
// shown and active: what tst_facilitator, tst_facilitatorend and tst_facilitatorstart drive. No
// players' script: the test is the room. "hello" is due in a drill hour and "later" in two, so
// they fire only when the facilitator says so.
class FacilitatedDrill
{
public:
    // The database is named after the running test function, in a folder of the fixture's own.
    FacilitatedDrill();
    ~FacilitatedDrill();
    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    // Writes the scenario with this deadline and starts it; false (and a warning) when refused.
    bool start(const QByteArray &deadline = "T+6:00:00");
    // Writes the scenario (facil.json in dir()) with this deadline and, when not empty, the
    // commander it names and its injects (a JSON array; else "hello" and "later"); its path, or
    // empty when it could not be written.
    // `injects` and `expect` are JSON arrays; empty: the fixture's own.
    QString writeScenario(const QByteArray &deadline = "T+6:00:00",
                          const QByteArray &commander = {}, const QByteArray &injects = {},
                          const QByteArray &expect = {});

    QTemporaryDir &dir() { return m_dir; }
    TimelineStore &store() { return *m_store; }
    MainWindow *console() { return m_console.get(); }
    FacilitationActions *actions() { return m_actions; }
    FacilitatorWindow *window() { return m_window; } // nullptr until start()

private:
    QTemporaryDir m_dir;
    QString m_error;
    std::unique_ptr<TimelineStore> m_store;
    std::unique_ptr<MainWindow> m_console;
    FacilitationActions *m_actions = nullptr; // owned by the console
    FacilitatorWindow *m_window = nullptr;    // owned by the actions
};

// "T+00:00:03  PAUSED" -> 3000, as the facilitator's clock shows it; -1 when it does not read.
qint64 clockMs(const QString &text);

} // namespace warroom::test
