#pragma once

// A PostgreSQL of a suite's own (scripts/pg-server, in a folder of its own), for the suites that
// halt, restart, freeze or kill their server: doing that to the pg_server fixture's server would
// disturb the suites sharing it. Needs WARROOM_PG_SERVER (the script's path). Header-only.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <csignal>
#include <sys/types.h>

namespace warroom::test {

class PgOwnServer
{
public:
    // start, halt (keeps the data) or stop (removes it), as scripts/pg-server does them.
    bool run(const QString &command)
    {
        QProcess p;
        p.setProcessEnvironment(m_environment);
        p.start(QStringLiteral(WARROOM_PG_SERVER), {command, m_dir.filePath(QStringLiteral("pg.state"))});
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return false;
        if (command == QLatin1String("start"))
            m_uri = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        return true;
    }
    bool start() { return m_dir.isValid() && run(QStringLiteral("start")); }
    // Before start(): the server's clock reads this machine's moved by what `offsetFile` holds
    // ("-3h": libfaketime's FAKETIME offset, inherited by every process of the server, read again
    // at every look at the clock, so writing the file sets the running server's clock). False
    // when libfaketime is not installed (scripts/dev installs it).
    bool shiftClock(const QString &offsetFile)
    {
        for (const char *lib : {"/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
                                "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"}) {
            if (QFile::exists(QLatin1String(lib))) {
                m_environment.insert(QStringLiteral("LD_PRELOAD"), QLatin1String(lib));
                m_environment.insert(QStringLiteral("FAKETIME_TIMESTAMP_FILE"), offsetFile);
                m_environment.insert(QStringLiteral("FAKETIME_NO_CACHE"), QStringLiteral("1"));
                return true;
            }
        }
        return false;
    }
    const QString &uri() const { return m_uri; }

    // Every process of the server stopped (SIGSTOP) or let go on (SIGCONT): it keeps its sockets
    // and says nothing, as a hung host or a network black hole would. The postmaster first, so it
    // forks no new backend meanwhile; let go in the reverse order.
    bool freeze() { return signalAll(SIGSTOP); }
    bool thaw() { return signalAll(SIGCONT); }
    // The server killed outright (SIGKILL to the postmaster and its backends): no shutdown at all.
    bool killHard() { return signalAll(SIGKILL); }

private:
    pid_t postmaster() const
    {
        QFile state(m_dir.filePath(QStringLiteral("pg.state")));
        if (!state.open(QIODevice::ReadOnly))
            return 0;
        const QString folder = QString::fromUtf8(state.readLine()).trimmed();
        QFile pidFile(folder + QStringLiteral("/data/postmaster.pid"));
        if (!pidFile.open(QIODevice::ReadOnly))
            return 0;
        return static_cast<pid_t>(pidFile.readLine().trimmed().toLongLong());
    }
    static QList<pid_t> childrenOf(pid_t parent)
    {
        QList<pid_t> out;
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
        for (const QString &entry : entries) {
            bool numeric = false;
            const pid_t pid = static_cast<pid_t>(entry.toLongLong(&numeric));
            QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
            if (!numeric || !stat.open(QIODevice::ReadOnly))
                continue;
            // "pid (comm) state ppid ...": the name may hold spaces, so count from its ')'.
            const QByteArray line = stat.readAll();
            const QList<QByteArray> rest = line.mid(line.lastIndexOf(')') + 2).split(' ');
            if (rest.size() > 1 && rest.at(1).toLongLong() == parent)
                out.append(pid);
        }
        return out;
    }
    bool signalAll(int sig)
    {
        const pid_t master = postmaster();
        if (master <= 0)
            return false;
        const QList<pid_t> children = childrenOf(master);
        if (sig == SIGCONT) {
            for (pid_t child : children)
                ::kill(child, sig);
            return ::kill(master, sig) == 0;
        }
        const bool ok = ::kill(master, sig) == 0;
        for (pid_t child : children)
            ::kill(child, sig);
        return ok;
    }

    QTemporaryDir m_dir;
    QString m_uri;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
};

} // namespace warroom::test
