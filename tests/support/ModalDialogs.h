#pragma once

#include <QApplication>
#include <QTimer>

#include <functional>

namespace warroom::test {

// Runs `act` on the next modal dialog of type T once it is showing, from inside its exec() loop.
template<typename T>
void whenDialogShows(std::function<void(T *)> act)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, act] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            act(dialog);
        }
    });
    timer->start();
}

} // namespace warroom::test
