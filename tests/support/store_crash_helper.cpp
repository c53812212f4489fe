// Declares an incident, commits one more event, says so on stdout, then kills itself with
// SIGKILL: no destructors, no sqlite3_close, no chance to flush anything after the commit.
#include "store/TimelineStore.h"
#include "timeline/EventVocabulary.h"
#include "timeline/Incident.h"
#include "util/Sha256.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    warroom::TimelineStore store;
    QString error;
    if (!store.open(QString::fromLocal8Bit(argv[1]), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    warroom::IncidentRecord r;
    r.uuid = QStringLiteral("crash-uuid");
    r.title = QStringLiteral("Killed mid-incident");
    r.commander = QStringLiteral("ic");
    r.declaredUtcMs = 1'700'000'000'000;
    r.checklistId = QStringLiteral("minimal");
    r.checklistRevision = QStringLiteral("1");
    r.checklistSource = QByteArrayLiteral("{}");
    r.checklistSha256 = warroom::sha256Hex(r.checklistSource); // so that its chain verifies
    const warroom::EventDraft declared{
        QStringLiteral("ic"), warroom::EventKind::IncidentDeclared, {}, {}, {}};
    const auto id = store.createIncident(r, declared, &error);
    if (!id)
        return 1;
    const warroom::EventDraft note{
        QStringLiteral("ic"),
        warroom::EventKind::NoteAdded,
        {},
        {},
        QJsonObject{{warroom::PayloadKey::Text, QStringLiteral("last words")}}};
    if (!store.append(*id, {note}, r.declaredUtcMs + 1234, &error))
        return 1;
    std::printf("committed %lld\n", static_cast<long long>(*id));
    std::fflush(stdout);
    std::raise(SIGKILL);
    return 0;
}
