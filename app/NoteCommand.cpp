#include "NoteCommand.h"

#include "CommandLine.h"
#include "Console.h"
#include "StoreOpening.h"

#include "session/DetachedCommand.h"
#include "session/RoomClock.h"
#include "store/TimelineStore.h"
#include "timeline/ScreenClock.h"
#include "util/Diagnostic.h"
#include "util/PersonName.h"
#include "util/TimeFormat.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

#include <pwd.h>
#include <unistd.h>

namespace warroom {

namespace {

constexpr qint64 maxNoteBytes = 64 * 1024; // the engine refuses notes over 10,000 characters

// Without --incident: the one open incident, as a script in a war room means the incident at hand.
std::optional<qint64> theOpenIncident(const TimelineStore &store)
{
    QString error;
    const auto incidents = store.incidents(&error);
    if (!incidents) {
        err() << "warroom: " << error << "\n";
        return std::nullopt;
    }
    QStringList open;
    qint64 id = 0;
    for (const IncidentSummary &i : *incidents) {
        if (!i.closed) {
            open << QString::number(i.id);
            id = i.id;
        }
    }
    if (open.size() == 1)
        return id;
    if (open.isEmpty())
        err() << "warroom: no incident is open in " << store.path() << "; nothing was recorded\n";
    else
        err() << "warroom: " << open.size() << " incidents are open in " << store.path() << " ("
              << open.join(QStringLiteral(", "))
              << "): say which with --incident ID; nothing was recorded\n";
    return std::nullopt;
}

QString noteText(const QString &argument)
{
    if (argument != QLatin1String("-"))
        return argument;
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(in.read(maxNoteBytes));
}

// A note belongs to an incident that exists: a missing file is a typo, not a new database, and an
// empty file holds no incident (opening it to write would make it a timeline).
QString noTimelineAt(const QString &dbPath)
{
    if (TimelineStore::isServer(dbPath))
        return {};
    const QFileInfo file(dbPath);
    if (!file.exists())
        return QStringLiteral("there is no timeline database at %1").arg(dbPath);
    if (file.isFile() && file.size() == 0)
        return QStringLiteral("%1 is empty: it holds no incident").arg(dbPath);
    return {};
}

} // namespace

QString loginName()
{
    const QString user = qEnvironmentVariable("USER");
    if (!user.isEmpty())
        return user;
    const passwd *account = getpwuid(getuid());
    return account ? QString::fromLocal8Bit(account->pw_name) : QString();
}

void parseNote(const QCommandLineParser &parser, const QStringList &args, CommandLine &cl)
{
    cl.mode = CommandLine::Mode::Note;
    cl.actor = parser.value(QStringLiteral("actor"));
    if (cl.actor.isEmpty())
        cl.actor = loginName();
    cl.noteText = args.join(u' ');
    if (args.isEmpty()) {
        err() << "usage: warroom note [--db DB] [--incident ID] [--actor NAME] TEXT (TEXT - reads "
                 "standard input)\n";
        cl.mode = CommandLine::Mode::Exit;
        cl.exitCode = 2;
    }
}

int runNote(const CommandLine &cl)
{
    if (cl.actor.trimmed().isEmpty()) {
        err() << "warroom: who writes the note? Give --actor NAME; nothing was recorded\n";
        return 2;
    }
    // The name signs the note, as "Acting as" does on a screen, which refuses the same names.
    if (const QString bad = PersonName::problem(cl.actor); !bad.isEmpty()) {
        err() << "warroom: --actor: the name " << bad << "; type it plainly. Nothing was "
              << "recorded\n";
        return 2;
    }
    const QString text = noteText(cl.noteText);
    if (const QString missing = noTimelineAt(cl.dbPath); !missing.isEmpty()) {
        err() << "warroom: " << missing << "; nothing was recorded\n";
        return 1;
    }
    TimelineStore store;
    if (!openStoreToWrite(store, cl.dbPath, cl.dbGiven)) {
        err() << "nothing was recorded\n";
        return 1;
    }
    const std::optional<qint64> id = cl.incident ? cl.incident : theOpenIncident(store);
    if (!id)
        return 1;
    const QString actor = cl.actor.trimmed();
    TimelineEvents written;
    ScreenClock screens;
    const CommandResult r = DetachedCommand::run(
        store, *id, RoomClock::of(store)(),
        [&](const ChecklistEngine &engine) { return engine.planNote(actor, text); }, &written,
        &screens);
    if (r.status == CommandResult::Status::StorageFailed) {
        err() << "warroom: incident " << *id << ": " << r.message << "\n";
        return 1;
    }
    if (!r.ok() || written.isEmpty()) {
        err() << "warroom: incident " << *id << ": " << r.message << " Nothing was recorded.\n";
        return 1;
    }
    const TimelineEvent &e = written.constLast();
    // At the T+ the room's screens show, as the timeline lists it: a drill's said the real
    // T+00:00:06 for a note the timeline showed at T+00:00:40, where the drill had ended.
    QString at = formatElapsed(e.elapsedMs);
    if (screens.isShifted())
        at = QStringLiteral("%1 on the %2 clock%3 (real %4)")
                 .arg(screens.shownText(e.elapsedMs),
                      screens.isDrillClock() ? QStringLiteral("drill") : QStringLiteral("screens'"),
                      screens.isAfterEnd(e.elapsedMs) ? QStringLiteral(", after the drill's end")
                                                      : QString(),
                      at);
    out() << "note recorded in incident " << *id << " at " << at << " as event " << e.seq << " by "
          << printableText(actor, 80) << "\n";
    if (const QString skew = RoomClock::skewText(store); !skew.isEmpty())
        err() << "warroom: " << skew << "\n";
    return 0;
}

} // namespace warroom
