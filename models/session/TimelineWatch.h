#pragma once

#include <QObject>
#include <QTimer>

class QSocketNotifier;

namespace warroom {

class TimelineStore;

// Follows a shared timeline (a PostgreSQL server) for whoever shows it: the notification socket
// is watched, so another screen's commit is read the moment its NOTIFY arrives, and a tick keeps
// the link (heartbeat, silent drops, reconnecting on a worker thread with backoff; see
// TimelineStore::serviceLink). Nothing here waits for the server: a screen stays responsive while
// its server is away. For a file there is nothing to watch: its readers poll dataVersion().
class TimelineWatch : public QObject
{
    Q_OBJECT

public:
    explicit TimelineWatch(TimelineStore &store, QObject *parent = nullptr);
    ~TimelineWatch() override;

    // How often the link is kept without news on the socket; the socket itself is not polled.
    void setTickInterval(int ms);
    bool isLinkUp() const { return m_up; }

signals:
    // Another screen committed, or the link came back: read what is new.
    void changed();
    // The link was lost, or is back: ask the store's storageProblem().
    void linkChanged(bool up);

private:
    void service();
    void rearm();

    TimelineStore &m_store;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_tick;
    qint64 m_generation = -1;
    qint64 m_version = 0;
    bool m_up = true;
};

} // namespace warroom
