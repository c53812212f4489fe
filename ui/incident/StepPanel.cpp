#include "ui/incident/StepPanel.h"

#include "session/IncidentSession.h"
#include "ui/incident/AutomationStatusView.h"
#include "ui/incident/ElidedLabel.h"
#include "util/BidiControls.h"
#include "util/TimeFormat.h"
#include "wall/WallRoom.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace warroom {

namespace {

QLabel *wrappedLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    return label;
}

} // namespace

StepPanel::StepPanel(QWidget *parent)
    : QWidget(parent)
    , m_stepTitle(new ElidedLabel(this))
    , m_stepMeta(new QLabel(this))
    , m_currentItem(new QLabel(this))
    , m_message(new QLabel(this))
    , m_room(wrappedLabel(QStringLiteral("roomNotes"), this))
    , m_confirm(new QPushButton(this))
    , m_skip(new QPushButton(tr("Skip item\u2026"), this))
    , m_restart(new QPushButton(tr("Restart this step"), this))
    , m_actions(new QWidget(this))
    , m_choices(new QWidget(this))
    , m_run(new AutomationStatusView(this))
    , m_choiceLayout(new QVBoxLayout(m_choices))
    , m_guidance(new QTextBrowser(this))
{
    m_stepTitle->setObjectName(QStringLiteral("stepTitle"));
    m_stepTitle->setElided(false);
    m_stepMeta->setObjectName(QStringLiteral("muted"));
    // Role, state, start and reason can outgrow a 1280-wide window: wrap, never widen the panel
    // past what shows (the choices under it then ran off the right-hand edge).
    m_stepMeta->setWordWrap(true);
    m_currentItem->setObjectName(QStringLiteral("currentItem"));
    m_currentItem->setWordWrap(true);
    // The current item and its run never shrink below their text; the guidance scrolls instead.
    m_currentItem->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_run->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_message->setObjectName(QStringLiteral("refusal"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_skip->setObjectName(QStringLiteral("skipButton"));
    m_restart->setObjectName(QStringLiteral("restartButton"));
    m_restart->hide();
    m_guidance->setObjectName(QStringLiteral("guidance"));
    m_guidance->setOpenExternalLinks(true);
    m_guidance->setMinimumHeight(48);
    m_choiceLayout->setContentsMargins(0, 0, 0, 0);

    m_actions->setObjectName(QStringLiteral("stepActions"));
    auto *buttons = new QHBoxLayout(m_actions);
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_confirm);
    buttons->addWidget(m_skip);
    buttons->addWidget(m_restart);
    buttons->addStretch(1);

    // What the commander acts on first: the current item right under the step's title, its run
    // and buttons next, the refusal beside them; the step's role, state and times after that
    // (at 1280x720 they pushed the item below the fold).
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stepTitle);
    layout->addWidget(m_currentItem);
    layout->addWidget(m_choices);
    layout->addWidget(m_run);
    layout->addWidget(m_actions);
    layout->addWidget(m_message);
    layout->addWidget(m_stepMeta);
    layout->addWidget(m_room);
    layout->addWidget(m_guidance, 1);

    connect(m_confirm, &QPushButton::clicked, this, [this] { emit confirmRequested({}); });
    connect(m_skip, &QPushButton::clicked, this, &StepPanel::skipRequested);
    connect(m_restart, &QPushButton::clicked, this, &StepPanel::restartRequested);
    connect(m_run, &AutomationStatusView::runRequested, this, &StepPanel::runRequested);
    connect(m_run, &AutomationStatusView::resendRequested, this, &StepPanel::resendRequested);
    connect(m_run, &AutomationStatusView::stopRequested, this, &StepPanel::stopRequested);
    connect(m_run, &AutomationStatusView::rollbackRequested, this, &StepPanel::rollbackRequested);
    refresh();
}

QWidget *StepPanel::takeActions()
{
    layout()->removeWidget(m_actions);
    return m_actions;
}

void StepPanel::setSession(IncidentSession *session, AutomationRunner *runner)
{
    m_run->setSession(session, runner);
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_step = -1;
    if (m_session)
        connect(m_session, &IncidentSession::eventsAppended, this, &StepPanel::refresh);
    refresh();
}

void StepPanel::setStep(int step)
{
    if (step == m_step)
        return;
    m_step = step;
    m_message->hide();
    m_run->setRefusalShownBelow({});
    refresh();
}

void StepPanel::showMessage(const QString &message)
{
    const bool onStep = m_session && m_step >= 0 && m_step < m_session->engine().stepCount();
    m_messageItem = onStep ? m_session->engine().currentItem(m_step) : -1;
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_run->setRefusalShownBelow(message);
}

void StepPanel::refresh()
{
    // Rebuilt from the engine each time: a handful of labels, and no state of its own to drift.
    while (QLayoutItem *item = m_choiceLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_choices->hide();
    if (!m_session || m_step < 0 || m_step >= m_session->engine().stepCount()) {
        m_stepTitle->setFullText(m_session ? tr("All steps finished") : QString());
        m_stepTitle->setElided(false);
        m_stepMeta->clear();
        m_room->hide();
        m_currentItem->hide();
        m_confirm->hide();
        m_skip->hide();
        m_restart->hide();
        m_guidance->clear();
        m_run->setItem(-1, -1);
        return;
    }
    showStep();
    const StepStatus &st = m_session->engine().step(m_step);
    const int item = m_session->engine().currentItem(m_step);
    // A refusal was about the item current then: another window or a poll's answer moving on
    // left it under the next item, and that item's own reason hidden when it read the same.
    if (item != m_messageItem && !m_message->isHidden())
        showMessage({});
    const bool actionable = item >= 0 && !st.isFinished() && !m_session->engine().isClosed();
    m_currentItem->setVisible(actionable);
    m_confirm->setVisible(actionable);
    m_skip->setVisible(actionable);
    const bool failed = st.state == StepState::Failed && !m_session->engine().isClosed();
    m_restart->setVisible(failed);
    if (!actionable) {
        m_run->setItem(-1, -1);
        // A failed step is current until it is restarted or what waits for it is decided: its
        // panel says how, where an item would be.
        if (failed) {
            m_currentItem->setText(
                tr("This step FAILED. Restart it, or decide what waits for it."));
            m_currentItem->setToolTip({});
            m_currentItem->show();
            fitTitle(); // against the text shown now
        }
        return;
    }
    m_run->setItem(m_step, item);
    showItem(item);
    fitTitle();
}

void StepPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitTitle();
}

void StepPanel::fitTitle()
{
    // In a scroll area the panel's parent is the viewport: the height that shows without
    // scrolling. Decided from the viewport and the width only, so eliding cannot feed back.
    const QWidget *viewport = parentWidget();
    if (!viewport || m_currentItem->isHidden() || !layout()) {
        m_stepTitle->setElided(false);
        return;
    }
    m_stepTitle->ensurePolished();
    m_currentItem->ensurePolished();
    const QMargins m = layout()->contentsMargins();
    const int w = width() - m.left() - m.right();
    const int need = m.top() + m_stepTitle->wrappedHeight(w) + layout()->spacing()
                     + m_currentItem->heightForWidth(w);
    m_stepTitle->setElided(need > viewport->height());
}

void StepPanel::showStep()
{
    const auto &vars = m_session->textVariables();
    const Checklist &checklist = m_session->checklist();
    const ChecklistStep &def = checklist.steps.at(m_step);
    const StepStatus &st = m_session->engine().step(m_step);
    m_stepTitle->setFullText(tr("Step %1 of %2 \u00B7 %3")
                             .arg(m_step + 1)
                             .arg(checklist.steps.size())
                             .arg(expandVariables(def.title, vars)));
    bool deferred = false;
    m_room->setText(
        WallRoom::stepNotes(m_session->engine(), m_step, m_session->screenClock(), &deferred));
    m_room->setVisible(!m_room->text().isEmpty());
    // Red and bold for a NO-GO, which blocks the step (it read like "waiting"); amber, with the
    // words, for a deferral: not a skip, and not done either.
    const bool noGo = std::any_of(st.items.cbegin(), st.items.cend(),
                                  [](const ItemStatus &i) { return i.poll.noGo() != nullptr; });
    m_room->setProperty("noGo", noGo);
    m_room->setStyleSheet(noGo       ? QStringLiteral("color: #ff6b6b; font-weight: bold;")
                          : deferred ? QStringLiteral("color: #b35c00; font-weight: bold;")
                                     : QString());
    QString meta = tr("%1 \u00B7 %2 \u00B7 planned %3 min")
                       .arg(WallRoom::ownerText(m_session->engine(), m_step),
                            stepStateName(st.state).toUpper())
                       .arg(def.expectedMinutes);
    if (st.isStarted())
        meta += tr(" \u00B7 started %1 by %2")
                    .arg(formatElapsed(m_session->screenClock().shownMs(st.startedElapsedMs)),
                         st.startedBy);
    if (st.state == StepState::Pending)
        meta += tr(" \u00B7 waits for: %1")
                    .arg(m_session->engine().unmetDependencies(m_step).join(QStringLiteral(", ")));
    if (!st.reason.isEmpty())
        meta += tr(" \u00B7 reason: %1").arg(st.reason);
    // Typed (names, reasons, declared variables) or from a checklist file: shown, not obeyed.
    m_stepMeta->setText(BidiControls::shown(meta));
    m_guidance->setMarkdown(BidiControls::shown(expandVariables(def.guidance, vars)));
}

void StepPanel::showItem(int item)
{
    const auto &vars = m_session->textVariables();
    const ChecklistStep &def = m_session->checklist().steps.at(m_step);
    const ChecklistItem &itemDef = def.items.at(item);
    m_currentItem->setText(BidiControls::shown(tr("%1/%2  %3")
                                                   .arg(item + 1)
                                                   .arg(def.items.size())
                                                   .arg(expandVariables(itemDef.text, vars))));
    m_currentItem->setToolTip(BidiControls::shown(expandVariables(itemDef.detail, vars)));
    if (itemDef.kind == ItemKind::Choice) {
        m_confirm->hide();
        showChoices(itemDef);
    } else if (itemDef.isAutomated()) {
        // Its run confirms it; confirming by hand is an override and asks for a reason.
        m_confirm->setText(tr("Confirm by hand\u2026"));
        m_confirm->setObjectName(QStringLiteral("confirmByHandButton"));
        m_confirm->setToolTip(tr("Confirm without the run's proof; needs a reason (Ctrl+Return)"));
    } else {
        m_confirm->setText(tr("\u2714 Confirm"));
        m_confirm->setObjectName(QStringLiteral("confirmButton"));
        m_confirm->setToolTip(tr("Confirm this item (Ctrl+Return)"));
    }
    m_confirm->style()->unpolish(m_confirm);
    m_confirm->style()->polish(m_confirm);
}

void StepPanel::showChoices(const ChecklistItem &itemDef)
{
    const auto &vars = m_session->textVariables();
    m_choices->show();
    for (int i = 0; i < itemDef.options.size(); ++i) {
        const ChoiceOption &o = itemDef.options.at(i);
        auto *b = new QPushButton(
            QStringLiteral("%1  %2").arg(i + 1).arg(expandVariables(o.label, vars)), m_choices);
        b->setObjectName(QStringLiteral("choice_") + o.value);
        b->setProperty("role", QStringLiteral("choice"));
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        // Plain digits choose: a text field with focus still takes its own digits first,
        // because line edits claim printable keys before shortcuts see them.
        if (i < 9) {
            b->setShortcut(QKeySequence(QString::number(i + 1)));
            b->setToolTip(tr("Choose with key %1").arg(i + 1));
        }
        connect(b, &QPushButton::clicked, this, [this, v = o.value] { emit confirmRequested(v); });
        m_choiceLayout->addWidget(b);
    }
}

} // namespace warroom
