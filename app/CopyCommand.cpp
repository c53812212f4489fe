#include "CopyCommand.h"

#include "CommandLine.h"
#include "Console.h"
#include "StoreOpening.h"

#include "store/TimelineStore.h"
#include "transfer/IncidentCopy.h"
#include "util/Diagnostic.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <algorithm>

namespace warroom {

namespace {

// Whether two --db values name one database (a file by any path to it, or the same URI).
bool sameDatabase(const QString &a, const QString &b)
{
    if (TimelineStore::isServer(a) || TimelineStore::isServer(b))
        return a == b;
    const QString ra = QFileInfo(a).canonicalFilePath();
    return !ra.isEmpty() && ra == QFileInfo(b).canonicalFilePath();
}

void report(const IncidentCopy::Copied &c, const TimelineStore &from, const TimelineStore &to)
{
    out() << "copied incident " << c.sourceId << " (" << c.incident.uuid << ") from "
          << from.path() << " to " << to.path() << " as incident " << c.targetId << ": "
          << printableText(c.incident.title, 200) << "; " << c.target.eventCount
          << " events, chain intact in both, head " << QString::fromLatin1(c.target.headHash)
          << " in both\n";
    if (c.open)
        out() << "  incident " << c.sourceId << " is still open in " << from.path()
              << ": what is recorded there from now on is not in " << to.path() << "\n";
    // Not refused, but not hidden either: whoever reads the copy should know why a field looks
    // as it does.
    for (const QString &line : c.recordedAsIs)
        out() << "  copied as an older build recorded it: " << line << "\n";
}

} // namespace

void parseCopy(const QCommandLineParser &parser, const QStringList &, CommandLine &cl)
{
    cl.mode = CommandLine::Mode::Copy;
    // --from and --to are the export's times elsewhere; here they name the two databases.
    cl.copyFrom = parser.value(QStringLiteral("from"));
    cl.copyTo = parser.value(QStringLiteral("to"));
    if (cl.copyFrom.isEmpty() || cl.copyTo.isEmpty()) {
        err() << "usage: warroom copy --from DB --to DB [--incident ID] (DB: an SQLite file or "
                 "postgresql://USER@HOST:PORT/NAME)\n";
        cl.mode = CommandLine::Mode::Exit;
        cl.exitCode = 2;
    }
}

int runCopy(const CommandLine &cl)
{
    if (sameDatabase(cl.copyFrom, cl.copyTo)) {
        err() << "warroom: --from and --to are the same database (" << cl.copyFrom
              << "); nothing was copied\n";
        return 2;
    }
    TimelineStore from;
    TimelineStore to;
    if (!openStoreToRead(from, cl.copyFrom)) {
        err() << "nothing was copied\n";
        return 1;
    }
    // Nothing to copy is known before the target is opened: a missing incident or an empty
    // source must not leave a new database behind.
    QString error;
    const auto incidents = from.incidents(&error);
    if (!incidents) {
        err() << "warroom: " << error << "\nnothing was copied\n";
        return 1;
    }
    const bool missing = cl.incident
                         && std::none_of(incidents->cbegin(), incidents->cend(),
                                         [&](const auto &i) { return i.id == *cl.incident; });
    if (missing) {
        err() << "warroom: there is no incident " << *cl.incident << " in " << from.path()
              << "; nothing was copied\n";
        return 1;
    }
    if (incidents->isEmpty()) {
        out() << "no incidents in " << from.path() << "; nothing to copy\n";
        return 0;
    }
    const QList<qint64> ids
        = cl.incident ? QList<qint64>{*cl.incident} : IncidentCopy::oldestFirst(*incidents);
    // The sources are read and checked before the target is opened: a forged or damaged source
    // must not leave a new, empty database behind.
    const IncidentCopy::Checked checked = IncidentCopy::check(from, ids);
    if (!checked.ok()) {
        for (const QString &refusal : checked.refusals)
            err() << "warroom: " << refusal << "\n";
        err() << "nothing was copied\n";
        if (!checked.sources.isEmpty()) {
            QStringList others;
            for (const IncidentCopy::Source &s : checked.sources)
                others << QString::number(s.record.id);
            err() << "  a copy of every incident writes none while one is refused; the others ("
                  << others.join(QStringLiteral(", "))
                  << ") can be copied one at a time with --incident ID\n";
        }
        return 1;
    }
    // The target is made if it is a file that does not exist yet, in a folder that does.
    if (!openStoreToWrite(to, cl.copyTo, true)) {
        err() << "nothing was copied\n";
        return 1;
    }
    const IncidentCopy::Result r = IncidentCopy::write(to, checked);
    for (const IncidentCopy::Copied &c : r.copied)
        report(c, from, to);
    for (const QString &refusal : r.refusals)
        err() << "warroom: " << refusal << "\n";
    if (!r.ok())
        err() << (r.copied.isEmpty() ? "nothing was copied\n"
                                     : "the incidents above were copied; the rest were not\n");
    return r.ok() ? 0 : 1;
}

} // namespace warroom
