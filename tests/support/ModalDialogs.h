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

// Runs `act` once on the first modal dialog of type T that shows while this object lives: for a
// dialog that may not come, where whenDialogShows would be left waiting and act on a later test's
// dialog with what it captured long gone.
template<typename T>
class AnswerIfAsked
{
public:
    explicit AnswerIfAsked(std::function<void(T *)> act)
    {
        m_timer.setInterval(20);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this, act] {
            if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
                m_timer.stop();
                act(dialog);
            }
        });
        m_timer.start();
    }

private:
    QTimer m_timer;
};

// Chooses `path` in Qt's own file dialog as a user would: the name typed over the default, then
// accepted (accept() is protected in QFileDialog).
inline void chooseFile(QFileDialog *files, const QString &path)
{
    files->selectFile(path);
    files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))->setText(path);
    QMetaObject::invokeMethod(files, "accept");
}

} // namespace warroom::test
