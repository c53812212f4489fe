#pragma once

#include "engine/ChecklistEngine.h"
#include "session/DrillRunnerSight.h"
#include "session/IncidentSession.h"
#include "session/IncidentSnapshot.h"
#include "timeline/Incident.h"
#include "timeline/ScreenClockFollower.h"
#include "wall/WallAnnouncements.h"
#include "wall/WallState.h"

#include <QObject>
#include <QTimer>

#include <future>
#include <memory>
#include <optional>

class QScreen;

namespace warroom {

class TimelineStore;
class WallWindow;

// `warroom --wall`: a machine whose only job is the wall. It only reads: the database is opened
// read-only, the incident is loaded and then followed by reading the events other processes
// commit, so showing it never adds an event (no "incident reopened") and never counts as a writer.
// It shows the incident named on the command line, else the one the consoles have open now.
class WallStandalone : public QObject
{
    Q_OBJECT

public:
    WallStandalone(TimelineStore &store, std::optional<qint64> incident,
                   Clock clock = systemClock());
    ~WallStandalone() override;

    // The screen `--screen N` names (1 is the first in QGuiApplication::screens(), the primary),
    // or nullptr with the message: the option, and the screens there are.
    static QScreen *screenFromOption(int number, QString *error);
    static QString describeScreens();

    void show(QScreen *screen);
    WallWindow *window() const { return m_window.get(); }
    // Reads what changed in the database; the timer calls it twice a second.
    void follow();

private:
    bool load(qint64 id);
    // Takes the loaded chain's verdict in, once it is there; true when it just came.
    bool takeChainVerdict();
    WallState state(const WallAnnouncements &announcements) const;
    // A drill whose runner went away without ending it: a wall cannot record the end, only say
    // so until a console does (IncidentSessionRunner.cpp). Asked once a second.
    void lookForRunner();

    TimelineStore &m_store;
    std::optional<qint64> m_requested;
    Clock m_clock;
    IncidentRecord m_incident;
    std::unique_ptr<ChecklistEngine> m_engine;
    TimelineEvents m_events;
    qint64 m_dataVersion = -1;
    QString m_lastError; // why the incident m_failedId could not be loaded, "" once one is
    qint64 m_failedId = 0;
    // The chain's summary once it is found broken, on load or in what is followed: said on the
    // wall, and nothing more is taken in.
    QString m_chainProblem;
    // The loaded timeline's chain, checked on another core: the wall shows the incident at once
    // and its verdict when it comes (the wait held the GUI thread 41-45 ms on 100,000 events).
    std::shared_future<ChainReport> m_loadedChain;
    std::unique_ptr<WallWindow> m_window;
    QTimer m_follow;
    QTimer m_runnerLook;
    DrillRunnerSight m_runnerSight;
    bool m_runnerGone = false;
    mutable ScreenClockFollower m_screenClock; // of m_events, caught up when asked
};

} // namespace warroom
