#include "ui/main/StorageBanner.h"

#include "ui/actions/IncidentActions.h"

#include "session/IncidentSession.h"

#include <QStyle>

namespace warroom {

StorageBanner::StorageBanner(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("storageBanner")); // red, from the style sheet
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void StorageBanner::follow(IncidentSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    hide();
    if (!session)
        return;
    connect(session, &IncidentSession::storageLost, this, &StorageBanner::showProblem);
    connect(session, &IncidentSession::storageRestored, this, &StorageBanner::clear);
    if (!session->storageProblem().isEmpty())
        showProblem(session->storageProblem());
}

QString StorageBanner::message(const QString &problem, bool transient)
{
    if (!transient)
        return IncidentActions::storageLostMessage(problem);
    // The store's own words already say it all: "shared timeline unreachable since 14:02:11 —
    // nothing can be recorded (why; warroom keeps trying)".
    QString text = problem;
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

void StorageBanner::showProblem(const QString &problem)
{
    // One plain line: the store keeps libpq's several-line hints for the log, and anything else
    // that brings more lines is folded here; the words as they came stay in the tooltip.
    setProperty("state", QVariant());
    style()->unpolish(this);
    style()->polish(this);
    const QString text = message(problem, m_session && m_session->isStorageProblemTransient());
    setText(text.simplified());
    setToolTip(text);
    show();
    emit storageChanged();
}

void StorageBanner::clear()
{
    hide();
    emit storageChanged();
}

} // namespace warroom
