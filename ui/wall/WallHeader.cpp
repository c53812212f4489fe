#include "ui/wall/WallHeader.h"

#include "ui/wall/WallStyle.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace warroom {

namespace {

QLabel *makeLabel(const char *name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    return label;
}

} // namespace

WallHeader::WallHeader(QWidget *parent)
    : QWidget(parent)
    , m_badge(makeLabel("wallBadge", this))
    , m_title(makeLabel("wallTitle", this))
    , m_commander(makeLabel("wallCommander", this))
    , m_roles(makeLabel("wallRoles", this))
    , m_forecast(makeLabel("wallForecast", this))
    , m_clock(makeLabel("wallClock", this))
    , m_clockScale(makeLabel("wallClockScale", this))
{
    m_title->setWordWrap(true);
    m_commander->setWordWrap(true);
    m_roles->setWordWrap(true);
    m_badge->setAlignment(Qt::AlignCenter);
    m_forecast->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_clock->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_clockScale->setAlignment(Qt::AlignRight | Qt::AlignTop);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_badge, 0, 0);
    layout->addWidget(m_title, 0, 1);
    // The drill clock's speed and the real time sit under the T+ in smaller type: the room
    // reads one T+ (the drill clock, as the console and the facilitator show it).
    auto *clockColumn = new QVBoxLayout;
    clockColumn->setSpacing(0);
    clockColumn->addWidget(m_clock);
    clockColumn->addWidget(m_clockScale);
    layout->addLayout(clockColumn, 0, 2);
    layout->addWidget(m_commander, 1, 0, 1, 2);
    layout->addWidget(m_forecast, 1, 2);
    layout->addWidget(m_roles, 2, 0, 1, 3);
    layout->setColumnStretch(1, 1);
}

void WallHeader::setState(const WallState &state)
{
    m_badge->setText(state.modeWord);
    WallStyle::setTone(m_badge, state.modeTone);
    m_title->setText(state.title);
    m_commander->setText(state.duty.isEmpty() || state.commander.isEmpty()
                             ? state.commander
                             : state.commander + QStringLiteral(" \u00B7 ") + state.duty);
    m_roles->setText(state.roles);
    m_roles->setVisible(!state.roles.isEmpty());
    m_forecast->setText(state.forecast);
    WallStyle::setTone(m_forecast, state.forecastTone);
    fitForecast();
    m_clock->setText(state.clock);
    m_clockScale->setText(state.clockScale);
    m_clockScale->setVisible(!state.clockScale.isEmpty());
    WallStyle::setTone(m_clock, state.clockPaused ? WallTone::Deferred : WallTone::Pending);
}

void WallHeader::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitForecast();
}

void WallHeader::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::StyleChange || event->type() == QEvent::FontChange)
        fitForecast();
}

// One line where it fits in two fifths of the header, wrapped past that: "closed; the last step
// finished after the drill ended at T+2 d 3 h (plan T+65)" on one line widened the wall past a
// 1,280-px screen and put the clock off its edge, and always wrapped, "finish ≈ T+52 (plan
// T+65)" broke onto two lines (a wrapping label's hint is a quarter of 80 characters wide).
void WallHeader::fitForecast()
{
    m_forecast->ensurePolished();
    const bool wrap
        = m_forecast->fontMetrics().horizontalAdvance(m_forecast->text()) > width() * 2 / 5;
    if (wrap != m_forecast->wordWrap())
        m_forecast->setWordWrap(wrap);
}

} // namespace warroom
