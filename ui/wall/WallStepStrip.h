#pragma once

#include "wall/WallState.h"

#include <QWidget>

class QFrame;
class QGridLayout;
class QLabel;

namespace warroom {

// The checklist's steps in two rows: number and short title, the state word in the state's
// colour, and OVERRIDDEN when a step went against the checklist's order. Two rows, because eight
// tiles in one row at the wall's type size leave words like "stakeholders" wider than a tile.
class WallStepStrip : public QWidget
{
    Q_OBJECT

public:
    explicit WallStepStrip(QWidget *parent = nullptr);
    void setSteps(const QList<WallStepTile> &steps);

private:
    struct Tile
    {
        QFrame *frame;
        QLabel *title;
        QLabel *state;
        QLabel *flag;
    };
    Tile makeTile();

    QGridLayout *m_layout;
    QList<Tile> m_tiles;
};

} // namespace warroom
