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
    // The document in a text format (everything but PDF), for a preview or a file.
    static QByteArray render(const PostmortemReport &report, ExportFormat format);
    // Writes the file whole or not at all: text formats through QSaveFile.
    [[nodiscard]] static bool write(const PostmortemReport &report, ExportFormat format, const QString &path,
                      QString *error);
};

} // namespace warroom
