#pragma once

#include "report/PostmortemReport.h"

#include <optional>

namespace warroom {

class TimelineStore;

enum class ExportFormat { Markdown, Html, Json, Csv, Pdf };

std::optional<ExportFormat> exportFormatFromName(const QString &name); // md, html, json, csv, pdf
QString exportFormatSuffix(ExportFormat format);

// An incident as stored: its record, the checklist it ran and its whole timeline.
struct IncidentSnapshot
{
    IncidentRecord incident;
    Checklist checklist;
    TimelineEvents events;

    static std::optional<IncidentSnapshot> load(const TimelineStore &store, qint64 incidentId,
                                                QString *error);
};

class PostmortemExporter
{
public:
    // The document in a text format (everything but PDF), for a preview or a file.
    static QByteArray render(const PostmortemReport &report, ExportFormat format);
    // Writes the file whole or not at all: text formats through QSaveFile.
    static bool write(const PostmortemReport &report, ExportFormat format, const QString &path,
                      QString *error);
};

} // namespace warroom
