#pragma once

#include "ChainVerifier.h"
#include "Diagnostic.h"
#include "PostmortemReport.h"

namespace warroom {

// The incident as JSON (resources/incident-export.schema.json): every field, the checklist as
// run, and every event with its chain hashes, enough to replay the incident elsewhere and to verify
// its chain with nothing but this file. Events outside the slice, and private notes unless asked
// for, appear as placeholders: sequence number and hashes only.
class JsonExport
{
public:
    static QByteArray write(const PostmortemReport &report);
};

// Reads a JSON export back.
struct IncidentExport
{
    IncidentRecord incident;
    TimelineEvents events;
    QSet<qint64> omitted;
    ChainAnchor anchor; // the head and count the export claims
    Diagnostics diagnostics;

    bool ok() const { return diagnostics.isEmpty(); }
    static IncidentExport read(const QByteArray &data, const QString &fileName);
};

} // namespace warroom
