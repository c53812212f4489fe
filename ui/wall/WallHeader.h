#pragma once

#include "wall/WallState.h"

#include <QWidget>

class QLabel;

namespace warroom {

// The wall's top rows: LIVE or DRILL, the incident's title and commander, the forecast finish
// and the T+ clock.
class WallHeader : public QWidget
{
    Q_OBJECT

public:
    explicit WallHeader(QWidget *parent = nullptr);
    void setState(const WallState &state);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void fitForecast();

    QLabel *m_badge;
    QLabel *m_title;
    QLabel *m_commander;
    QLabel *m_roles; // who holds which role
    QLabel *m_forecast;
    QLabel *m_clock;
    QLabel *m_clockScale; // "×50 drill clock · real 00:00:12", smaller, under the clock
};

} // namespace warroom
