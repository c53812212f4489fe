#include "ui/incident/CompletionSummary.h"

#include "engine/StepsLeft.h"
#include "gantt/SchedulePlanner.h"
#include "session/IncidentSession.h"
#include "util/TimeFormat.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace warroom {

CompletionSummary::CompletionSummary(QWidget *parent)
    : QFrame(parent)
    , m_heading(new QLabel(this))
    , m_duration(new QLabel(this))
    , m_details(new QLabel(this))
    , m_export(new QToolButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("completionSummary"));
    m_heading->setObjectName(QStringLiteral("completionHeading"));
    m_duration->setObjectName(QStringLiteral("completionDuration"));
    m_details->setObjectName(QStringLiteral("completionDetails"));
    m_export->setObjectName(QStringLiteral("completionExport"));
    m_close->setObjectName(QStringLiteral("completionClose"));
    for (QLabel *l : {m_heading, m_duration, m_details}) {
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_details->setTextFormat(Qt::PlainText);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_export);
    buttons->addWidget(m_close);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_duration);
    layout->addWidget(m_details);
    layout->addLayout(buttons);
    layout->addStretch(1);
    refresh();
}

void CompletionSummary::setSession(IncidentSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session, &IncidentSession::eventsAppended, this, &CompletionSummary::refresh);
    refresh();
}

void CompletionSummary::setActions(QAction *exportPostmortem, QAction *closeIncident)
{
    // The buttons are the actions themselves: text, shortcut, enabling and what they do.
    m_export->setDefaultAction(exportPostmortem);
    m_close->setDefaultAction(closeIncident);
    for (QToolButton *b : {m_export, m_close})
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
}

bool CompletionSummary::isComplete() const
{
    if (!m_session)
        return false;
    const ChecklistEngine &engine = m_session->engine();
    // Failed counts as finished here (nothing more will happen to it unless it is restarted):
    // the summary shows, and the step panel beside it the failed step to restart.
    if (engine.isClosed())
        return true;
    return engine.stepCount() > 0
           && engine.unfinishedStepCount() == engine.stepCountIn(StepState::Failed);
}

QString CompletionSummary::headingText() const
{
    return m_heading->text();
}

QString CompletionSummary::detailsText() const
{
    return m_duration->text() + u'\n' + m_details->text();
}

void CompletionSummary::refresh()
{
    if (!isComplete()) {
        m_heading->clear();
        m_duration->clear();
        m_details->clear();
        return;
    }
    const ChecklistEngine &engine = m_session->engine();
    m_clock = m_session->screenClock();
    const int steps = engine.stepCount();
    // Amber, not green, when a step was left unfinished or failed: a success it was not.
    const bool unfinished = !engine.allStepsFinished();
    if (property("unfinished").toBool() != unfinished) {
        for (QWidget *w : {static_cast<QWidget *>(this), static_cast<QWidget *>(m_heading)}) {
            w->setProperty("unfinished", unfinished);
            w->style()->unpolish(w);
            w->style()->polish(w);
        }
    }
    if (engine.isClosed())
        m_heading->setText(engine.allStepsFinished()
                               ? tr("Incident closed \u00B7 all %1 steps done").arg(steps)
                               : tr("Incident closed before every step was done"));
    else
        m_heading->setText(engine.allStepsFinished()
                               ? tr("All %1 steps done \u00B7 close the incident").arg(steps)
                               : tr("All %1 steps finished, not all done \u00B7 the incident "
                                    "is still open")
                                     .arg(steps));
    m_duration->setText(durationLine());
    const QStringList lines = exceptions();
    m_details->setText(lines.isEmpty() ? tr("\u2714 Every step done in order: nothing failed, "
                                            "was skipped or overridden.")
                                       : lines.join(u'\n'));
}

QString CompletionSummary::durationLine() const
{
    const ChecklistEngine &engine = m_session->engine();
    // Steps left unfinished did not take their planned time: "under plan" would read as a win.
    // A failed step did not either, nor one whose run's outcome nobody knows: each is said apart
    // (the heading, open, calls them finished but not done), as the walls say it.
    const StepsLeft left = StepsLeft::of(engine);
    const qint64 took = engine.isClosed()
                            ? std::max<qint64>(ScreenClock::closedAt(true, m_session->events()), 0)
                            : std::max<qint64>(left.lastEndMs, 0);
    const qint64 planned = SchedulePlanner::finishMs(SchedulePlanner::plan(m_session->checklist()));
    const QString at = engine.isClosed() ? tr("Closed at") : tr("Last step finished at");
    // Finished after the drill's runner ended it: the drill clock stood still at the end, and
    // the time read as the end's, "under plan".
    if (left.isEmpty() && m_clock.isAfterEnd(left.lastEndMs))
        return tr("%1 %2: the drill had ended there, before its last step finished (plan %3)")
            .arg(at, m_clock.shownText(took), formatElapsed(planned));
    if (!left.isEmpty())
        return tr("%1 %2 with %3 (plan %4)")
            .arg(at, m_clock.shownText(took), left.text(), formatElapsed(planned));
    return tr("%1 %2 (plan %3): %4")
        .arg(at, m_clock.shownText(took), formatElapsed(planned),
             formatPlanDelta(m_clock.shownMs(took) - planned));
}

QStringList CompletionSummary::exceptions() const
{
    const ChecklistEngine &engine = m_session->engine();
    const Checklist &checklist = m_session->checklist();
    const auto &vars = m_session->textVariables();
    QStringList lines;
    for (int s = 0; s < engine.stepCount(); ++s) {
        const StepStatus &st = engine.step(s);
        const QString name = QStringLiteral("%1. %2").arg(s + 1).arg(
            expandVariables(checklist.steps.at(s).title, vars));
        const QString at = m_clock.shownText(st.endedElapsedMs);
        if (st.state == StepState::Failed)
            lines << tr("\u2716 FAILED %1 \u2014 %2: %3").arg(at, name, st.reason);
        else if (st.state == StepState::Skipped)
            lines << tr("\u21B7 SKIPPED %1 \u2014 %2: %3").arg(at, name, st.reason);
        else if (st.isInDoubt()) // a run went out and nobody knows how it ended: not "unfinished"
            lines << tr("? OUTCOME UNKNOWN \u2014 %1: a request went out and got no answer; find "
                        "out whether it took effect before anyone runs it again")
                         .arg(name);
        else if (!st.isFinished())
            lines << tr("\u25A1 NOT FINISHED \u2014 %1").arg(name);
        if (st.startOverridden)
            lines << tr("\u26A0 OVERRIDE %1 \u2014 %2 started before %3: %4")
                         .arg(m_clock.shownText(st.startedElapsedMs), name,
                              st.overriddenDependencies.join(QStringLiteral(", ")),
                              st.overrideReason);
        for (int i = 0; i < st.items.size(); ++i) {
            const ItemStatus &item = st.items.at(i);
            const QString text = expandVariables(checklist.steps.at(s).items.at(i).text, vars);
            if (item.state == ItemState::Skipped)
                lines << tr("\u21B7 SKIPPED %1 \u2014 %2: %3")
                             .arg(m_clock.shownText(item.elapsedMs), text, item.reason);
            else if (item.overridden)
                lines << tr("\u26A0 OVERRIDE %1 \u2014 %2: %3")
                             .arg(m_clock.shownText(item.elapsedMs), text, item.reason);
        }
    }
    return lines;
}

} // namespace warroom
