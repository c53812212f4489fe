#include "ui/incident/IncidentHeader.h"

#include "ui/incident/ElidedLabel.h"

#include "session/IncidentSession.h"
#include "ui/incident/PeopleChoices.h"
#include "util/BidiControls.h"
#include "util/TimeFormat.h"
#include "wall/WallRoom.h"

#include <QApplication>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace warroom {

IncidentHeader::IncidentHeader(QWidget *parent)
    : QFrame(parent)
    , m_title(new ElidedLabel(this))
    , m_badge(new QLabel(this))
    , m_commander(new ElidedLabel(this))
    , m_roles(new ElidedLabel(this))
    , m_actor(new QLineEdit(this))
    , m_people(new QStringListModel(this))
    , m_completer(new QCompleter(m_people, this))
    , m_clock(new QLabel(this))
    , m_clockScale(new QLabel(this))
    , m_replayBox(new QWidget(this))
    , m_replayBanner(new QLabel(m_replayBox))
    , m_backToLive(new QPushButton(tr("Back to live (Esc)"), m_replayBox))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("header"));
    m_title->setObjectName(QStringLiteral("incidentTitle"));
    m_clock->setObjectName(QStringLiteral("elapsedClock"));
    m_commander->setObjectName(QStringLiteral("commanderLine"));
    // Its whole line where the row has room, cut only where it has none (an elided label's policy
    // asks for no width, and the line was given none at all).
    m_commander->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_actor->setObjectName(QStringLiteral("actorEdit"));
    setUpPeople();
    m_clock->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_clock->setToolTip(tr("Time since the incident was declared"));
    m_clockScale->setObjectName(QStringLiteral("clockScale"));
    m_clockScale->setAlignment(Qt::AlignRight | Qt::AlignTop);
    m_clockScale->setStyleSheet(QStringLiteral("color: #9aa4b1;"));
    m_clockScale->hide();

    // Two rows beside the clock, whatever the people: the title, then who commands, who acts at
    // this screen and who holds which role on one elided line (at 1280x720 a wrapped roles line
    // took the height the step panel's current item needed).
    auto *left = new QVBoxLayout;
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_badge);
    titleRow->addWidget(m_title, 1);
    left->addLayout(titleRow);
    auto *who = new QHBoxLayout;
    who->addWidget(m_commander);
    who->addSpacing(16);
    auto *actingAs = new QLabel(tr("Acting as:"), this);
    actingAs->setObjectName(QStringLiteral("muted"));
    who->addWidget(actingAs);
    who->addWidget(m_actor);
    who->addSpacing(16);
    who->addWidget(m_roles, 1);
    // Until someone holds a role the roles line is hidden, and its share of the row went to the
    // label and the field: "Acting as:" stood far from the field it names.
    m_actor->setSizePolicy(QSizePolicy::Preferred, m_actor->sizePolicy().verticalPolicy());
    who->addStretch(0);
    left->addLayout(who);

    m_replayBox->setObjectName(QStringLiteral("replayBox"));
    m_replayBanner->setObjectName(QStringLiteral("replayBanner"));
    m_replayBanner->setAlignment(Qt::AlignCenter);
    // Wraps rather than widening the window past a 1280-wide screen.
    m_replayBanner->setWordWrap(true);
    m_backToLive->setObjectName(QStringLiteral("backToLiveButton"));
    m_backToLive->setToolTip(tr("Show the incident as it stands now (Esc, Ctrl+L)"));
    auto *replayLayout = new QHBoxLayout(m_replayBox);
    replayLayout->setContentsMargins(0, 0, 0, 0);
    replayLayout->addWidget(m_replayBanner, 1);
    replayLayout->addWidget(m_backToLive);
    m_replayBox->hide();

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 1);
    // A drill clock's speed and the real time, smaller, under the T+ (as on the wall).
    auto *clockColumn = new QVBoxLayout;
    clockColumn->setSpacing(0);
    clockColumn->addWidget(m_clock);
    clockColumn->addWidget(m_clockScale);
    layout->addLayout(clockColumn);
    layout->addWidget(m_replayBox, 1);

    connect(m_actor, &QLineEdit::editingFinished, this, [this] {
        emit actorEdited(m_actor->text());
        // A name the session refused (empty, or not written plainly): the field shows again
        // the name events are signed with, not one that signs nothing.
        if (m_session && m_actor->text().trimmed() != m_session->actor())
            m_actor->setText(m_session->actor());
    });
    // After the edit is taken (editingFinished follows returnPressed in the same key press).
    connect(m_actor, &QLineEdit::returnPressed, this, [this] {
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_focusBefore && m_focusBefore->isVisible() && m_focusBefore->isEnabled())
                    m_focusBefore->setFocus(Qt::OtherFocusReason);
                m_focusBefore.clear();
            },
            Qt::QueuedConnection);
    });
    connect(m_backToLive, &QPushButton::clicked, this, &IncidentHeader::backToLiveRequested);
    // Four ticks a second keeps the seconds digit from visibly lagging the wall clock.
    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &IncidentHeader::tick);
    refresh();
}

void IncidentHeader::setSession(IncidentSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &IncidentSession::eventsAppended, this, &IncidentHeader::refresh);
        // "X acts as ...": the person now at this screen, not the one who signed last (it named
        // the previous person until the next event).
        connect(m_session, &IncidentSession::actorChanged, this, [this](const QString &actor) {
            m_actor->setText(actor);
            refreshPeople();
        });
    }
    refresh();
}

void IncidentHeader::refresh()
{
    setVisible(m_session);
    if (!m_session) {
        m_timer->stop();
        return;
    }
    const IncidentRecord &inc = m_session->incident();
    m_title->setFullText(inc.title); // typed: shown, not obeyed
    const bool closed = m_session->engine().isClosed();
    const bool drill = inc.mode == IncidentMode::Drill;
    m_badge->setText(closed ? (drill ? tr("DRILL \u00B7 CLOSED") : tr("CLOSED"))
                            : (drill ? tr("DRILL") : tr("LIVE")));
    m_badge->setObjectName(closed  ? QStringLiteral("badgeClosed")
                           : drill ? QStringLiteral("badgeDrill")
                                   : QStringLiteral("badgeLive"));
    m_badge->style()->unpolish(m_badge);
    m_badge->style()->polish(m_badge);
    if (!m_actor->hasFocus())
        m_actor->setText(m_session->actor());
    refreshPeople();
    m_actor->setEnabled(!closed);
    if (closed)
        m_timer->stop();
    else if (!m_timer->isActive())
        m_timer->start();
    tick();
}

qint64 IncidentHeader::realElapsedMs() const
{
    // A closed incident's clock stops at its closing event: that is its measured duration.
    // An ended drill's stops at its end, as the facilitator's does; the room goes on until it
    // closes the incident.
    return m_session->clockReadingMs();
}

qint64 IncidentHeader::liveElapsedMs() const
{
    // A drill's clock as its runner keeps it (T+0, speed) with the pauses left out: the clock
    // froze when the facilitator paused (on this screen or another one sharing the database)
    // and goes on from there after the resume; the wall and the facilitator show the same T+.
    return m_session->screenClock().shownMs(realElapsedMs());
}

void IncidentHeader::setReplayTime(std::optional<qint64> elapsedMs)
{
    m_replayAt = elapsedMs;
    m_clock->setVisible(!m_replayAt);
    m_replayBox->setVisible(m_replayAt.has_value());
    tick();
}

void IncidentHeader::tick()
{
    if (!m_session)
        return;
    const ScreenClock &pauses = m_session->screenClock();
    const ScreenClock::LiveState state = pauses.liveState(m_session->closedAtMs());
    const bool paused = state == ScreenClock::LiveState::Paused;
    const bool ended = state == ScreenClock::LiveState::Ended;
    // A screen that cannot record the end (read-only) says its runner is gone, in words.
    const bool orphaned
        = m_session->isDrillRunnerGone()
          && (state == ScreenClock::LiveState::Running || state == ScreenClock::LiveState::Paused);
    m_clock->setText(pauses.liveText(m_session->elapsedMs(), m_session->closedAtMs())
                     + (orphaned ? tr("  RUNNER GONE") : QString()));
    const QString scale = pauses.scaleText(realElapsedMs());
    m_clockScale->setText(scale);
    m_clockScale->setVisible(!scale.isEmpty());
    m_clock->setToolTip(orphaned ? tr("The app running this drill went away without ending "
                                      "it: this read-only screen cannot record the end, and its "
                                      "clock runs on until a console opens the incident")
                        : ended  ? tr("The drill ended here: its clock stopped, and the incident "
                                       "stays open until the room closes it")
                        : paused ? tr("The drill is paused by its facilitator: the clock stands "
                                      "still and goes on from here after the resume")
                        : pauses.isDrillClock()
                            ? tr("The drill clock (\u00D7%1 from the drill's start), as the wall "
                                 "and the facilitator show it; %2 pause(s) left out")
                                  .arg(pauses.speed())
                                  .arg(pauses.pauseCount())
                        : pauses.pauseCount() > 0
                            ? tr("Time since the drill was declared, its %1 pause(s) left out")
                                  .arg(pauses.pauseCount())
                            : tr("Time since the incident was declared"));
    // Elided: a commander's name as long as a declaration takes (200 characters), with three
    // hours on duty and the suggestion to hand over, widened the window to 2,835 pixels on a
    // 1,280-pixel screen, the clock far off its edge. The whole line is in the tooltip. Only the
    // name is cut: cut at its end, the line lost the time on duty and the handover first.
    const QString named = commanderNamed();
    const QString line = commanderText();
    m_commander->setFullText(named, line.mid(named.size()));
    const QString commander = BidiControls::shown(line);
    m_commander->setToolTip(commander + u'\n'
                            + tr("Declared %1 by %2")
                                  .arg(formatUtc(m_session->incident().declaredUtcMs),
                                       BidiControls::shown(m_session->incident().commander)));
    if (m_replayAt)
        m_replayBanner->setText(
            tr("REPLAY \u2014 %1 of %2")
                .arg(pauses.shownText(*m_replayAt), formatElapsed(liveElapsedMs())));
}

void IncidentHeader::setUpPeople()
{
    m_actor->setToolTip(tr("The person confirming at this screen; every event is signed with it "
                           "and the roles they hold. Ctrl+J: choose from the people on the "
                           "incident, or type a new name"));
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_actor->setCompleter(m_completer);
    // Room for a name of some twenty characters; the roles line takes what is left.
    m_actor->setMinimumWidth(m_actor->fontMetrics().averageCharWidth() * 20);
    m_actor->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_roles->setObjectName(QStringLiteral("rolesLine"));
}

void IncidentHeader::refreshPeople()
{
    const ChecklistEngine &engine = m_session->engine();
    const QString roles = WallRoom::rolesText(engine);
    const QStringList mine = engine.crew().rolesOf(m_session->actor());
    QStringList titles;
    for (const QString &r : mine)
        titles << engine.checklist().roleTitle(r);
    m_roles->setFullText(
        (titles.isEmpty() ? tr("%1 holds no role").arg(m_session->actor())
                          : tr("%1 acts as %2").arg(m_session->actor(),
                                                    titles.join(QStringLiteral(", "))))
        + (roles.isEmpty() ? QString() : QStringLiteral("  \u00B7  ") + roles));
    m_roles->setVisible(!roles.isEmpty()); // once someone holds a role
    const QStringList people = peopleChoices(engine.crew().people());
    if (m_people->stringList() != people)
        m_people->setStringList(people);
}

QString IncidentHeader::commanderNamed() const
{
    if (!m_session)
        return {};
    const ChecklistEngine &engine = m_session->engine();
    const QString commander = engine.crew().commandPeriods().size() > 1
                                  ? engine.crew().commander()
                                  : m_session->incident().commander;
    return tr("Commander: %1").arg(commander);
}

QString IncidentHeader::commanderText() const
{
    if (!m_session)
        return {};
    const ChecklistEngine &engine = m_session->engine();
    const QList<CommandPeriod> &periods = engine.crew().commandPeriods();
    QString text = commanderNamed();
    // On duty, the time on duty matters more than the declaration's (that is in the tooltip).
    if (periods.isEmpty() || engine.isClosed())
        return text
               + tr(" \u00B7 declared %1").arg(formatUtc(m_session->incident().declaredUtcMs));
    const ScreenClock &clock = m_session->screenClock();
    const qint64 onDuty = liveElapsedMs() - clock.shownMs(periods.constLast().fromElapsedMs);
    text += QStringLiteral(" \u00B7 ") + WallRoom::dutyText(engine, clock, realElapsedMs());
    // Fatigue: a suggestion, never a block (the checklist's rotation time, 3 h by default). Its
    // key, not its menu's path: kept whole beside a long name, the path left the name ten
    // characters on a 1,280-pixel screen.
    if (onDuty >= qint64(engine.checklist().rotationMinutes) * 60'000)
        text += tr(" \u00B7 consider a handover (Ctrl+Shift+O)");
    return text;
}

QString IncidentHeader::rolesText() const
{
    return m_roles->fullText();
}

void IncidentHeader::chooseActor()
{
    if (!m_session || !m_actor->isEnabled())
        return;
    if (QWidget *focus = QApplication::focusWidget(); focus && focus != m_actor)
        m_focusBefore = focus;
    m_actor->setFocus(Qt::ShortcutFocusReason);
    m_actor->selectAll();
    m_completer->setCompletionPrefix(QString());
    m_completer->complete();
}

QString IncidentHeader::clockText() const
{
    return m_clock->text();
}

QString IncidentHeader::replayBannerText() const
{
    return m_replayAt ? m_replayBanner->text() : QString();
}

} // namespace warroom
