// GanttChartView's drawing into files and documents (PNG, SVG, the postmortem exports), apart
// from the on-screen view so that each file stays small.
#include "ui/gantt/GanttChartView.h"

#include "engine/ChecklistEngine.h"
#include "gantt/GanttBuilder.h"
#include "util/OutputFile.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace warroom {

namespace {

// A view of its own at exactly the asked size, laid out, for drawing into a file.
void prepareForExport(GanttChartView &view, const GanttGeometry &gantt, QSize size,
                      const GanttPalette &palette = GanttPalette::dark())
{
    view.setColours(palette);
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.resize(size);
    view.show();
    view.setGantt(gantt);
    view.zoomToFit();
    // Qt Charts lays out axes and labels on posted layout requests; without them the row labels
    // would be measured against an empty axis and come out as "...".
    for (int i = 0; i < 3; ++i)
        QCoreApplication::sendPostedEvents();
    view.zoomToFit(); // tick spacing follows the plot width, known only after layout
}

void renderSvgTo(GanttChartView &view, QIODevice *device, QSize size)
{
    QSvgGenerator generator;
    generator.setOutputDevice(device);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(96); // so that viewers at the usual 96 dpi show `size` pixels
    generator.setTitle(GanttChartView::tr("Rollback Gantt chart"));
    QPainter painter(&generator);
    view.render(&painter);
}

} // namespace

QByteArray GanttChartView::renderSvg(const GanttGeometry &gantt, QSize size,
                                     const GanttPalette &palette)
{
    GanttChartView view;
    prepareForExport(view, gantt, size, palette);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    renderSvgTo(view, &buffer, size);
    return buffer.data();
}

namespace {

GanttGeometry incidentGeometry(const IncidentRecord &incident, const Checklist &checklist,
                               const TimelineEvents &events)
{
    // The whole timeline folded, so the rows read as on screen: the engine's text variables
    // carry the values actions extracted ({{job_id}}) over the incident's.
    ChecklistEngine engine(checklist, incidentTextVariables(incident));
    engine.applyAll(events);
    const GanttBuilder builder(checklist, engine.textVariables(), SchedulePlanner::plan(checklist));
    const qint64 end = events.isEmpty() ? 0 : events.constLast().elapsedMs;
    return builder.build(events, end, incident.declaredUtcMs);
}

QSize documentChartSize(const GanttGeometry &g)
{
    return {1400, std::clamp(180 + 34 * static_cast<int>(g.rows.size()), 320, 4000)};
}

} // namespace

QByteArray GanttChartView::renderIncidentSvg(const IncidentRecord &incident,
                                             const Checklist &checklist,
                                             const TimelineEvents &events)
{
    const GanttGeometry g = incidentGeometry(incident, checklist, events);
    return renderSvg(g, documentChartSize(g));
}

QString GanttChartView::sizeProblem(QSize size)
{
    if (size.width() < 200 || size.height() < 150 || size.width() > 10000 || size.height() > 10000)
        return tr("Choose a size between 200\u00D7150 and 10000\u00D710000 pixels.");
    return {};
}

bool GanttChartView::exportImage(const GanttGeometry &gantt, const QString &path, QSize size,
                                 QString *error)
{
    if (const QString problem = sizeProblem(size); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    GanttChartView view;
    prepareForExport(view, gantt, size);
    if (!OutputFile::check(path, error))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        renderSvgTo(view, &file, size);
    } else {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(view.backgroundBrush().color());
        QPainter painter(&image);
        view.render(&painter);
        painter.end();
        image.save(&file, "PNG");
    }
    if (!OutputFile::commit(file)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace warroom
