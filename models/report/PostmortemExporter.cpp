#include "report/PostmortemExporter.h"

#include "report/formats/CdEventsExport.h"
#include "report/formats/CsvExport.h"
#include "report/formats/HtmlExport.h"
#include "report/formats/JsonExport.h"
#include "report/formats/MarkdownExport.h"
#include "report/formats/PdfExport.h"

#include "util/OutputFile.h"

#include <QBuffer>

namespace warroom {

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("md") || n == QLatin1String("markdown"))
        return ExportFormat::Markdown;
    if (n == QLatin1String("html"))
        return ExportFormat::Html;
    if (n == QLatin1String("json"))
        return ExportFormat::Json;
    if (n == QLatin1String("csv"))
        return ExportFormat::Csv;
    if (n == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    if (n == QLatin1String("cdevents"))
        return ExportFormat::CdEvents;
    return std::nullopt;
}

QString exportFormatSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Markdown:
        return QStringLiteral("md");
    case ExportFormat::Html:
        return QStringLiteral("html");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    case ExportFormat::CdEvents:
        return QStringLiteral("cdevents");
    }
    return {};
}

namespace {

// Markdown, HTML, JSON and CSV go to a device as they are made; for a preview, that device is a
// buffer.
template<typename Write>
QByteArray inMemory(Write write)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    (void)write(buffer); // a QBuffer in memory does not fail
    return buffer.data();
}

// A document asked of a report built without the document's sections (Parts::Data): it would
// read as if nothing went wrong, without its key moments and evidence.
bool lacksSections(const PostmortemReport &report, ExportFormat format)
{
    return PostmortemExporter::partsFor(format) == ExportOptions::Parts::Document
           && !report.isDocument();
}

} // namespace

ExportOptions::Parts PostmortemExporter::partsFor(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Markdown:
    case ExportFormat::Html:
    case ExportFormat::Pdf:
        return ExportOptions::Parts::Document;
    case ExportFormat::Json:
    case ExportFormat::Csv:
    case ExportFormat::CdEvents:
        break;
    }
    return ExportOptions::Parts::Data;
}

QByteArray PostmortemExporter::render(const PostmortemReport &report, ExportFormat format)
{
    if (lacksSections(report, format))
        return {};
    switch (format) {
    case ExportFormat::Markdown:
        return inMemory([&](QIODevice &d) { return MarkdownExport::write(report, d); });
    case ExportFormat::Html:
        return inMemory([&](QIODevice &d) { return HtmlExport::write(report, d); });
    case ExportFormat::Json:
        return inMemory([&](QIODevice &d) { return JsonExport::write(report, d); });
    case ExportFormat::Csv:
        return inMemory([&](QIODevice &d) { return CsvExport::write(report, d); });
    case ExportFormat::CdEvents:
        return CdEventsExport::write(report);
    case ExportFormat::Pdf:
        return {};
    }
    return {};
}

bool PostmortemExporter::write(const PostmortemReport &report, ExportFormat format,
                               const QString &path, QString *error)
{
    if (lacksSections(report, format)) {
        if (error)
            *error = QStringLiteral("cannot write %1: the report was built for the data formats "
                                    "(JSON, CSV, CDEvents), without the document's sections")
                         .arg(path);
        return false;
    }
    // The long ones are written as they are made; the others whole.
    return OutputFile::write(
        path,
        [&](QIODevice &file) {
            switch (format) {
            case ExportFormat::Markdown:
                return MarkdownExport::write(report, file);
            case ExportFormat::Html:
                return HtmlExport::write(report, file);
            case ExportFormat::Json:
                return JsonExport::write(report, file);
            case ExportFormat::Csv:
                return CsvExport::write(report, file);
            case ExportFormat::Pdf:
                return PdfExport::write(report, file);
            case ExportFormat::CdEvents:
                break;
            }
            // A short write is a failed one: a full disk ended a CDEvents file early, and it was
            // kept.
            const QByteArray bytes = render(report, format);
            return file.write(bytes) == bytes.size();
        },
        error,
        report.options.includePrivateNotes ? OutputFile::Readers::OwnerOnly
                                           : OutputFile::Readers::AsUsual);
}

} // namespace warroom
