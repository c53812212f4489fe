#pragma once

#include "checklist/Checklist.h"
#include "facilitation/DrillScore.h"
#include "facilitation/FacilitationRecord.h"
#include "gantt/GanttGeometry.h"
#include "timeline/Incident.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace warroom {

class TimelineStore;

// The after-action report of a facilitated drill, for players who have no access to the app:
// the scenario and its objectives, each inject and the room's answer with times, the scores,
// the expectations, the facilitator's P/S/M/U ratings and observations, and blank rows for the
// lessons. Built from the database alone (the incident, its timeline, its facilitation record
// and the history of its checklist); the postmortem never carries any of it.
struct Debrief
{
    enum class Format { Markdown, Html, Pdf };

    IncidentRecord incident;
    Checklist checklist;
    FacilitationRecord record;
    DrillScore score;
    GanttGeometry gantt; // the steps planned against actual, on the drill clock (DebriefChart)

    // The drill incident `incidentId`, or the newest facilitated drill when it is 0. Past ×1
    // drills of the same checklist revision (declared before it) give the history figures.
    static std::optional<Debrief> load(const TimelineStore &store, qint64 incidentId,
                                       QString *error);
    static std::optional<Format> formatFromName(const QString &name); // md, html, pdf

    QString markdown() const; // DebriefMarkdown.cpp
    QString html() const;     // DebriefHtml.cpp
    // An A4 PDF written to `path` (DebriefPdf.cpp); false with the reason.
    bool writePdf(const QString &path, QString *error) const;
};

} // namespace warroom
