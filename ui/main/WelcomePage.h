#pragma once

#include <QWidget>

namespace warroom {

// What the screen shows when no incident is open: the two ways to get one.
class WelcomePage : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);

signals:
    void declareRequested();
    void openRequested();
};

} // namespace warroom
