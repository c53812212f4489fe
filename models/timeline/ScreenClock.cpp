#include "timeline/ScreenClock.h"

#include "timeline/EventTimes.h"

#include "timeline/EventVocabulary.h"
#include "timeline/Incident.h"
#include "util/TimeFormat.h"

#include <QRegularExpression>

#include <algorithm>

namespace warroom {

namespace {

// Above any factor a drill is run at (the command line and scenarios take 1 to 100).
constexpr double maxSpeed = 1000;

// The old runner's sentences, whole: a legacy pause is only ever exactly what it wrote.
const QRegularExpression &legacyPause()
{
    static const QRegularExpression re(QStringLiteral(
        R"(^Drill paused at T\+\d{2,}:\d{2}:\d{2} on the drill clock: injects and the players' )"
        R"(script wait, and the pause is left out of the drill's durations\.$)"));
    return re;
}

const QRegularExpression &legacyResume()
{
    static const QRegularExpression re(
        QStringLiteral(R"(^Drill resumed at T\+\d{2,}:\d{2}:\d{2} on the drill clock after a )"
                       R"(pause of \d{2,}:\d{2}:\d{2} \(real time\)\.$)"));
    return re;
}

// The old runner's first note, written right after the declaration.
bool isLegacyOpening(const QString &text)
{
    return text.startsWith(QLatin1StringView("Facilitated drill of scenario "))
           || text.startsWith(QLatin1StringView("Headless drill (warroom drill"));
}

} // namespace

ScreenClock ScreenClock::fromEvents(const TimelineEvents &events)
{
    ScreenClock out;
    for (const TimelineEvent &e : events)
        out.add(e);
    return out;
}

QJsonObject ScreenClock::fact(QLatin1StringView change, qint64 atMs, double speed)
{
    QJsonObject o{{PayloadKey::Change, change}, {PayloadKey::AtMs, atMs}};
    if (speed > 0)
        o.insert(PayloadKey::Speed, speed);
    return o;
}

void ScreenClock::add(const TimelineEvent &e)
{
    // A LIVE incident has no drill clock: the runner records its facts in drills only, and the
    // same notes in a LIVE timeline (forged, its hashes computed again) would move every screen's
    // T+ and every duration in its postmortem.
    // The first declaration only, and anything but "drill" is LIVE (incidentModeFromName): a
    // second declaration saying "drill" turned the facts back on. Readers that hold the
    // incident's record go by its mode instead (IncidentSession::screenClock, screensClock).
    if (e.kind == EventKind::IncidentDeclared && !m_declared) {
        m_declared = true;
        m_live
            = e.payload.value(PayloadKey::Mode).toString() != incidentModeName(IncidentMode::Drill);
    }
    if (e.kind != EventKind::NoteAdded || m_live)
        return;
    if (e.actor != facilitator) {
        if (m_legacy == Legacy::Undecided) // the first note is a person's: not an old drill
            m_legacy = Legacy::Refused;
        return;
    }
    const QJsonValue fact = e.payload.value(PayloadKey::DrillClock);
    if (fact.isObject()) {
        if (m_legacy == Legacy::Undecided)
            m_legacy = Legacy::Refused;
        addFact(fact.toObject());
        return;
    }
    addLegacy(e);
}

bool ScreenClock::takesFact(const QJsonObject &fact)
{
    // A moment past any time a row may carry, or a speed no drill runs at (the runner's are 1 to
    // 100): a note written into a shared server with a speed of 1e300 made the postmortem's
    // clock read T-2562047788015:12:55, its arithmetic overflowed.
    const qint64 at = fact.value(PayloadKey::AtMs).toInteger(-1);
    if (at < 0 || at > EventTimes::latestUtcMs)
        return false;
    const double speed = fact.value(PayloadKey::Speed).toDouble(1.0);
    return fact.value(PayloadKey::Change).toString() != DrillClockChange::Started
           || (speed > 0 && speed <= maxSpeed);
}

void ScreenClock::addFact(const QJsonObject &fact)
{
    const QString change = fact.value(PayloadKey::Change).toString();
    if (!takesFact(fact))
        return;
    const qint64 at = fact.value(PayloadKey::AtMs).toInteger(-1);
    const double speed = fact.value(PayloadKey::Speed).toDouble(1.0);
    m_facts = true;
    if (change == DrillClockChange::Started) {
        m_startMs = at;
        m_speed = speed > 0 ? speed : 1.0;
    } else if (change == DrillClockChange::Paused) {
        m_spans.begin(at);
    } else if (change == DrillClockChange::Resumed) {
        m_spans.end(at);
    } else if (change == DrillClockChange::Ended && m_endedMs < 0) {
        m_endedMs = at; // the first end: a drill ends once
        m_endedWithoutRunner = fact.contains(PayloadKey::RunnerGone);
        m_endVerdict = fact.value(PayloadKey::Verdict).toObject();
    }
}

void ScreenClock::addLegacy(const TimelineEvent &e)
{
    const QString text = e.payload.value(PayloadKey::Text).toString();
    if (m_legacy == Legacy::Undecided)
        m_legacy = isLegacyOpening(text) ? Legacy::Allowed : Legacy::Refused;
    if (m_legacy != Legacy::Allowed)
        return;
    if (legacyPause().match(text).hasMatch())
        m_legacySpans.begin(e.elapsedMs);
    else if (legacyResume().match(text).hasMatch())
        m_legacySpans.end(e.elapsedMs);
}

qint64 ScreenClock::shownMs(qint64 elapsedMs) const
{
    const qint64 at = liveAt(elapsedMs);
    if (isDrillClock())
        return spans().drillMs(m_startMs, m_speed, at);
    return at - pausedMs(at);
}

QString ScreenClock::shownText(qint64 elapsedMs) const
{
    return formatElapsed(elapsedMs < 0 ? elapsedMs : shownMs(elapsedMs));
}

QString ScreenClock::worded(const QString &shown, LiveState state)
{
    switch (state) {
    case LiveState::Paused:
        return shown + QStringLiteral("  PAUSED");
    case LiveState::Ended:
        return shown + QStringLiteral("  ENDED");
    case LiveState::Running:
    case LiveState::Closed:
        break;
    }
    return shown;
}

QString ScreenClock::scaleText(double speed, qint64 elapsedMs)
{
    if (speed <= 0 || qFuzzyCompare(speed, 1.0))
        return {};
    return QStringLiteral("\u00D7%1 drill clock \u00B7 real %2")
        .arg(speed)
        .arg(formatElapsed(std::max<qint64>(0, elapsedMs)).mid(2));
}

} // namespace warroom
