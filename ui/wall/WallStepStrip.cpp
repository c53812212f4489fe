#include "ui/wall/WallStepStrip.h"

#include "ui/wall/WallStyle.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

namespace warroom {

WallStepStrip::WallStepStrip(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QGridLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
}

WallStepStrip::Tile WallStepStrip::makeTile()
{
    Tile t{new QFrame(this), nullptr, nullptr, nullptr};
    t.frame->setObjectName(QStringLiteral("wallTile"));
    t.title = new QLabel(t.frame);
    t.title->setObjectName(QStringLiteral("wallTileTitle"));
    t.title->setWordWrap(true);
    t.title->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    t.state = new QLabel(t.frame);
    t.state->setObjectName(QStringLiteral("wallTileState"));
    t.flag = new QLabel(t.frame);
    t.flag->setObjectName(QStringLiteral("wallTileFlag"));
    WallStyle::setTone(t.flag, WallTone::Deferred);
    // Two lines a tile: the title, then its state word and flag side by side (three lines made
    // the strip take the height the timeline's entries needed).
    t.flag->setWordWrap(true);
    auto *stateRow = new QHBoxLayout;
    stateRow->addWidget(t.state, 0, Qt::AlignTop);
    stateRow->addWidget(t.flag, 1, Qt::AlignTop);
    auto *layout = new QVBoxLayout(t.frame);
    layout->setSpacing(0);
    layout->addWidget(t.title, 1);
    layout->addLayout(stateRow);
    // Equal widths: a long title wraps inside its tile instead of widening it.
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    policy.setHorizontalStretch(1);
    t.frame->setSizePolicy(policy);
    return t;
}

void WallStepStrip::setSteps(const QList<WallStepTile> &steps)
{
    if (m_tiles.size() < steps.size()) {
        while (m_tiles.size() < steps.size())
            m_tiles.append(makeTile());
        // Re-laid in checklist order, left to right then the second row.
        const int columns = static_cast<int>((steps.size() + 1) / 2);
        for (int i = 0; i < m_tiles.size(); ++i) {
            m_layout->removeWidget(m_tiles.at(i).frame);
            m_layout->addWidget(m_tiles.at(i).frame, i / columns, i % columns);
        }
        for (int c = 0; c < columns; ++c)
            m_layout->setColumnStretch(c, 1);
    }
    for (qsizetype i = 0; i < m_tiles.size(); ++i) {
        const Tile &t = m_tiles.at(i);
        t.frame->setVisible(i < steps.size());
        if (i >= steps.size())
            continue;
        const WallStepTile &step = steps.at(i);
        t.title->setText(QStringLiteral("%1  %2").arg(step.number).arg(step.shortTitle));
        t.title->setToolTip(step.title);
        t.state->setText(step.current ? QStringLiteral("\u25B6 ") + step.stateWord
                                      : step.stateWord);
        WallStyle::setTone(t.state, step.tone);
        t.flag->setText(step.flagWord);
        t.flag->setVisible(!step.flagWord.isEmpty());
        if (t.frame->property("current").toBool() != step.current) {
            t.frame->setProperty("current", step.current);
            t.frame->style()->unpolish(t.frame);
            t.frame->style()->polish(t.frame);
        }
        WallStyle::setTone(t.frame, step.tone);
    }
}

} // namespace warroom
