#pragma once

#include "wall/WallState.h"

#include <QFrame>

class QLabel;

namespace warroom {

class WallFittedLabel;

// The step that wants attention, its current item in the wall's largest type (wrapped, never
// elided), and the live value of the check, ramp or job under way.
class WallCurrentPanel : public QFrame
{
    Q_OBJECT

public:
    explicit WallCurrentPanel(QWidget *parent = nullptr);
    void setState(const WallState &state);

private:
    void setMeasurement(const WallMeasurement &m);

    QLabel *m_stepHeading;
    QLabel *m_stepState;
    QLabel *m_item;
    QLabel *m_poll; // the go/no-go poll of the current step, when one is due
    QWidget *m_measure;
    QLabel *m_measureHeading;
    QLabel *m_value;
    WallFittedLabel *m_detail; // threshold, age, a reason: what fits, the rest on the console
    QLabel *m_stages;
    QLabel *m_readings;
};

} // namespace warroom
