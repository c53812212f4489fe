#pragma once

#include <QObject>

#include <optional>

namespace warroom {

// The moment the incident page replays (ms after the declaration), or none when it is live. Held
// here once for the whole page: the chart's slider and Back to live set it; the chart, the
// timeline filter, the checklist and the commands read it, so they cannot disagree about which
// moment is on screen.
class ReplayTime : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    std::optional<qint64> at() const { return m_at; }
    bool isReplaying() const { return m_at.has_value(); }
    void setAt(std::optional<qint64> elapsedMs);

signals:
    void changed(std::optional<qint64> elapsedMs);

private:
    std::optional<qint64> m_at;
};

} // namespace warroom
