#include "TestTimeline.h"

#include "checklist/ChecklistParser.h"
#include "timeline/Incident.h"

#include <QTest>

#include <sqlite3.h>

namespace warroom::test {

Checklist loadChecklist(const QString &path)
{
    ChecklistParseResult r = ChecklistParser::parseFile(path);
    if (!r.ok())
        qFatal("test checklist %s does not parse: %s", qPrintable(path),
               qPrintable(formatDiagnostics(r.diagnostics)));
    return *r.checklist;
}

QString rawSql(const QString &databasePath, const QString &sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(databasePath.toUtf8().constData(), &db);
    char *message = nullptr;
    const int rc = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    QString result = rc == SQLITE_OK ? QString() : QString::fromUtf8(message);
    sqlite3_free(message);
    sqlite3_close(db);
    return result;
}

Checklist shippedChecklist()
{
    return loadChecklist(QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json"));
}

Checklist parallelChecklist()
{
    return loadChecklist(QStringLiteral(WARROOM_TEST_DATA "/checklists/good/parallel.json"));
}

TestTimeline::TestTimeline(const Checklist &checklist)
    : m_engine(checklist)
{
    TimelineEvent declared;
    declared.seq = 1;
    declared.kind = QString(EventKind::IncidentDeclared);
    declared.actor = QStringLiteral("ic");
    // The first command period. A drill's, as the scripts that record a drill clock need
    // (ScreenClock reads a declaration of any other mode as LIVE, whose clock nothing moves).
    declared.payload
        = QJsonObject{{QString(PayloadKey::Commander), declared.actor},
                      {QString(PayloadKey::Mode), incidentModeName(IncidentMode::Drill)}};
    m_events.append(declared);
    m_engine.apply(declared);
}

bool TestTimeline::commit(const EnginePlan &plan, qint64 elapsedMs)
{
    if (!plan.ok()) {
        qWarning("plan refused: %s", qPrintable(plan.refusal));
        return false;
    }
    if (elapsedMs >= 0)
        m_now = elapsedMs;
    for (const EventDraft &d : plan.drafts) {
        TimelineEvent e;
        e.seq = m_events.constLast().seq + 1;
        e.utcMs = 1'700'000'000'000 + m_now;
        e.elapsedMs = m_now;
        e.actor = d.actor;
        e.kind = d.kind;
        e.stepId = d.stepId;
        e.itemId = d.itemId;
        e.payload = d.payload;
        m_events.append(e);
        m_engine.apply(e);
    }
    return true;
}

} // namespace warroom::test
