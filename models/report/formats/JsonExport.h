#pragma once

#include "chain/ChainVerifier.h"
#include "util/Diagnostic.h"
#include "report/PostmortemReport.h"

class QIODevice;

namespace warroom {

// The incident as JSON (resources/incident-export.schema.json): every field, the checklist as
// run, and every event with its chain hashes, enough to replay the incident elsewhere and to verify
// its chain with nothing but this file. Events outside the slice, and private notes unless asked
// for, appear as placeholders: sequence number and hashes only.
class JsonExport
{
public:
    // Straight to the device as it is made (PostmortemExporter::render gives it a buffer); false
    // if a write failed.
    [[nodiscard]] static bool write(const PostmortemReport &report, QIODevice &device);
};

// Reads a JSON export back.
struct [[nodiscard]] IncidentExport
{
    IncidentRecord incident;
    TimelineEvents events;
    QSet<qint64> omitted;
    ChainAnchor anchor;         // the head and count the export claims
    QByteArray claimedGenesis;  // chain.genesis_hash; empty when the export does not say
    qint64 claimedOmitted = -1; // slice.omitted_events; -1 when the export does not say
    Diagnostics diagnostics;

    // An export's size limit (README, "Input limits"): 100,000 events take about 60 MB.
    static constexpr qint64 maxFileBytes = 256 * 1024 * 1024;

    bool ok() const { return diagnostics.isEmpty(); }
    static IncidentExport read(const QByteArray &data, const QString &fileName);
    // The chain of what was read, checked with nothing but this export (ChainVerifier::verifyExport).
    ChainReport verify() const;
};

} // namespace warroom
