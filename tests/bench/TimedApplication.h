#pragma once

#include <QApplication>
#include <QElapsedTimer>

#include <cstdio>

namespace warroom::test {

// A QApplication that, with BENCH_GUI_SLOW_MS=N in the environment, writes to stderr every
// delivery of an event from the loop that took N ms or more (receiver class and name, event type,
// ms since the program started): what a lateness figure's worst ticks were spent on. mark()
// stamps a milestone of the run on the same clock.
class TimedApplication : public QApplication
{
public:
    TimedApplication(int &argc, char **argv)
        : QApplication(argc, argv)
    {
        clock();
    }

    static void mark(const char *what)
    {
        if (qEnvironmentVariableIntValue("BENCH_GUI_SLOW_MS") > 0)
            std::fprintf(stderr, "mark: %s at %8.1f ms (monotonic clock %.3f s)\n", what,
                         sinceStart(),
                         static_cast<double>(clock().msecsSinceReference() + clock().elapsed())
                             / 1e3);
    }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_slowMs <= 0 || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const QString what = QStringLiteral("%1 '%2' event %3")
                                 .arg(QString::fromLatin1(receiver->metaObject()->className()),
                                      receiver->objectName())
                                 .arg(static_cast<int>(event->type()));
        const bool done = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (ms >= m_slowMs)
            std::fprintf(stderr, "slow: %8.1f ms at %8.1f ms: %s\n", ms, sinceStart(),
                         qPrintable(what));
        return done;
    }

private:
    static const QElapsedTimer &clock()
    {
        static const QElapsedTimer started = [] {
            QElapsedTimer t;
            t.start();
            return t;
        }();
        return started;
    }
    static double sinceStart() { return static_cast<double>(clock().nsecsElapsed()) / 1e6; }

    double m_slowMs = qEnvironmentVariableIntValue("BENCH_GUI_SLOW_MS");
    int m_depth = 0;
};

} // namespace warroom::test
