#include "ui/wall/WallStandalone.h"

#include "ui/wall/WallWindow.h"

#include "session/IncidentSnapshot.h"
#include "session/TimelineWatch.h"
#include "store/TimelineStore.h"
#include "wall/WallStateBuilder.h"

#include <QGuiApplication>
#include <QRegularExpression>
#include <QScreen>

namespace warroom {

WallStandalone::WallStandalone(TimelineStore &store, std::optional<qint64> incident, Clock clock)
    : m_store(store)
    , m_requested(incident)
    , m_clock(std::move(clock))
    , m_window(std::make_unique<WallWindow>())
{
    m_window->setClosesOnEscape(false);
    m_window->setSource(
        [this](const WallAnnouncements &announcements) { return state(announcements); });
    m_follow.setInterval(500);
    connect(&m_follow, &QTimer::timeout, this, &WallStandalone::follow);
    m_follow.start();
    m_runnerLook.setInterval(1000);
    connect(&m_runnerLook, &QTimer::timeout, this, &WallStandalone::lookForRunner);
    m_runnerLook.start();
    // A shared timeline: another screen's commit shows at once, and the link is kept.
    if (m_store.isShared()) {
        auto *watch = new TimelineWatch(m_store, this);
        connect(watch, &TimelineWatch::changed, this, &WallStandalone::follow);
        connect(watch, &TimelineWatch::linkChanged, this, [this] { m_window->refresh(); });
    }
    follow();
}

WallStandalone::~WallStandalone()
{
    m_window.reset(); // its source reads this object
}

QString WallStandalone::describeScreens()
{
    QStringList lines;
    const QList<QScreen *> screens = QGuiApplication::screens();
    for (int i = 0; i < screens.size(); ++i) {
        const QScreen *s = screens.at(i);
        lines << QStringLiteral("  %1  %2  %3x%4%5")
                     .arg(i + 1)
                     .arg(s->name())
                     .arg(s->size().width())
                     .arg(s->size().height())
                     .arg(s == QGuiApplication::primaryScreen() ? QStringLiteral("  (primary)")
                                                                : QString());
    }
    return lines.join(u'\n');
}

QScreen *WallStandalone::screenFromOption(int number, QString *error)
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    if (number >= 1 && number <= screens.size())
        return screens.at(number - 1);
    if (error)
        *error = QStringLiteral("--screen %1: there %2 %3 screen%4 here:\n%5")
                     .arg(number)
                     .arg(screens.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"))
                     .arg(screens.size())
                     .arg(screens.size() == 1 ? QString() : QStringLiteral("s"))
                     .arg(describeScreens());
    return nullptr;
}

void WallStandalone::show(QScreen *screen)
{
    m_window->showOn(screen);
}

bool WallStandalone::takeChainVerdict()
{
    if (!m_loadedChain.valid()
        || m_loadedChain.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return false;
    const ChainReport chain = m_loadedChain.get();
    m_loadedChain = {};
    if (!chain.intact)
        m_chainProblem = chain.summary();
    return true;
}

void WallStandalone::follow()
{
    if (takeChainVerdict())
        m_window->refresh();
    // Out of reach: what is shown stays, under the banner, until the server is back.
    if (m_store.isShared() && m_store.storageProblem()) {
        m_window->refresh();
        return;
    }
    std::optional<qint64> wanted = m_requested ? m_requested : m_store.currentIncident();
    // Closed, the incident is no longer the database's current one; the room still needs its
    // closing on the wall (it went blank the moment the commander closed it, and the close
    // itself was never shown), until another incident is declared. Held while the close may be
    // news still to read; one neither closed nor current (a database replaced) is let go.
    if (!wanted && m_engine && (m_engine->isClosed() || m_store.dataVersion() != m_dataVersion))
        wanted = m_incident.id;
    if (!wanted) {
        m_engine.reset();
        m_lastError.clear();
        m_window->refresh();
        return;
    }
    if (!m_engine || m_incident.id != *wanted) {
        if (load(*wanted))
            m_window->refresh();
        return;
    }
    // Cheap when nothing changed: the data version moves only when another process commits.
    const qint64 version = m_store.dataVersion();
    if (version == m_dataVersion || !m_chainProblem.isEmpty())
        return;
    QString error;
    const qint64 lastSeq = m_events.isEmpty() ? 0 : m_events.constLast().seq;
    const std::optional<TimelineEvents> newer = m_store.events(m_incident.id, lastSeq, &error);
    if (!newer)
        return;
    m_dataVersion = version;
    // Taken in only if they carry the chain on (the store's read checks sequence and JSON): an
    // event forged into the file or the server was on the wall within seconds.
    m_chainProblem = IncidentSnapshot::followProblem(m_incident, m_events, *newer);
    if (m_chainProblem.isEmpty()) {
        for (const TimelineEvent &e : *newer) {
            m_engine->apply(e);
            m_events.append(e);
        }
    }
    if (!newer->isEmpty())
        m_window->refresh();
}

bool WallStandalone::load(qint64 id)
{
    QString error;
    m_chainProblem.clear();
    m_loadedChain = {};
    m_dataVersion = m_store.dataVersion();
    std::optional<IncidentSnapshot> snapshot
        = IncidentSnapshot::load(m_store, id, &error, IncidentSnapshot::Payloads::ParsedAndChecked);
    if (!snapshot) {
        m_engine.reset();
        // Said once, not twice a second.
        if (error != m_lastError) {
            qWarning("warroom --wall: incident %lld: %s", static_cast<long long>(id),
                     qPrintable(error));
            m_lastError = error;
            m_failedId = id;
            m_window->refresh(); // the wall says it too, where the room looks
        }
        return false;
    }
    m_lastError.clear();
    m_runnerSight = {};
    m_runnerGone = false;
    m_screenClock.reset();
    m_incident = snapshot->incident;
    m_events = std::move(snapshot->events);
    m_engine = std::make_unique<ChecklistEngine>(std::move(snapshot->checklist),
                                                 incidentTextVariables(m_incident));
    m_engine->applyAll(m_events);
    // A damaged timeline is still shown (the room would otherwise see no incident at all), under
    // a red line saying so; the window refuses to open it.
    m_loadedChain = snapshot->chain;
    // A short timeline's verdict is often in by now; if not, the next follow takes it in.
    takeChainVerdict();
    return true;
}

WallState WallStandalone::state(const WallAnnouncements &announcements) const
{
    if (!m_engine) {
        WallState none;
        if (!m_lastError.isEmpty())
            none.problem
                = tr("Incident %1 cannot be shown: %2.\nThe wall shows it as soon as it "
                     "can be read.")
                      .arg(m_failedId)
                      .arg(
                          QString(m_lastError).remove(QRegularExpression(QStringLiteral("\\.+$"))));
        return none;
    }
    WallSource source;
    source.incident = &m_incident;
    source.engine = m_engine.get();
    source.events = &m_events;
    source.nowMs = m_clock() - m_incident.declaredUtcMs;
    source.storageProblem = m_store.storageProblem().value_or(QString());
    source.chainProblem = m_chainProblem;
    source.clock = &m_screenClock.follow(m_events, m_incident.mode == IncidentMode::Drill);
    source.runnerGone = m_runnerGone;
    return WallStateBuilder::build(source, announcements);
}

void WallStandalone::lookForRunner()
{
    if (!m_engine || m_incident.mode != IncidentMode::Drill)
        return;
    const ScreenClock &clock = m_screenClock.follow(m_events, true);
    // Looked at again every second: a server's runner whose heartbeat came back is at work.
    const bool gone = m_runnerSight.isGone(
        !m_engine->isClosed() && m_chainProblem.isEmpty(), m_store, m_incident.id, m_events, clock,
        m_clock() - m_incident.declaredUtcMs, DrillRunnerSight::heartbeatLapseMs);
    if (gone == m_runnerGone)
        return;
    m_runnerGone = gone;
    m_window->refresh();
}

} // namespace warroom
