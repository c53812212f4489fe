#include "IncidentRow.h"

#include "SqliteStatement.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace warroom {

QString incidentRowColumns()
{
    return QStringLiteral("id, uuid, title, commander, mode, declared_utc_ms, checklist_id, "
                          "checklist_revision, checklist_sha256, variables_json, checklist_json");
}

IncidentRecord readIncidentRow(const SqliteStatement &s)
{
    IncidentRecord r;
    r.id = s.columnInt64(0);
    r.uuid = s.columnText(1);
    r.title = s.columnText(2);
    r.commander = s.columnText(3);
    r.mode = incidentModeFromName(s.columnText(4));
    r.declaredUtcMs = s.columnInt64(5);
    r.checklistId = s.columnText(6);
    r.checklistRevision = s.columnText(7);
    r.checklistSha256 = s.columnText(8).toLatin1();
    const QJsonObject vars = QJsonDocument::fromJson(s.columnText(9).toUtf8()).object();
    for (auto it = vars.begin(); it != vars.end(); ++it)
        r.variables.insert(it.key(), it.value().toString());
    r.checklistSource = s.columnBlob(10);
    return r;
}

} // namespace warroom
