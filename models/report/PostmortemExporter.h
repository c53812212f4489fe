#pragma once

#include "report/PostmortemReport.h"

#include <optional>

namespace warroom {

enum class ExportFormat { Markdown, Html, Json, Csv, Pdf, CdEvents };

std::optional<ExportFormat> exportFormatFromName(const QString &name); // md, html, json, csv, pdf, cdevents
QString exportFormatSuffix(ExportFormat format);

class PostmortemExporter
{
public:
    // The parts of a report a format writes: a Markdown, HTML or PDF document needs a report
    // built with Parts::Document; JSON, CSV and CDEvents need only Parts::Data.
    static ExportOptions::Parts partsFor(ExportFormat format);
    // The document in a text format (everything but PDF), for a preview or a file. Empty for a
    // document format asked of a report built with Parts::Data.
    static QByteArray render(const PostmortemReport &report, ExportFormat format);
    // Writes the file whole or not at all: text formats through QSaveFile. Refuses a document
    // format for a report built with Parts::Data, which lacks the document's sections.
    [[nodiscard]] static bool write(const PostmortemReport &report, ExportFormat format, const QString &path,
                      QString *error);
};

} // namespace warroom
