#include "report/formats/CsvExport.h"

#include "report/formats/ChunkedOutput.h"
#include "report/formats/InterleavedLines.h"

#include "report/ReportText.h"
#include "report/TimelineRows.h"
#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <QJsonArray>

namespace warroom {

namespace {

// The roles the event's actor held when it was recorded (PayloadKey::ActorRoles).
QString actorRoles(const PostmortemReport &r, const TimelineEvent &e)
{
    QStringList titles;
    for (const QJsonValue &v : e.payload.value(PayloadKey::ActorRoles).toArray())
        titles << r.checklist.roleTitle(v.toString());
    return titles.join(QStringLiteral("; "));
}

// The rows of events [from, to) that are in the slice. Beside the real T+, what the room's
// screens showed (a drill clock at ×N, pauses left out; empty when they showed real time) and the
// speed the drill's runs went at: the documents say both beside their times, and a spreadsheet
// of a ×10 drill's durations read as live ones.
void writeRows(const PostmortemReport &r, const std::optional<ScreenClock> &screens,
               ChunkedOutput &out, qsizetype from, qsizetype to)
{
    const QByteArray mode = r.modeWord().toUtf8();
    const QByteArray speed = QByteArray::number(r.drillSpeed, 'g', 3);
    QByteArray scratch;
    TimelineRows rows(r);
    for (qsizetype n = from; n < to; ++n) {
        const TimelineEvent &e = r.events.at(n);
        if (r.omitted.contains(e.seq))
            continue;
        const PostmortemReport::TimelineRow t = rows.row(e);
        out.appendNumber(t.seq);
        out += ',';
        out.appendCsvField(ChunkedOutput::utf8(formatUtc(t.utcMs), scratch));
        out += ',';
        out.appendCsvField(ChunkedOutput::utf8(formatElapsed(t.elapsedMs), scratch));
        out += ',';
        out.appendCsvField(mode);
        out += ',';
        out.appendCsvField(ChunkedOutput::utf8(t.actor, scratch));
        out += ',';
        if (t.stepNumber > 0)
            out.appendNumber(t.stepNumber);
        out += ',';
        out.appendCsvField(ChunkedOutput::utf8(t.kind, scratch));
        out += ',';
        out.appendCsvField(ChunkedOutput::utf8(t.text, scratch));
        out += ',';
        out.appendCsvField(ChunkedOutput::utf8(actorRoles(r, e), scratch));
        out += ',';
        if (screens)
            out.appendCsvField(ChunkedOutput::utf8(screens->shownText(t.elapsedMs), scratch));
        out += ',';
        out.appendCsvField(speed);
        out += QByteArrayView("\r\n");
    }
}

} // namespace

bool CsvExport::write(const PostmortemReport &r, QIODevice &device)
{
    ChunkedOutput out(device);
    out += QByteArrayView("seq,utc,t_plus,mode,actor,step,kind,event,actor_roles,screens_t_plus,"
                          "drill_speed\r\n");
    const std::optional<ScreenClock> screens = ReportText::screensClock(r);
    InterleavedLines::write(out, r.events.size(),
                            [&r, &screens](ChunkedOutput &lines, qsizetype from, qsizetype to) {
                                writeRows(r, screens, lines, from, to);
                            });
    return out.flush();
}

} // namespace warroom
