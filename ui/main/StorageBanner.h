#pragma once

#include <QLabel>
#include <QPointer>

namespace warroom {

class IncidentSession;

// The red line above everything while nothing can be recorded. A file that is no longer the one
// on disk keeps it for good; a shared timeline out of reach shows "shared timeline unreachable
// since 14:02:11 — nothing can be recorded" and the banner goes by itself once the server is back
// and this screen has caught up (IncidentSession::storageRestored). (The blue "Verifying the
// timeline" line is VerifyingNotice's, in the status bar.)
class StorageBanner : public QLabel
{
    Q_OBJECT

public:
    explicit StorageBanner(QWidget *parent = nullptr);

    // Follows the session's storage (none: hidden).
    void follow(IncidentSession *session);
    static QString message(const QString &problem, bool transient);

signals:
    // Shown or hidden: whoever enables commands asks the session again.
    void storageChanged();

private:
    void showProblem(const QString &problem);
    void clear();

    QPointer<IncidentSession> m_session;
};

} // namespace warroom
