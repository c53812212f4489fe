// A stand-in for the app's process in the durability tests: it opens the database the way the app
// does, declares (or opens) an incident, and then takes one command per line on stdin, answering
// one line on stdout, so a test can interleave it with other processes and kill it at any moment.
//
//   timeline_writer_helper DB CHECKLIST [ID] [--follow MS]   (declares when no ID is given)
//   note TEXT        -> "ok SEQ" (the last committed sequence number) or "refused MESSAGE"
//   confirm STEP ITEM-> likewise
//   run STEP ITEM    -> "ok SEQ" once the run is on record (the request may still be out)
//   poke             -> opens and closes the database file with plain open()/close(): what a
//                       file dialog sniffing the folder does, and what drops POSIX locks
//   notes N          -> N notes as fast as they commit, each answered "ok SEQ"
//   refresh          -> reads what other processes committed, then "ok SEQ"
// Every event it learns of (its own or another process's) is also printed as "event SEQ KIND".
#include "automation/AutomationRunner.h"
#include "checklist/ChecklistParser.h"
#include "http/HttpEngine.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace {

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString lastSeq(const warroom::IncidentSession &session)
{
    return QString::number(session.events().isEmpty() ? 0 : session.events().constLast().seq);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    using namespace warroom;
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3)
        return 2;
    const QString dbPath = args.at(1);
    TimelineStore store;
    QString error;
    if (!store.open(dbPath, &error)) {
        say(QStringLiteral("error ") + error);
        return 1;
    }
    QFile file(args.at(2));
    if (!file.open(QIODevice::ReadOnly))
        return 1;
    const ChecklistParseResult parsed = ChecklistParser::parse(file.readAll(), file.fileName());
    if (!parsed.ok())
        return 1;

    std::unique_ptr<IncidentSession> session;
    int follow = 0;
    bool haveId = false;
    qint64 id = 0;
    for (int i = 3; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--follow") && i + 1 < args.size())
            follow = args.at(++i).toInt();
        else
            id = args.at(i).toLongLong(&haveId);
    }
    if (haveId) {
        session = IncidentSession::open(store, id, systemClock(), &error);
    } else {
        IncidentDeclaration d;
        d.title = QStringLiteral("Durability trial");
        d.commander = QStringLiteral("ic");
        d.mode = IncidentMode::Drill;
        for (const ChecklistVariable &v : parsed.checklist->variables)
        {
            const QByteArray name = QByteArrayLiteral("WARROOM_VAR_") + v.name.toUpper().toUtf8();
            d.variables.insert(v.name, qEnvironmentVariable(name.constData(), v.defaultValue));
        }
        session = IncidentSession::declare(store, *parsed.checklist, d, systemClock(), &error);
    }
    if (!session) {
        say(QStringLiteral("error ") + error);
        return 1;
    }
    QObject::connect(session.get(), &IncidentSession::eventsAppended, session.get(),
                     [](const TimelineEvents &events) {
                         for (const TimelineEvent &e : events)
                             say(QStringLiteral("event %1 %2").arg(e.seq).arg(e.kind));
                     });
    QObject::connect(session.get(), &IncidentSession::storageLost, session.get(),
                     [](const QString &problem) { say(QStringLiteral("lost ") + problem); });
    session->setFollowInterval(follow);
    HttpEngine http;
    AutomationRunner runner(*session, http);
    say(QStringLiteral("incident %1 %2").arg(session->incident().id).arg(lastSeq(*session)));

    auto answer = [&](const CommandResult &r) {
        say(r.ok() ? QStringLiteral("ok ") + lastSeq(*session)
                   : QStringLiteral("refused ") + r.message);
    };
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &input, [&] {
        char buffer[4096];
        if (!std::fgets(buffer, sizeof buffer, stdin)) {
            QCoreApplication::quit();
            return;
        }
        const QString line = QString::fromUtf8(buffer).trimmed();
        const QStringList words = line.split(QLatin1Char(' '));
        const QString verb = words.value(0);
        if (verb == QLatin1String("note")) {
            answer(session->addNote(line.mid(5)));
        } else if (verb == QLatin1String("notes")) {
            for (int i = 0, n = words.value(1).toInt(); i < n; ++i)
                answer(session->addNote(QStringLiteral("burst %1").arg(i)));
        } else if (verb == QLatin1String("confirm")) {
            answer(session->confirmItem(words.value(1), words.value(2)));
        } else if (verb == QLatin1String("run")) {
            answer(runner.start(words.value(1), words.value(2)));
        } else if (verb == QLatin1String("refresh")) {
            session->refresh();
            say(QStringLiteral("ok ") + lastSeq(*session));
        } else if (verb == QLatin1String("poke")) {
            const QByteArray path = QFile::encodeName(dbPath);
            const int fd = ::open(path.constData(), O_RDONLY);
            if (fd >= 0)
                ::close(fd);
            say(QStringLiteral("poked"));
        } else {
            say(QStringLiteral("unknown ") + verb);
        }
    });
    return QCoreApplication::exec();
}
