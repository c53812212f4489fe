#pragma once

#include <QApplication>
#include <QFileDialog>
#include <QLineEdit>
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

// Chooses `path` in Qt's own file dialog as a user would: the name typed over the default, then
// accepted (accept() is protected in QFileDialog).
inline void chooseFile(QFileDialog *files, const QString &path)
{
    files->selectFile(path);
    files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))->setText(path);
    QMetaObject::invokeMethod(files, "accept");
}

} // namespace warroom::test
