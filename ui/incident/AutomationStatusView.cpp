#include "incident/AutomationStatusView.h"

#include "automation/AutomationRunner.h"
#include "session/IncidentSession.h"
#include "util/TimeFormat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace warroom {

namespace {

QString phaseColour(AutomationStatus::Phase phase, bool passing)
{
    switch (phase) {
    case AutomationStatus::Phase::Succeeded:
        return QStringLiteral("#5fd38d");
    case AutomationStatus::Phase::Failed:
        return QStringLiteral("#ff7b6b");
    case AutomationStatus::Phase::Unknown:
        return QStringLiteral("#ffc857");
    case AutomationStatus::Phase::Running:
        return passing ? QStringLiteral("#5fd38d") : QStringLiteral("#7cc4ff");
    case AutomationStatus::Phase::Idle:
        break;
    }
    return QStringLiteral("#9aa5b1");
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

AutomationStatusView::AutomationStatusView(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_value(new QLabel(this))
    , m_details(new QLabel(this))
    , m_run(new QPushButton(this))
    , m_resend(new QPushButton(tr("\u21BB Re-send with the same key"), this))
    , m_stop(new QPushButton(this))
    , m_rollback(new QPushButton(this))
{
    setObjectName(QStringLiteral("runStatus"));
    m_heading->setObjectName(QStringLiteral("runHeading"));
    m_value->setObjectName(QStringLiteral("runValue"));
    m_value->setTextFormat(Qt::RichText);
    m_details->setObjectName(QStringLiteral("runDetails"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_resend->setObjectName(QStringLiteral("resendButton"));
    m_stop->setObjectName(QStringLiteral("stopRunButton"));
    m_rollback->setObjectName(QStringLiteral("rollbackWeightButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_resend);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_rollback);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The buttons come right under the state, above the details: on a short window the
    // details scroll, the way to act does not.
    layout->addWidget(m_heading);
    layout->addLayout(buttons);
    layout->addWidget(m_value);
    layout->addWidget(m_details);

    connect(m_run, &QPushButton::clicked, this, &AutomationStatusView::runRequested);
    connect(m_resend, &QPushButton::clicked, this, &AutomationStatusView::resendRequested);
    connect(m_stop, &QPushButton::clicked, this, &AutomationStatusView::stopRequested);
    connect(m_rollback, &QPushButton::clicked, this, &AutomationStatusView::rollbackRequested);
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, &AutomationStatusView::refresh);
    hide();
}

void AutomationStatusView::setSession(IncidentSession *session, AutomationRunner *runner)
{
    // No eventsAppended connection of its own: the step panel calls setItem() after every
    // event, and a second refresh per event would rebuild the same text twice.
    m_session = session;
    m_runner = runner;
    m_step = m_item = -1;
    refresh();
}

void AutomationStatusView::setItem(int step, int item)
{
    m_step = step;
    m_item = item;
    refresh();
}

void AutomationStatusView::refresh()
{
    const bool valid = m_session && m_step >= 0 && m_step < m_session->engine().stepCount()
                       && m_item >= 0
                       && m_item < m_session->checklist().steps.at(m_step).items.size();
    const ChecklistItem *def
        = valid ? &m_session->checklist().steps.at(m_step).items.at(m_item) : nullptr;
    if (!def || !def->isAutomated()) {
        hide();
        m_ageTimer.stop();
        return;
    }
    show();
    const ChecklistStep &step = m_session->checklist().steps.at(m_step);
    const AutomationStatus &r = m_session->engine().step(m_step).items.at(m_item).automation;
    const bool live = !m_session->engine().isClosed();
    const QString colour = phaseColour(r.phase, r.hasSample && r.samplePassed);

    QString state = AutomationStatus::phaseName(r.phase).toUpper();
    if (r.phase == AutomationStatus::Phase::Running && r.hasSample)
        state = r.samplePassed ? tr("PASSING") : tr("FAILING");
    if (r.halted)
        state = tr("HALTED");
    m_heading->setText(QStringLiteral("<span style='color:%1;font-weight:bold'>%2 \u00B7 %3</span>")
                           .arg(colour, itemKindName(def->kind).toUpper(), state));

    // The measured value in large type, with the threshold and the age beside it.
    QString value;
    if (r.hasSample && def->kind != ItemKind::Ramp) {
        const qint64 age = m_session->elapsedMs() - r.sampleElapsedMs;
        value = QStringLiteral("<span style='font-size:22pt;font-weight:bold;color:%1'>%2</span>"
                               "&nbsp;&nbsp;<span style='font-size:13pt'>threshold %3"
                               "&nbsp;\u00B7&nbsp;measured %4 ago%5</span>")
                    .arg(colour, esc(r.valueText.isEmpty() ? tr("no value") : r.valueText),
                         esc(r.threshold), formatAge(age),
                         r.sampleLabel.isEmpty() ? QString()
                                                 : QStringLiteral(" \u00B7 ") + esc(r.sampleLabel));
    } else if (def->kind == ItemKind::Check) {
        value = QStringLiteral("<span style='font-size:13pt'>threshold %1</span>")
                    .arg(esc(
                        expandVariables(def->check.thresholdText(), m_session->textVariables())));
    }
    if (def->kind == ItemKind::Ramp) {
        QStringList stages;
        for (int i = 0; i < def->ramp.weights.size(); ++i) {
            const double w = def->ramp.weights.at(i);
            QString mark = QString::number(w) + u'%';
            if (i < r.stagesHeld)
                mark = QStringLiteral("<span style='color:#5fd38d'>%1 \u2714</span>").arg(mark);
            else if (w == r.weight && r.phase == AutomationStatus::Phase::Running)
                mark = QStringLiteral("<span style='color:#7cc4ff'>\u25B6 %1 holding</span>")
                           .arg(mark);
            else if (w == r.weight && r.halted)
                mark = QStringLiteral("<span style='color:#ff7b6b'>\u2716 %1</span>").arg(mark);
            stages << mark;
        }
        value = QStringLiteral("<span style='font-size:16pt'>%1</span>")
                    .arg(stages.join(QStringLiteral(" \u2192 ")));
        // Every watched check with its own last value, threshold and age, not just the last one.
        for (const AutomationStatus::Reading &reading : r.readings) {
            const QString c
                = reading.passed ? QStringLiteral("#5fd38d") : QStringLiteral("#ff7b6b");
            value
                += QStringLiteral("<br><span style='font-size:15pt;font-weight:bold;color:%1'>"
                                  "%2 %3</span>&nbsp;&nbsp;<span style='font-size:12pt'>%4"
                                  "&nbsp;\u00B7&nbsp;threshold %5&nbsp;\u00B7&nbsp;%6 ago"
                                  "</span>")
                       .arg(c, reading.passed ? QStringLiteral("\u2714") : QStringLiteral("\u2716"),
                            esc(reading.valueText), esc(reading.label), esc(reading.threshold),
                            formatAge(m_session->elapsedMs() - reading.elapsedMs));
        }
        if (r.weight >= 0)
            value
                += QStringLiteral("<br><span style='font-size:13pt'>traffic weight now %1%</span>")
                       .arg(r.weight);
    }
    m_value->setText(value);
    m_value->setVisible(!value.isEmpty());

    QStringList lines;
    if (r.phase == AutomationStatus::Phase::Idle && m_runner) {
        const BuiltRequest preview = m_runner->preview(step.id, def->id);
        if (preview.ok())
            lines << QStringLiteral("<tt>%1</tt>").arg(esc(preview.display.section(u'\n', 0, 0)));
        else
            lines
                << QStringLiteral("<span style='color:#ff7b6b'>%1</span>").arg(esc(preview.error));
    }
    if (!r.request.isEmpty())
        lines << tr("Last request: <tt>%1 %2</tt>%3")
                     .arg(esc(r.request.value(QLatin1String("method")).toString()),
                          esc(r.request.value(QLatin1String("url")).toString()),
                          r.requestOpen ? tr(" \u2014 <b>in flight</b>") : QString());
    if (!r.polledValue.isEmpty() && def->kind == ItemKind::Action)
        value
            = QStringLiteral("<span style='font-size:18pt;font-weight:bold;color:%1'>%2 = %3</span>"
                             "&nbsp;&nbsp;<span style='font-size:13pt'>waiting for %4 %5</span>")
                  .arg(colour, esc(def->action.poll.until.pointer), esc(r.polledValue),
                       Condition::opSymbol(def->action.poll.until.op),
                       esc(def->action.poll.until.value.toVariant().toString()));
    m_value->setText(value);
    m_value->setVisible(!value.isEmpty());
    if (!r.lastResult.isEmpty())
        lines
            << tr("Answer: %1 at %2").arg(esc(r.lastResult), formatElapsed(r.lastResultElapsedMs));
    if (!r.sampleError.isEmpty())
        lines << QStringLiteral("<span style='color:#ff7b6b'>%1</span>").arg(esc(r.sampleError));
    if (!r.reason.isEmpty())
        lines
            << QStringLiteral("<span style='color:%1'><b>%2</b></span>").arg(colour, esc(r.reason));
    if (r.phase == AutomationStatus::Phase::Unknown)
        lines << tr("Check the service first. <b>Re-send</b> repeats the request with its "
                    "Idempotency-Key, so a service that already did it will not do it twice; or "
                    "confirm the item by hand with what you saw.");
    if (r.runCount > 1)
        lines << tr("Run %1 of this item").arg(r.runCount);
    m_details->setText(lines.join(QStringLiteral("<br>")));

    const bool running = r.phase == AutomationStatus::Phase::Running
                         || (m_runner && m_runner->isActive(step.id, def->id));
    const bool itemOpen
        = m_session->engine().step(m_step).items.at(m_item).state == ItemState::Open;
    QString runText = def->kind == ItemKind::Check  ? tr("\u25B6 Start check")
                      : def->kind == ItemKind::Ramp ? tr("\u25B6 Start ramp")
                                                    : tr("\u25B6 Send request");
    if (r.phase == AutomationStatus::Phase::Failed)
        runText = tr("\u25B6 Run again");
    m_run->setText(runText + tr("  (Ctrl+R)"));
    m_run->setVisible(live && itemOpen && !running
                      && (r.phase != AutomationStatus::Phase::Unknown || def->kind != ItemKind::Action));
    m_resend->setVisible(live && itemOpen && r.phase == AutomationStatus::Phase::Unknown
                         && def->kind == ItemKind::Action);
    m_stop->setText(def->kind == ItemKind::Ramp ? tr("\u25A0 Halt ramp here\u2026")
                                                : tr("\u25A0 Stop\u2026"));
    m_stop->setVisible(live && running && m_runner && m_runner->isActive(step.id, def->id)
                       && !(r.requestOpen && r.requestPhase != QLatin1String("poll")));
    m_rollback->setText(tr("\u21A9 Set weight back to %1%").arg(def->ramp.rollbackWeight));
    m_rollback->setVisible(live && def->kind == ItemKind::Ramp && r.halted && !running
                           && r.weight != def->ramp.rollbackWeight);
    if (r.hasSample && running)
        m_ageTimer.start();
    else
        m_ageTimer.stop();
}

} // namespace warroom
