#pragma once

#include "report/PostmortemReport.h"

#include <QByteArray>

namespace warroom {

// The incident as CDEvents 0.5.1 carried in CloudEvents 1.0 (JSON event format, structured mode,
// a batch: `application/cloudevents-batch+json`), so CD tooling can consume it:
// incident.detected and incident.reported at the declaration, service.rolledback when the
// checklist's rollback-complete milestone is reached, incident.resolved when it is closed.
// README "CDEvents export" maps every field; tests/data/cdevents/ has the schemas it is checked
// against. Ids are derived (UUID v5) from the incident's uuid, so exporting twice gives the same
// events and a consumer that de-duplicates on source + id sees them once.
class CdEventsExport
{
public:
    static QByteArray write(const PostmortemReport &report);

    // A purl for a version: the value itself when it is one already ("pkg:oci/app@sha256:..."),
    // otherwise pkg:generic/SERVICE@VERSION, percent-encoded. Empty when either is empty.
    static QString artifactPurl(const QString &service, const QString &version);
};

} // namespace warroom
