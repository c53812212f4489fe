#include "ui/incident/AutomationStatusView.h"

#include "automation/AutomationRunner.h"
#include "session/IncidentSession.h"
#include "timeline/EventVocabulary.h"
#include "util/BidiControls.h"
#include "util/TimeFormat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace warroom {

namespace {

// The tone of a run's state, for the heading's "tone" property and colour().
QString phaseTone(AutomationStatus::Phase phase, bool passing)
{
    switch (phase) {
    case AutomationStatus::Phase::Succeeded:
        return QStringLiteral("pass");
    case AutomationStatus::Phase::Failed:
        return QStringLiteral("fail");
    case AutomationStatus::Phase::Unknown:
        return QStringLiteral("unknown");
    case AutomationStatus::Phase::Running:
        return passing ? QStringLiteral("pass") : QStringLiteral("running");
    case AutomationStatus::Phase::Idle:
        break;
    }
    return QStringLiteral("idle");
}

// Every text here from a file, an answer or typing goes through this: escaped for the rich
// text, and a bidirectional control in it (a backend's answer could carry one) shown, not obeyed.
QString esc(const QString &s)
{
    return BidiControls::shown(s).toHtmlEscaped();
}

} // namespace

AutomationStatusView::AutomationStatusView(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_value(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_details(new QLabel(this))
    , m_run(new QPushButton(this))
    , m_resend(new QPushButton(tr("\u21BB Re-send with the same key  (Ctrl+Shift+R)"), this))
    , m_stop(new QPushButton(this))
    , m_rollback(new QPushButton(this))
{
    setObjectName(QStringLiteral("automationStatus"));
    m_heading->setObjectName(QStringLiteral("runHeading"));
    m_value->setObjectName(QStringLiteral("runValue"));
    m_value->setTextFormat(Qt::RichText);
    m_progress->setObjectName(QStringLiteral("jobProgress"));
    m_progress->setRange(0, 100);
    m_progress->setFormat(tr("job %p% done"));
    m_progress->setMinimumHeight(28);
    m_progress->hide();
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
    layout->addWidget(m_progress);
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
    // A run is let go only after its last event is stored, so the refresh that event caused
    // still saw it active; its end is the moment "Run again" and friends become available.
    if (runner)
        connect(runner, &AutomationRunner::runEnded, this, &AutomationStatusView::refresh,
                Qt::UniqueConnection);
    m_step = m_item = -1;
    refresh();
}

void AutomationStatusView::setItem(int step, int item)
{
    m_step = step;
    m_item = item;
    refresh();
}

void AutomationStatusView::setRefusalShownBelow(const QString &refusal)
{
    if (refusal == m_refusalBelow)
        return;
    m_refusalBelow = refusal;
    refresh();
}

QString AutomationStatusView::colour(const QString &tone) const
{
    const QColor c = tone == QLatin1String("pass")      ? m_passColor
                     : tone == QLatin1String("fail")    ? m_failColor
                     : tone == QLatin1String("unknown") ? m_unknownColor
                     : tone == QLatin1String("running") ? m_runningColor
                                                        : m_idleColor;
    return c.name();
}

const ChecklistItem *AutomationStatusView::shownItem() const
{
    const bool valid = m_session && m_step >= 0 && m_step < m_session->engine().stepCount()
                       && m_item >= 0
                       && m_item < m_session->checklist().steps.at(m_step).items.size();
    return valid ? &m_session->checklist().steps.at(m_step).items.at(m_item) : nullptr;
}

void AutomationStatusView::refresh()
{
    const ChecklistItem *def = shownItem();
    if (!def || !def->isAutomated()) {
        hide();
        m_ageTimer.stop();
        return;
    }
    // The tone colours are set by the style sheet, which is applied when a widget is polished.
    ensurePolished();
    show();
    const AutomationStatus &r = m_session->engine().step(m_step).items.at(m_item).automation;
    const QString tone = phaseTone(r.phase, r.hasSample && r.samplePassed);
    showState(*def, r, tone);
    showValue(*def, r, tone);
    showProgress(*def, r);
    showDetails(*def, r, tone);
    showButtons(*def, r);
    // Every age shown ("measured 12 s ago") is counted from the incident's clock, so it goes on
    // counting after the run ended: a value that stopped at "0 s ago" looks live when it is not.
    const bool showsAge = r.hasSample || !r.readings.isEmpty();
    if (showsAge && !m_session->engine().isClosed())
        m_ageTimer.start();
    else
        m_ageTimer.stop();
}

void AutomationStatusView::showState(const ChecklistItem &def, const AutomationStatus &r,
                                     const QString &tone)
{
    QString state = AutomationStatus::phaseName(r.phase).toUpper();
    if (r.phase == AutomationStatus::Phase::Running && r.hasSample)
        state = r.samplePassed ? tr("PASSING") : tr("FAILING");
    if (r.halted)
        state = tr("HALTED");
    m_heading->setText(QStringLiteral("%1 \u00B7 %2").arg(itemKindName(def.kind).toUpper(), state));
    if (m_heading->property("tone").toString() != tone) {
        m_heading->setProperty("tone", tone);
        m_heading->style()->unpolish(m_heading);
        m_heading->style()->polish(m_heading);
    }
}

void AutomationStatusView::showValue(const ChecklistItem &def, const AutomationStatus &r,
                                     const QString &tone)
{
    // The measured value in large type, with the threshold and the age beside it; a ramp shows
    // its stages, an action polling a job the value it waits on.
    QString value;
    if (def.kind == ItemKind::Action && !r.polledValue.isEmpty())
        value = pollText(def, r, tone);
    else if (def.kind == ItemKind::Ramp)
        value = rampText(def, r);
    else if (r.hasSample)
        value = sampleText(r, tone);
    else if (def.kind == ItemKind::Check)
        value
            = QStringLiteral("<span style='font-size:13pt'>threshold %1</span>")
                  .arg(esc(expandVariables(def.check.thresholdText(), m_session->textVariables())));
    m_value->setText(value);
    m_value->setVisible(!value.isEmpty());
}

QString AutomationStatusView::sampleText(const AutomationStatus &r, const QString &tone) const
{
    const qint64 age = m_session->elapsedMs() - r.sampleElapsedMs;
    return QStringLiteral("<span style='font-size:22pt;font-weight:bold;color:%1'>%2</span>"
                          "&nbsp;&nbsp;<span style='font-size:13pt'>threshold %3"
                          "&nbsp;\u00B7&nbsp;measured %4 ago%5</span>")
        .arg(colour(tone), esc(r.valueText.isEmpty() ? tr("no value") : r.valueText),
             esc(r.threshold), formatAge(age),
             r.sampleLabel.isEmpty() ? QString() : QStringLiteral(" \u00B7 ") + esc(r.sampleLabel));
}

QString AutomationStatusView::rampText(const ChecklistItem &def, const AutomationStatus &r) const
{
    QStringList stages;
    for (int i = 0; i < def.ramp.weights.size(); ++i) {
        const double w = def.ramp.weights.at(i);
        QString mark = QString::number(w) + u'%';
        if (i < r.stagesHeld)
            mark = QStringLiteral("<span style='color:%1'>%2 \u2714</span>")
                       .arg(colour(QStringLiteral("pass")), mark);
        else if (w == r.weight && r.phase == AutomationStatus::Phase::Running)
            mark = QStringLiteral("<span style='color:%1'>\u25B6 %2 holding</span>")
                       .arg(colour(QStringLiteral("running")), mark);
        else if (i == r.haltedStage())
            mark = QStringLiteral("<span style='color:%1'>\u2716 %2</span>")
                       .arg(colour(QStringLiteral("fail")), mark);
        stages << mark;
    }
    QString value = QStringLiteral("<span style='font-size:16pt'>%1</span>")
                        .arg(stages.join(QStringLiteral(" \u2192 ")));
    // Every watched check with its own last value, threshold and age, not just the last one.
    for (const AutomationStatus::Reading &reading : r.readings) {
        value += QStringLiteral("<br><span style='font-size:15pt;font-weight:bold;color:%1'>"
                                "%2 %3</span>&nbsp;&nbsp;<span style='font-size:12pt'>%4"
                                "&nbsp;\u00B7&nbsp;threshold %5&nbsp;\u00B7&nbsp;%6 ago"
                                "</span>")
                     .arg(colour(reading.passed ? QStringLiteral("pass") : QStringLiteral("fail")),
                          reading.passed ? QStringLiteral("\u2714") : QStringLiteral("\u2716"),
                          esc(reading.valueText), esc(reading.label), esc(reading.threshold),
                          formatAge(m_session->elapsedMs() - reading.elapsedMs));
    }
    if (r.weight >= 0)
        value += QStringLiteral("<br><span style='font-size:13pt'>traffic weight now %1%</span>")
                     .arg(r.weight);
    return value;
}

QString AutomationStatusView::pollText(const ChecklistItem &def, const AutomationStatus &r,
                                       const QString &tone) const
{
    // Words for people: "job state is failed (wanted succeeded)", not "/state = failed".
    const Condition &until = def.action.poll.until;
    const QString field = tr("job %1").arg(Condition::pointerWords(until.pointer));
    const QString wanted = expandVariables(until.wantedText(), m_session->textVariables());
    QString tail;
    switch (r.phase) {
    case AutomationStatus::Phase::Running:
        tail = tr("waiting for %1").arg(esc(wanted));
        break;
    case AutomationStatus::Phase::Succeeded:
        tail = tr("as wanted");
        break;
    case AutomationStatus::Phase::Unknown:
        tail = tr("when last read; wanted %1").arg(esc(wanted));
        break;
    default:
        tail = tr("(wanted %1)").arg(esc(wanted));
        break;
    }
    return QStringLiteral("<span style='font-size:18pt;font-weight:bold;color:%1'>%2</span>"
                          "&nbsp;&nbsp;<span style='font-size:13pt'>%3</span>")
        .arg(colour(tone), tr("%1 is %2").arg(esc(field), esc(r.polledValue)), tail);
}

void AutomationStatusView::showProgress(const ChecklistItem &def, const AutomationStatus &r)
{
    const bool shown = def.kind == ItemKind::Action && !def.action.poll.progressPointer.isEmpty()
                       && r.progress >= 0;
    m_progress->setVisible(shown);
    if (!shown)
        return;
    m_progress->setValue(static_cast<int>(r.progress));
    // A bar that stopped short says why in its own text, not only in the colour around it.
    if (r.phase == AutomationStatus::Phase::Running)
        m_progress->setFormat(tr("job %p% done"));
    else if (r.phase == AutomationStatus::Phase::Succeeded)
        m_progress->setFormat(tr("job %p% done \u2714"));
    else
        m_progress->setFormat(
            tr("job stopped at %p% (%1)").arg(AutomationStatus::phaseName(r.phase)));
}

void AutomationStatusView::showDetails(const ChecklistItem &def, const AutomationStatus &r,
                                       const QString &tone)
{
    const QString fail = colour(QStringLiteral("fail"));
    QStringList lines;
    if (r.phase == AutomationStatus::Phase::Idle && m_runner) {
        const BuiltRequest preview
            = m_runner->preview(m_session->checklist().steps.at(m_step).id, def.id);
        if (preview.ok())
            lines << QStringLiteral("<tt>%1</tt>").arg(esc(preview.display.section(u'\n', 0, 0)));
        else if (!m_refusalBelow.contains(preview.error))
            lines
                << QStringLiteral("<span style='color:%1'>%2</span>").arg(fail, esc(preview.error));
    }
    if (!r.request.isEmpty())
        lines << tr("Last request: <tt>%1 %2</tt>%3")
                     .arg(esc(r.request.value(PayloadKey::Method).toString()),
                          esc(r.request.value(PayloadKey::Url).toString()),
                          r.requestOpen ? tr(" \u2014 <b>in flight</b>") : QString());
    // A request that got no answer ended the run with that error as its reason, shown below:
    // said once, not as the answer and again as the reason.
    const ScreenClock &clock = m_session->screenClock(); // the room's T+, as the header's
    if (!r.lastResult.isEmpty() && r.lastResult == r.reason)
        lines << tr("No answer at %1").arg(clock.shownText(r.lastResultElapsedMs));
    else if (!r.lastResult.isEmpty())
        lines << tr("Answer: %1 at %2")
                     .arg(esc(r.lastResult), clock.shownText(r.lastResultElapsedMs));
    if (!r.sampleError.isEmpty())
        lines << QStringLiteral("<span style='color:%1'>%2</span>").arg(fail, esc(r.sampleError));
    if (!r.reason.isEmpty())
        lines << QStringLiteral("<span style='color:%1'><b>%2</b></span>")
                     .arg(colour(tone), esc(r.reason));
    if (r.lastCurlCode == CurlCodeValue::CouldNotConnect) {
        // The drill backend listens on this machine only: a drill pointed at a staging host is
        // told what a live incident is told.
        const bool local
            = AutomationRunner::isOnThisMachine(r.request.value(PayloadKey::Url).toString());
        lines << (m_session->incident().mode == IncidentMode::Drill && local
                      ? tr("Nothing answered at that address. For a drill, is the drill backend "
                           "running? Start it with <tt>warroom sim</tt>, then run again.")
                      : tr("Nothing answered at that address: is the service up, and is the "
                           "checklist's address for it right?"));
    }
    if (r.phase == AutomationStatus::Phase::Unknown)
        lines << tr("Check the service first. <b>Re-send</b> repeats the request with its "
                    "Idempotency-Key, so a service that already did it will not do it twice; or "
                    "confirm the item by hand with what you saw.");
    if (r.runCount > 1)
        lines << tr("Run %1 of this item").arg(r.runCount);
    lines << elsewhereText(def, r);
    lines.removeAll(QString());
    m_details->setText(lines.join(QStringLiteral("<br>")));
    m_details->setVisible(!lines.isEmpty()); // an empty label still takes its margins' height
}

QString AutomationStatusView::elsewhereText(const ChecklistItem &def,
                                            const AutomationStatus &r) const
{
    // A run another screen started: Stop was off here without a word, and a run whose screen
    // had died showed as running on every other screen with nothing saying why.
    if (r.phase != AutomationStatus::Phase::Running || !m_runner
        || m_runner->isActive(m_session->checklist().steps.at(m_step).id, def.id))
        return {};
    const TimelineEvent *start = m_session->runStart(r.runId);
    if (!start)
        return {};
    // Named by who signed it: every screen signs as the commander until told otherwise, so "Alice
    // Chen's screen" read as this one on Alice's second screen.
    const QString whose
        = (start->payload.value(PayloadKey::Resend).toBool()
               ? tr("Run re-sent on another screen by %1 at %2: only that screen can stop it.")
               : tr("Run started on another screen by %1 at %2: only that screen can stop it."))
              .arg(esc(BidiControls::shown(start->actor)),
                   m_session->screenClock().shownText(start->elapsedMs));
    // A shared incident's screens keep a heartbeat (`owner`); a database file has none.
    return whose + u' '
           + (start->payload.contains(PayloadKey::Owner)
                  ? tr("Should that screen stop answering, the first screen to notice closes the "
                       "run within seconds.")
                  : tr("Should that screen have stopped, the run shows as running until warroom "
                       "opens this database with no other window open, which marks it cut "
                       "short."));
}

void AutomationStatusView::showButtons(const ChecklistItem &def, const AutomationStatus &r)
{
    // Which buttons show is the runner's answer; this only words them.
    const AutomationRunner::AvailableCommands can
        = m_runner ? m_runner->availableCommands(m_session->checklist().steps.at(m_step).id, def.id)
                   : AutomationRunner::AvailableCommands{};
    QString runText = def.kind == ItemKind::Check  ? tr("\u25B6 Start check")
                      : def.kind == ItemKind::Ramp ? tr("\u25B6 Start ramp")
                                                   : tr("\u25B6 Send request");
    if (r.phase == AutomationStatus::Phase::Failed)
        runText = tr("\u25B6 Run again");
    // A go/no-go poll not yet all GO refuses the run: the button says so and loses its bright
    // blue, instead of inviting a press that is refused (it stayed blue after a NO-GO).
    const QString waiting = m_session->engine().pollRefusal(m_step, m_item);
    if (!waiting.isEmpty())
        runText = tr("Waits for GO from every role");
    m_run->setText(runText + tr("  (Ctrl+R)"));
    m_run->setToolTip(waiting);
    if (m_run->property("waiting").toBool() != !waiting.isEmpty()) {
        m_run->setProperty("waiting", !waiting.isEmpty());
        m_run->style()->unpolish(m_run);
        m_run->style()->polish(m_run);
    }
    m_run->setVisible(can.start);
    m_resend->setVisible(can.resend);
    // Each button names its key (IncidentActions holds the same commands), as Run does.
    m_stop->setText(def.kind == ItemKind::Ramp ? tr("\u25A0 Halt ramp here\u2026  (Ctrl+Shift+H)")
                                               : tr("\u25A0 Stop\u2026  (Ctrl+Shift+H)"));
    m_stop->setVisible(can.stop);
    m_rollback->setText(
        tr("\u21A9 Set weight back to %1%  (Ctrl+Shift+B)").arg(def.ramp.rollbackWeight));
    m_rollback->setVisible(can.rollbackRamp);
}

} // namespace warroom
