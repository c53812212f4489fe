#include "ui/facilitation/FacilitatorWindow.h"

#include "ui/facilitation/FacilitationSession.h"

#include "drill/DrillRunner.h"
#include "drill/WatchedDrillClock.h"
#include "util/BidiControls.h"

#include "util/TimeFormat.h"

#include <QColor>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTreeWidget>

namespace warroom {

// What the facilitator's window shows, filled again on every change and each half second, and
// the inject buttons' slots.

namespace {

QString injectWhat(const DrillInject &inject, const Checklist &checklist)
{
    if (!inject.fault.isEmpty())
        return QStringLiteral("backend fault %1 (not announced)")
            .arg(QString::fromUtf8(QJsonDocument(inject.fault).toJson(QJsonDocument::Compact)));
    return QStringLiteral("to %1: %2").arg(inject.recipient(checklist), inject.message);
}

QString span(qint64 ms)
{
    return formatElapsed(ms).mid(2);
}

// The scenario file, the checklist and what people type fill this window: a bidirectional
// control in any of it is shown, not obeyed.
QStringList shown(QStringList texts)
{
    for (QString &t : texts)
        t = BidiControls::shown(std::move(t));
    return texts;
}

} // namespace

void FacilitatorWindow::refresh()
{
    DrillRunner *runner = m_session.runner();
    m_pause->setEnabled(runner && !runner->isFinished());
    m_end->setEnabled(runner && !runner->isFinished());
    const bool ended = runner && runner->isFinished();
    for (QWidget *w : std::as_const(m_outgoing))
        w->setEnabled(!ended);
    m_pause->setText(m_session.isPaused() ? tr("Resume (Ctrl+P)") : tr("Pause (Ctrl+P)"));
    if (!runner) {
        const QString reason = m_session.noDrillReason();
        m_title->setText(reason.startsWith(QLatin1StringView("no drill"))
                             ? tr("No drill is running. Incident \u25B8 Start drill from "
                                  "scenario\u2026 starts one.")
                             : tr("Watching only: %1.").arg(reason));
        // Watching another window's drill: the room's T+ from the timeline, not a zero.
        const IncidentSession *watched = m_session.watchedSession();
        m_clock->setText(watched ? WatchedDrillClock::text(*watched) : QStringLiteral("T+0:00:00"));
        const QString scale = watched ? WatchedDrillClock::scale(*watched) : QString();
        m_clockScale->setText(scale);
        m_clockScale->setVisible(!scale.isEmpty());
        m_next->clear();
    } else {
        const Scenario &s = runner->scenario();
        m_title->setText(tr("<b>%1</b><br>%2<br>%3")
                             .arg(BidiControls::shown(s.title).toHtmlEscaped(),
                                  BidiControls::shown(s.objectives.join(QStringLiteral(" \u00B7 ")))
                                      .toHtmlEscaped(),
                                  roomStepText().toHtmlEscaped()));
        // The console's clock stands beside its CLOSED badge once the room closed the incident;
        // this window has no badge, and its clock alone read as a drill still running.
        const QString clock = runner->clockText();
        m_clock->setText(ended && clock == formatElapsed(runner->drillNow())
                             ? clock + QStringLiteral("  CLOSED")
                             : clock);
        const QString scale = runner->clockScale();
        m_clockScale->setText(scale);
        m_clockScale->setVisible(!scale.isEmpty());
    }
    fillInjects();
    fillObservations();
    fillExpectations();
    fillRatings();
    const QStringList lines = m_session.lines();
    while (m_lines->count() < lines.size())
        m_lines->addItem(BidiControls::shown(lines.at(m_lines->count())));
    if (m_lines->count() > lines.size())
        m_lines->clear();
}

// Where the room is, as its console shows it: the window showed the injects and the clock, and
// the facilitator had to turn to the room's screen to know which step an inject would meet.
QString FacilitatorWindow::roomStepText() const
{
    const DrillRunner *runner = m_session.runner();
    const QString id = m_session.currentStepId();
    const QList<ChecklistStep> &steps = runner->checklist().steps;
    const int index = runner->checklist().stepIndex(id);
    if (index < 0)
        return tr("The room: no step under way");
    return tr("The room: step %1 of %2, %3 (%4)")
        .arg(index + 1)
        .arg(steps.size())
        .arg(BidiControls::shown(steps.at(index).title),
             runner->facts().stepState.value(id, QStringLiteral("pending")));
}

void FacilitatorWindow::fillInjects()
{
    DrillRunner *runner = m_session.runner();
    QString selected = selectedInject();
    m_injects->clear();
    m_next->clear();
    if (!runner) {
        m_waitingFor.clear(); // the next drill's injects are its own
        m_actedOn.clear();
        return;
    }
    const InjectBoard &board = runner->injects();
    const qint64 now = runner->drillNow();
    // Nothing is next once the drill has ended: the board keeps what never fired.
    const QString next = runner->isFinished() ? QString() : board.next(runner->resolver());
    const auto upcoming = [&board](const QString &id) {
        const InjectState *s = board.find(id);
        return s && s->state == InjectState::State::Upcoming;
    };
    // What this window itself skipped or fired stays selected: a second Ctrl+S is refused in
    // words rather than skipping another inject.
    // Nothing selected yet moves on the same way: a scenario whose injects all wait on events
    // opened with none selected, and Ctrl+F and Ctrl+L acted on nothing.
    if (selected.isEmpty()
        || (selected == m_waitingFor && selected != m_actedOn && !upcoming(selected))) {
        // The next due, else the first still to come: one waiting on an event (`on:
        // run-started:…`) is not due yet, and Ctrl+F may fire it before its event.
        QString following = next;
        for (const InjectState &s : board.injects()) {
            if (following.isEmpty() && s.state == InjectState::State::Upcoming)
                following = s.inject.id;
        }
        if (!following.isEmpty())
            selected = following;
    }
    m_waitingFor = upcoming(selected) ? selected : QString();
    if (!next.isEmpty())
        m_next->setText(BidiControls::shown(
            tr("Next: %1 in %2")
                .arg(next, span(board.countdownMs(next, now, runner->resolver())))));
    for (const InjectState &s : board.injects()) {
        QString when;
        QString state = InjectState::stateName(s.state);
        QString acknowledged;
        if (s.state == InjectState::State::Fired) {
            when = formatElapsed(s.firedAtMs);
            if (s.acknowledgedAtMs >= 0)
                acknowledged = tr("%1 by %2 (after %3)")
                                   .arg(formatElapsed(s.acknowledgedAtMs), s.acknowledgedBy,
                                        span(s.timeToAcknowledgeMs()));
            else if (s.inject.fault.isEmpty() && runner->isFinished())
                // No acknowledgement is taken once the drill has ended: nobody is waited for.
                acknowledged = tr("never (%1 until the end)").arg(span(now - s.firedAtMs));
            else if (s.inject.fault.isEmpty())
                acknowledged = tr("waiting %1").arg(span(now - s.firedAtMs));
        } else if (s.state == InjectState::State::Upcoming && runner->isFinished()) {
            // Nothing fires after the end: "upcoming" stood beside "inject … never fired".
            when = s.inject.when.describe();
            state = tr("never fired (the drill ended)");
        } else if (s.state == InjectState::State::Upcoming) {
            const qint64 due = board.dueAt(s, runner->resolver());
            when = due < 0 ? s.inject.when.describe() : formatElapsed(due);
            if (s.inject.id == next)
                state = tr("NEXT in %1").arg(span(board.countdownMs(next, now, runner->resolver())));
            if (s.delayMs > 0)
                when += tr(" (delayed %1)").arg(span(s.delayMs));
        }
        if (s.unscheduled)
            state += tr(", unscheduled");
        auto *item
            = new QTreeWidgetItem(m_injects, shown({s.inject.id, when, state, acknowledged,
                                                    injectWhat(s.inject, runner->checklist())}));
        item->setData(0, Qt::UserRole, s.inject.id);
        if (s.inject.id == selected)
            m_injects->setCurrentItem(item);
    }
    for (int c = 0; c < 4; ++c)
        m_injects->resizeColumnToContents(c);
}

void FacilitatorWindow::fillRoles()
{
    m_role->clear();
    m_role->addItem(tr("the room"), QString());
    if (DrillRunner *runner = m_session.runner()) {
        for (const ChecklistRole &r : runner->checklist().roles)
            m_role->addItem(BidiControls::shown(r.title), r.id);
    }
}

void FacilitatorWindow::fillObservations()
{
    const QList<Observation> &all = m_session.log().observations();
    if (m_observations->count() == all.size())
        return;
    m_observations->clear();
    for (const Observation &o : all)
        m_observations->addItem(QStringLiteral("%1  %2  %3")
                                    .arg(formatElapsed(o.atDrillMs),
                                         o.stepId.isEmpty() ? tr("(drill)") : o.stepId,
                                         BidiControls::shown(o.text)));
    m_observations->scrollToBottom();
}

void FacilitatorWindow::fillExpectations()
{
    const QList<LiveExpectation> live = m_session.expectations();
    m_expectations->clear();
    for (const LiveExpectation &e : live) {
        const QString status = LiveExpectation::statusName(e.status).toUpper();
        auto *item = new QTreeWidgetItem(m_expectations, shown({status, e.detail, e.description}));
        item->setToolTip(2, item->text(2));
        const QColor tone = e.status == LiveExpectation::Status::Met      ? QColor(0x2e, 0x9e, 0x4f)
                            : e.status == LiveExpectation::Status::Missed ? QColor(0xd0, 0x3b, 0x3b)
                                                                          : QColor(0xc8, 0x8a, 0x12);
        item->setForeground(0, tone);
    }
}

QString FacilitatorWindow::selectedInject() const
{
    if (QTreeWidgetItem *item = m_injects->currentItem())
        return item->data(0, Qt::UserRole).toString();
    DrillRunner *runner = m_session.runner();
    return runner ? runner->injects().next(runner->resolver()) : QString();
}

QString FacilitatorWindow::status() const
{
    return m_status->text();
}

void FacilitatorWindow::fireNow()
{
    const QString id = selectedInject();
    m_actedOn = id;
    QString error;
    const bool ok = m_session.fireNow(id, &error);
    report(ok,
           m_session.isPaused()
               ? tr("Inject %1 fires when the drill resumes (Ctrl+P): the drill is paused.").arg(id)
               : tr("Inject %1 fires now.").arg(id),
           error);
}

void FacilitatorWindow::skip()
{
    const QString id = selectedInject();
    m_actedOn = id;
    QString error;
    const bool ok = m_session.skip(id, &error);
    report(ok, tr("Inject %1 skipped.").arg(id), error);
}

void FacilitatorWindow::delay()
{
    const QString id = selectedInject(); // still to come: it is followed when it fires
    QString error;
    if (!m_session.delay(id, 60'000, &error)) {
        report(false, {}, error);
        return;
    }
    // When it now fires, and what it moves: an inject waiting on the room's act said only
    // "delayed", and the ramp it was to interrupt ended before it fired, missed in the debrief.
    const DrillRunner &runner = *m_session.runner();
    const InjectState &state = *runner.injects().find(id);
    const qint64 due = runner.injects().dueAt(state, runner.resolver());
    DrillMoment moved = state.inject.when;
    moved.afterMs += state.delayMs;
    QString text
        = due >= 0
              ? tr("Inject %1 delayed by one drill minute: now due at %2.")
                    .arg(id, formatElapsed(due))
              : tr("Inject %1 delayed by one drill minute: it fires %2.").arg(id, moved.describe());
    for (const DrillExpectation &e : runner.scenario().expectations) {
        if (e.kind == DrillExpectation::Kind::RunOutcome && e.withinMs >= 0 && e.ofInject == id)
            text += tr(" Expectation %1 counts from it: a run that ends before it fires is "
                       "missed.")
                        .arg(e.id);
    }
    report(true, text, {});
}

void FacilitatorWindow::sendMessage()
{
    QString error;
    const bool ok = m_session.sendMessage(m_role->currentData().toString(), m_message->text(),
                                          &error);
    // Paused, it waits with the drill clock: "Message sent" while nothing showed on the console
    // until the resume.
    report(ok,
           m_session.isPaused()
               ? tr("Message to %1 queued: the drill is paused, and it is announced on the console "
                    "and the wall when the drill resumes (Ctrl+P).")
                     .arg(m_role->currentText())
               : tr("Message sent to %1; it is announced on the console and the wall.")
                     .arg(m_role->currentText()),
           error);
    if (ok)
        m_message->clear();
}

void FacilitatorWindow::addObservation()
{
    QString error;
    const bool ok = m_session.observe(m_observation->text(), {}, &error);
    report(ok, tr("Observation noted."), error);
    if (ok)
        m_observation->clear();
}

} // namespace warroom
