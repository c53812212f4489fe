#pragma once

// The warroom binary run as a user runs it, for the suites that start it (tests/app, the tamper
// and durability suites). Each of them defines WARROOM_BINARY (and WARROOM_DEMO, to make a drill)
// as the path of the built program; a suite that does not start them does not include this.

#include "support/TestProcess.h"

#include <QStringList>

#ifndef WARROOM_BINARY
#error "WARROOM_BINARY: the suite that includes WarroomCli.h defines the warroom binary's path"
#endif

namespace warroom::test {

inline ProcessRun runWarroom(const QStringList &args)
{
    return runProgram(QStringLiteral(WARROOM_BINARY), args);
}

#ifdef WARROOM_DEMO
// The demo drill written to `db`, exported as JSON to `json`, and that export verified on its own:
// the verify run is returned.
inline ProcessRun exportDemoAndVerify(const QString &db, const QString &json)
{
    QProcess demo;
    demo.start(QStringLiteral(WARROOM_DEMO), {db});
    if (!demo.waitForFinished(30000))
        return {};
    const ProcessRun exported = runWarroom({QStringLiteral("export"), QStringLiteral("--db"), db,
                                            QStringLiteral("--incident"), QStringLiteral("1"),
                                            QStringLiteral("--format"), QStringLiteral("json"),
                                            QStringLiteral("--output"), json});
    if (exported.exitCode != 0)
        return exported;
    return runWarroom({QStringLiteral("verify"), json});
}
#endif

} // namespace warroom::test
