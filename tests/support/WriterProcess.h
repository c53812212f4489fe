#pragma once

// One timeline_writer_helper process (tests/support/timeline_writer_helper.cpp), a stand-in for
// the app's process, driven a line at a time and killed at will (tst_durability, tst_pglive).
// The suite defines WARROOM_WRITER_HELPER, the helper's path. Header-only.

#include "support/TestStrings.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace warroom::test {

class WriterProcess
{
public:
    explicit WriterProcess(const QStringList &args, const QProcessEnvironment &env = {})
    {
        if (!env.isEmpty())
            m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(WARROOM_WRITER_HELPER), args);
    }
    ~WriterProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    WriterProcess(const WriterProcess &) = delete;
    WriterProcess &operator=(const WriterProcess &) = delete;

    // The next line that starts with one of `prefixes`, spinning the event loop meanwhile so a
    // server or a following session living in the test process keeps going. Other lines are
    // kept in seen().
    QString next(const QStringList &prefixes, int timeoutMs = 15000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            while (m_process.canReadLine()) {
                const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
                m_seen << line;
                for (const QString &p : prefixes) {
                    if (line.startsWith(p))
                        return line;
                }
            }
            if (m_process.state() == QProcess::NotRunning)
                return QStringLiteral("exited: ") + QString::fromUtf8(m_process.readAllStandardError());
            QTest::qWait(5);
        }
        return QStringLiteral("timeout");
    }
    void send(const QString &command) { m_process.write(command.toUtf8() + '\n'); }
    QString ask(const QString &command)
    {
        send(command);
        return next({s("ok"), s("refused"), s("poked"), s("lost"), s("unknown")});
    }
    void killHard()
    {
        ::kill(static_cast<pid_t>(m_process.processId()), SIGKILL);
        m_process.waitForFinished(5000);
    }
    qint64 pid() const { return m_process.processId(); }
    const QStringList &seen() const { return m_seen; }
    void write(const QByteArray &bytes) { m_process.write(bytes); }
    void closeInput() { m_process.closeWriteChannel(); }
    bool waitForExit()
    {
        QDeadlineTimer deadline(10000);
        while (m_process.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(10);
        return m_process.state() == QProcess::NotRunning && m_process.exitCode() == 0;
    }

private:
    QProcess m_process;
    QStringList m_seen;
};

} // namespace warroom::test
