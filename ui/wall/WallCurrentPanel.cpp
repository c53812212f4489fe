#include "ui/wall/WallCurrentPanel.h"

#include "ui/wall/WallFittedLabel.h"
#include "ui/wall/WallStyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace warroom {

namespace {

QLabel *wrapped(const char *name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

WallCurrentPanel::WallCurrentPanel(QWidget *parent)
    : QFrame(parent)
    , m_stepHeading(wrapped("wallStepHeading", this))
    , m_stepState(wrapped("wallStepState", this))
    , m_item(wrapped("wallItem", this))
    , m_poll(wrapped("wallPoll", this))
    , m_measure(new QWidget(this))
    , m_measureHeading(wrapped("wallMeasureHeading", m_measure))
    , m_value(wrapped("wallValue", m_measure))
    , m_detail(new WallFittedLabel(m_measure))
    , m_stages(wrapped("wallRampStages", m_measure))
    , m_readings(wrapped("wallReadings", m_measure))
{
    setObjectName(QStringLiteral("wallCurrent"));
    m_detail->setObjectName(QStringLiteral("wallMeasureDetail"));
    m_stepState->setWordWrap(false);
    auto *stepRow = new QHBoxLayout;
    stepRow->addWidget(m_stepHeading, 1);
    stepRow->addWidget(m_stepState, 0, Qt::AlignTop);

    // One line when it fits: what runs and its state, the value, then threshold and age.
    auto *valueRow = new QHBoxLayout;
    valueRow->addWidget(m_measureHeading, 0, Qt::AlignVCenter);
    valueRow->addWidget(m_value, 0, Qt::AlignVCenter);
    valueRow->addWidget(m_detail, 1, Qt::AlignVCenter);
    auto *measure = new QVBoxLayout(m_measure);
    measure->setContentsMargins(0, 0, 0, 0);
    measure->setSpacing(0);
    measure->addLayout(valueRow);
    measure->addWidget(m_stages);
    measure->addWidget(m_readings);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(stepRow);
    layout->addWidget(m_item);
    layout->addWidget(m_poll);
    layout->addWidget(m_measure);
    // The value is a number or a word, kept whole. The heading wraps: a run in another step
    // names that step's item in it ("ACTION · SUCCEEDED · step 7: Internal update sent …"), and
    // on one line it widened the wall past the screen, the clock off its right edge.
    m_value->setWordWrap(false);
}

void WallCurrentPanel::setState(const WallState &state)
{
    m_stepHeading->setText(state.stepHeading);
    m_stepState->setText(state.stepStateWord);
    WallStyle::setTone(m_stepState, state.stepTone);
    m_item->setText(state.itemText);
    m_item->setVisible(!state.itemText.isEmpty());
    // Under the item only when the poll is before that item; WallView shows any other apart.
    m_poll->setText(state.poll);
    m_poll->setVisible(!state.poll.isEmpty() && state.pollOnCurrentItem);
    WallStyle::setTone(m_poll, state.pollTone);
    setMeasurement(state.measurement);
}

void WallCurrentPanel::setMeasurement(const WallMeasurement &m)
{
    m_measure->setVisible(m.shown);
    if (!m.shown)
        return;
    m_measureHeading->setText(m.heading);
    WallStyle::setTone(m_measureHeading, m.tone);
    m_value->setText(m.value);
    m_value->setVisible(!m.value.isEmpty());
    WallStyle::setTone(m_value, m.tone);
    m_detail->setFullText(m.detail);
    m_detail->setVisible(!m.detail.isEmpty());
    m_stages->setText(m.stages);
    m_stages->setVisible(!m.stages.isEmpty());
    m_readings->setText(m.readings.join(u'\n'));
    m_readings->setVisible(!m.readings.isEmpty());
}

} // namespace warroom
