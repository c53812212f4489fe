#include "drill/InjectBoard.h"

#include <algorithm>

namespace warroom {

QString InjectState::stateName(State state)
{
    switch (state) {
    case State::Upcoming:
        return QStringLiteral("upcoming");
    case State::Fired:
        return QStringLiteral("fired");
    case State::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

InjectBoard::InjectBoard(const QList<DrillInject> &injects)
{
    for (const DrillInject &inject : injects) {
        InjectState s;
        s.inject = inject;
        m_injects.append(s);
    }
}

const InjectState *InjectBoard::find(const QString &id) const
{
    const auto it = std::find_if(m_injects.cbegin(), m_injects.cend(),
                                 [&](const InjectState &s) { return s.inject.id == id; });
    return it == m_injects.cend() ? nullptr : &*it;
}

qint64 InjectBoard::dueAt(const InjectState &s, const Resolver &resolve) const
{
    if (s.state == InjectState::State::Skipped)
        return -1;
    const qint64 at = resolve(s.inject.when);
    return at < 0 ? -1 : at + s.delayMs;
}

QStringList InjectBoard::due(qint64 nowMs, const Resolver &resolve) const
{
    QStringList asked;
    QStringList scheduled;
    for (const InjectState &s : m_injects) {
        if (s.state != InjectState::State::Upcoming)
            continue;
        if (s.fireNow) {
            asked << s.inject.id;
            continue;
        }
        const qint64 at = dueAt(s, resolve);
        if (at >= 0 && nowMs >= at)
            scheduled << s.inject.id;
    }
    return asked + scheduled;
}

QString InjectBoard::next(const Resolver &resolve) const
{
    QString best;
    qint64 bestAt = -1;
    for (const InjectState &s : m_injects) {
        if (s.state != InjectState::State::Upcoming)
            continue;
        const qint64 at = s.fireNow ? 0 : dueAt(s, resolve);
        if (at >= 0 && (bestAt < 0 || at < bestAt)) {
            best = s.inject.id;
            bestAt = at;
        }
    }
    return best;
}

qint64 InjectBoard::countdownMs(const QString &id, qint64 nowMs, const Resolver &resolve) const
{
    const InjectState *s = find(id);
    if (!s || s->state != InjectState::State::Upcoming)
        return -1;
    if (s->fireNow)
        return 0;
    const qint64 at = dueAt(*s, resolve);
    return at < 0 ? -1 : std::max<qint64>(0, at - nowMs);
}

void InjectBoard::markFired(const QString &id, qint64 nowMs)
{
    for (InjectState &s : m_injects) {
        if (s.inject.id == id && s.state == InjectState::State::Upcoming) {
            s.state = InjectState::State::Fired;
            s.firedAtMs = nowMs;
            s.fireNow = false;
            tell(Change::Kind::Fired, id);
            return;
        }
    }
}

InjectState *InjectBoard::upcoming(const QString &id, QString *error)
{
    for (InjectState &s : m_injects) {
        if (s.inject.id != id)
            continue;
        if (s.state == InjectState::State::Upcoming)
            return &s;
        *error
            = QStringLiteral("inject %1 has already %2").arg(id, InjectState::stateName(s.state));
        return nullptr;
    }
    *error = QStringLiteral("no inject %1 in this drill").arg(id);
    return nullptr;
}

void InjectBoard::tell(Change::Kind kind, const QString &id, qint64 spanMs) const
{
    if (m_listener)
        m_listener(Change{kind, find(id), spanMs});
}

bool InjectBoard::fireNow(const QString &id, QString *error)
{
    InjectState *s = upcoming(id, error);
    if (s) {
        s->fireNow = true;
        tell(Change::Kind::FireNow, id);
    }
    return s;
}

bool InjectBoard::skip(const QString &id, QString *error)
{
    InjectState *s = upcoming(id, error);
    if (s) {
        s->state = InjectState::State::Skipped;
        tell(Change::Kind::Skipped, id);
    }
    return s;
}

bool InjectBoard::delay(const QString &id, qint64 spanMs, QString *error)
{
    if (spanMs <= 0) {
        *error = QStringLiteral("a delay must be longer than zero");
        return false;
    }
    InjectState *s = upcoming(id, error);
    if (s) {
        s->delayMs += spanMs;
        tell(Change::Kind::Delayed, id, spanMs);
    }
    return s;
}

bool InjectBoard::addUnscheduled(const DrillInject &inject, QString *error)
{
    if (inject.id.isEmpty() || find(inject.id)) {
        *error = inject.id.isEmpty() ? QStringLiteral("an inject needs an id")
                                     : QStringLiteral("inject %1 exists already").arg(inject.id);
        return false;
    }
    if (inject.message.trimmed().isEmpty() && inject.fault.isEmpty()) {
        *error = QStringLiteral("an inject needs a message or a fault");
        return false;
    }
    InjectState s;
    s.inject = inject;
    s.unscheduled = true;
    s.fireNow = true;
    m_injects.append(s);
    tell(Change::Kind::Unscheduled, inject.id);
    return true;
}

bool InjectBoard::acknowledge(const QString &id, const QString &who, qint64 nowMs, QString *error)
{
    const auto it = std::find_if(m_injects.begin(), m_injects.end(),
                                 [&](const InjectState &s) { return s.inject.id == id; });
    if (it == m_injects.end()) {
        *error = QStringLiteral("no inject %1 in this drill").arg(id);
        return false;
    }
    if (it->state != InjectState::State::Fired || it->acknowledgedAtMs >= 0) {
        *error = it->state != InjectState::State::Fired
                     ? QStringLiteral("inject %1 has not fired").arg(id)
                     : QStringLiteral("inject %1 was acknowledged already, by %2")
                           .arg(id, it->acknowledgedBy);
        return false;
    }
    it->acknowledgedAtMs = nowMs;
    it->acknowledgedBy = who;
    tell(Change::Kind::Acknowledged, id);
    return true;
}

} // namespace warroom
