#pragma once

// Running the warroom binary (or a test helper) as a user would, for the suites that check what a
// person sees on the terminal. Header-only; the suite defines the path it runs.

#include <QProcess>
#include <QStringList>

namespace warroom::test {

struct ProcessRun
{
    int exitCode = -1; // -1: it crashed, hung or never started
    QString out;
    QString err;
};

inline ProcessRun runProgram(const QString &program, const QStringList &args,
                             int timeoutMs = 60000)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return {-1, QString::fromUtf8(p.readAllStandardOutput()),
                QStringLiteral("did not finish within %1 ms").arg(timeoutMs)};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace warroom::test
