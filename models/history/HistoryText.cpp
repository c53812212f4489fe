#include "history/HistoryText.h"

#include "history/HistoryDashboard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace warroom {

namespace {

// A table as aligned text (numbers right-aligned) or as Markdown.
QString table(const QStringList &headers, const QList<QStringList> &rows, bool markdown)
{
    QString out;
    if (markdown) {
        out += QStringLiteral("| ") + headers.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|");
        for (qsizetype i = 0; i < headers.size(); ++i)
            out += i < 2 || i + 1 == headers.size() ? QStringLiteral("---|") : QStringLiteral("---:|");
        out += u'\n';
        for (const QStringList &r : rows)
            out += QStringLiteral("| ") + r.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
        return out;
    }
    QList<qsizetype> width(headers.size());
    for (const QStringList &r : QList<QStringList>{headers} + rows) {
        for (qsizetype i = 0; i < r.size(); ++i)
            width[i] = std::max(width[i], r.at(i).size());
    }
    for (const QStringList &r : QList<QStringList>{headers} + rows) {
        QString line = QStringLiteral("  ");
        for (qsizetype i = 0; i < r.size(); ++i) {
            const bool left = i < 2 || i + 1 == r.size();
            line += (left ? r.at(i).leftJustified(width[i]) : r.at(i).rightJustified(width[i]))
                    + QStringLiteral("  ");
        }
        while (line.endsWith(u' '))
            line.chop(1);
        out += line + u'\n';
    }
    return out;
}

QStringList figures(const DurationStats &s)
{
    if (s.isEmpty())
        return {QStringLiteral("0"), QStringLiteral("—"), QStringLiteral("—"), QStringLiteral("—"),
                QStringLiteral("—"), QStringLiteral("—"), QStringLiteral("—")};
    return {QString::number(s.n),      HistoryText::span(s.medianMs),
            HistoryText::span(s.p90Ms), HistoryText::span(s.minMs),
            HistoryText::span(s.maxMs), HistoryText::span(s.lastMs),
            HistoryText::trend(s.trendMs)};
}

QString countLine(const QString &mode, const QList<IncidentFacts> &incidents)
{
    QList<qint64> ids;
    QStringList open;
    for (const IncidentFacts &f : incidents) {
        ids << f.id;
        if (!f.closed)
            open << QStringLiteral("#%1").arg(f.id);
    }
    QString line = QStringLiteral("%1: %2 %3").arg(mode).arg(incidents.size())
                       .arg(incidents.size() == 1 ? QStringLiteral("incident")
                                                  : QStringLiteral("incidents"));
    if (!ids.isEmpty())
        line += QStringLiteral(" (%1)").arg(HistoryText::incidentList(ids));
    if (!open.isEmpty())
        line += QStringLiteral(", %1 still open: finished steps count").arg(open.join(u' '));
    return line;
}

QString modeSection(const ChecklistHistory &h, bool drill, bool markdown)
{
    const QList<IncidentFacts> &incidents = drill ? h.drills : h.live;
    const QString mode = drill ? QStringLiteral("DRILL") : QStringLiteral("LIVE");
    QString out = markdown ? QStringLiteral("### %1\n\n").arg(mode) : QString(mode + u'\n');
    if (incidents.isEmpty())
        return out + QStringLiteral("  nothing measured yet\n");
    QList<QStringList> rows;
    for (qsizetype i = 0; i < h.steps.size(); ++i) {
        const ChecklistHistory::Step &s = h.steps.at(i);
        const DurationStats &st = drill ? s.drill : s.live;
        rows << (QStringList{QString::number(i + 1), s.id} + figures(st)
                 << HistoryText::span(s.expectedMs) << HistoryText::incidentList(st.incidentIds()));
    }
    const DurationStats &t = drill ? h.triggerToHealthyDrill : h.triggerToHealthyLive;
    rows << (QStringList{QString(), QStringLiteral("trigger → healthy")} + figures(t)
             << QString() << HistoryText::incidentList(t.incidentIds()));
    const QStringList headers{QStringLiteral("#"),   QStringLiteral("step"),
                              QStringLiteral("n"),   QStringLiteral("median"),
                              QStringLiteral("p90"), QStringLiteral("min"),
                              QStringLiteral("max"), QStringLiteral("last"),
                              QStringLiteral("trend"), QStringLiteral("expected"),
                              QStringLiteral("incidents")};
    return out + table(headers, rows, markdown);
}

QJsonObject statsJson(const DurationStats &s)
{
    QJsonObject o{{QStringLiteral("n"), s.n}};
    QJsonArray samples;
    for (const DurationSample &d : s.samples)
        samples.append(QJsonObject{{QStringLiteral("incident"), d.incidentId},
                                   {QStringLiteral("ms"), d.ms}});
    o.insert(QStringLiteral("samples"), samples);
    if (s.isEmpty())
        return o;
    o.insert(QStringLiteral("median_ms"), s.medianMs);
    o.insert(QStringLiteral("p90_ms"), s.p90Ms);
    o.insert(QStringLiteral("min_ms"), s.minMs);
    o.insert(QStringLiteral("max_ms"), s.maxMs);
    o.insert(QStringLiteral("last_ms"), s.lastMs);
    if (s.trendMs)
        o.insert(QStringLiteral("trend_ms"), *s.trendMs);
    return o;
}

QJsonArray incidentsJson(const QList<IncidentFacts> &incidents)
{
    QJsonArray a;
    for (const IncidentFacts &f : incidents) {
        QJsonObject o{{QStringLiteral("id"), f.id},
                      {QStringLiteral("title"), f.title},
                      {QStringLiteral("declared_utc_ms"), f.declaredUtcMs},
                      {QStringLiteral("closed"), f.closed},
                      {QStringLiteral("speed"), f.speed},
                      {QStringLiteral("scripted"), f.scripted}};
        if (f.triggerToHealthyMs)
            o.insert(QStringLiteral("trigger_to_healthy_ms"), *f.triggerToHealthyMs);
        a.append(o);
    }
    return a;
}

QString shortSha(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.left(8));
}

QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n'))
        return text;
    return u'"' + QString(text).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

QString csvRow(const ChecklistHistory &h, const QString &mode, const QString &step,
               qint64 expectedMs, const DurationStats &s)
{
    QStringList ids;
    for (qint64 id : s.incidentIds())
        ids << QString::number(id);
    QStringList cells{csvField(h.checklistId), csvField(h.revision), mode, csvField(step),
                      QString::number(s.n)};
    for (qint64 v : {s.medianMs, s.p90Ms, s.minMs, s.maxMs, s.lastMs})
        cells << (s.isEmpty() ? QString() : QString::number(v));
    cells << (s.trendMs ? QString::number(*s.trendMs) : QString())
          << (expectedMs >= 0 ? QString::number(expectedMs) : QString()) << ids.join(u' ')
          << QString::fromLatin1(h.sha256);
    return cells.join(u',') + QStringLiteral("\r\n");
}

} // namespace

std::optional<HistoryText::Format> HistoryText::formatFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n.isEmpty() || n == QLatin1String("text"))
        return Format::Text;
    if (n == QLatin1String("md") || n == QLatin1String("markdown"))
        return Format::Markdown;
    if (n == QLatin1String("json"))
        return Format::Json;
    if (n == QLatin1String("csv"))
        return Format::Csv;
    return std::nullopt;
}

QString HistoryText::span(qint64 ms)
{
    const QString sign = ms < 0 ? QStringLiteral("-") : QString();
    const qint64 s = (ms < 0 ? -ms : ms) / 1000;
    const QLatin1Char zero('0');
    if (s < 3600)
        return sign + QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, zero);
    return sign
           + QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, zero)
                 .arg(s % 60, 2, 10, zero);
}

QString HistoryText::trend(const std::optional<qint64> &ms)
{
    if (!ms)
        return QStringLiteral("—");
    return (*ms > 0 ? QStringLiteral("+") : QString()) + span(*ms);
}

QString HistoryText::incidentList(const QList<qint64> &ids)
{
    QStringList out;
    for (qint64 id : ids)
        out << QStringLiteral("#%1").arg(id);
    return out.join(u' ');
}

QString HistoryText::text(const QList<ChecklistHistory> &histories, bool markdown,
                          qint64 nowUtcMs)
{
    QString out;
    for (const ChecklistHistory &h : histories) {
        // The content named only where the revision was reused: otherwise as before.
        const QString content
            = h.otherContents.isEmpty()
                  ? QString()
                  : QStringLiteral(" (content sha256 %1)").arg(shortSha(h.sha256));
        const QString heading = QStringLiteral("%1 revision %2%3: %4")
                                    .arg(h.checklistId, h.revision, content, h.title);
        out += markdown ? QStringLiteral("## %1\n\n").arg(heading) : QString(heading + u'\n');
        QStringList facts{countLine(QStringLiteral("DRILL"), h.drills),
                          countLine(QStringLiteral("LIVE"), h.live)};
        if (!h.otherContents.isEmpty()) {
            QStringList others;
            for (const QByteArray &sha : h.otherContents)
                others << shortSha(sha);
            facts << QStringLiteral("Revision %1 was also run with other content (sha256 %2), "
                                    "measured apart: a changed checklist wants a new revision")
                         .arg(h.revision, others.join(QStringLiteral(", ")));
        }
        if (!h.leftOut.isEmpty())
            facts << h.leftOutLine();
        out += markdown ? QString(QStringLiteral("- ") + facts.join(QStringLiteral("\n- ")) + u'\n')
                        : QString(facts.join(u'\n') + u'\n');
        out += u'\n' + modeSection(h, true, markdown) + u'\n' + modeSection(h, false, markdown);
        out += markdown ? QStringLiteral("\n### Metrics\n\n") : QStringLiteral("\nMetrics\n");
        for (const QString &line : HistoryDashboard::lines(h, nowUtcMs))
            out += (markdown ? QStringLiteral("- ") : QStringLiteral("  ")) + line + u'\n';
        out += u'\n';
    }
    return out;
}

qint64 HistoryText::daysSince(qint64 thenUtcMs, qint64 nowUtcMs)
{
    return std::max<qint64>(0, (nowUtcMs - thenUtcMs) / (24 * 3600 * 1000));
}

QString HistoryText::daysAgo(qint64 thenUtcMs, qint64 nowUtcMs)
{
    const qint64 days = daysSince(thenUtcMs, nowUtcMs);
    return days == 0   ? QStringLiteral("today")
           : days == 1 ? QStringLiteral("1 day ago")
                       : QStringLiteral("%1 days ago").arg(days);
}

QString HistoryText::declareLine(const QList<ChecklistHistory> &histories,
                                 const Checklist &checklist, qint64 nowUtcMs)
{
    const ChecklistHistory *found = ChecklistHistory::find(histories, checklist);
    const qint64 lastAny = found ? found->lastDrillUtcMs() : -1;
    if (found && !found->drills.isEmpty()) {
        const ChecklistHistory &h = *found;
        const qint64 lastCounted = h.drills.constLast().declaredUtcMs;
        // The number's age and the practice's: one when they fall on the same day. The last
        // counted drill may be open, or short of healthy: not one of the median's.
        const QString counted = daysAgo(lastCounted, nowUtcMs);
        const QString any = daysAgo(lastAny, nowUtcMs);
        const QString last
            = lastAny > lastCounted && any != counted
                  ? QStringLiteral("last counted drill %1; a sped-up or scripted drill %2")
                        .arg(counted, any)
                  : QStringLiteral("last drill %1").arg(counted);
        const DurationStats &t = h.triggerToHealthyDrill;
        if (t.isEmpty())
            return QStringLiteral("This checklist: no drill reached rollback complete yet, %1")
                .arg(last);
        const qint64 minutes = (t.medianMs + 30'000) / 60'000;
        return QStringLiteral("This checklist: %1 median over %2 %3, %4")
            .arg(minutes < 1 ? QStringLiteral("%1 s").arg(t.medianMs / 1000)
                             : QStringLiteral("%1 min").arg(minutes))
            .arg(t.n)
            .arg(t.n == 1 ? QStringLiteral("drill") : QStringLiteral("drills"), last);
    }
    if (lastAny >= 0) // only drills that do not count: sped up, or a players' script played them
        return QStringLiteral("This checklist: not measured yet — %1 sped up or played by a "
                              "script (the last %2); run one people play at ×1")
            .arg(found->leftOut.size() == 1
                     ? QStringLiteral("its 1 drill was")
                     : QStringLiteral("its %1 drills were").arg(found->leftOut.size()),
                 daysAgo(lastAny, nowUtcMs));
    const bool reused
        = std::any_of(histories.cbegin(), histories.cend(), [&](const ChecklistHistory &h) {
              return h.isRevisionOf(checklist) && h.sha256 != checklist.sourceSha256;
          });
    if (reused) // measured, but with other steps or minutes than these
        return QStringLiteral("This checklist: not measured yet — its revision %1 was run with "
                              "other content; run a drill")
            .arg(checklist.revision);
    return QStringLiteral("This checklist: not measured yet — run a drill");
}

QString HistoryText::csv(const QList<ChecklistHistory> &histories)
{
    QString out = QStringLiteral("checklist,revision,mode,step,n,median_ms,p90_ms,min_ms,max_ms,"
                                 "last_ms,trend_ms,expected_ms,incidents,checklist_sha256\r\n");
    for (const ChecklistHistory &h : histories) {
        for (const bool drill : {true, false}) {
            const QString mode = drill ? QStringLiteral("DRILL") : QStringLiteral("LIVE");
            for (const ChecklistHistory::Step &s : h.steps)
                out += csvRow(h, mode, s.id, s.expectedMs, drill ? s.drill : s.live);
            out += csvRow(h, mode, QStringLiteral("trigger-to-healthy"), -1,
                          drill ? h.triggerToHealthyDrill : h.triggerToHealthyLive);
        }
    }
    return out;
}

QString HistoryText::json(const QList<ChecklistHistory> &histories)
{
    QJsonArray checklists;
    for (const ChecklistHistory &h : histories) {
        QJsonArray steps;
        for (const ChecklistHistory::Step &s : h.steps)
            steps.append(QJsonObject{{QStringLiteral("id"), s.id},
                                     {QStringLiteral("title"), s.title},
                                     {QStringLiteral("expected_ms"), s.expectedMs},
                                     {QStringLiteral("drill"), statsJson(s.drill)},
                                     {QStringLiteral("live"), statsJson(s.live)}});
        QJsonArray otherContents; // the same id and revision run with other content
        for (const QByteArray &sha : h.otherContents)
            otherContents.append(QString::fromLatin1(sha));
        checklists.append(QJsonObject{
            {QStringLiteral("id"), h.checklistId},
            {QStringLiteral("revision"), h.revision},
            {QStringLiteral("sha256"), QString::fromLatin1(h.sha256)},
            {QStringLiteral("other_contents"), otherContents},
            {QStringLiteral("title"), h.title},
            {QStringLiteral("drill_incidents"), incidentsJson(h.drills)},
            {QStringLiteral("live_incidents"), incidentsJson(h.live)},
            {QStringLiteral("left_out"), incidentsJson(h.leftOut)},
            {QStringLiteral("left_out_reason"), h.leftOutLine()},
            {QStringLiteral("steps"), steps},
            {QStringLiteral("trigger_to_healthy"),
             QJsonObject{{QStringLiteral("drill"), statsJson(h.triggerToHealthyDrill)},
                         {QStringLiteral("live"), statsJson(h.triggerToHealthyLive)}}}});
    }
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("checklists"), checklists}}).toJson());
}

QString HistoryText::write(const QList<ChecklistHistory> &histories, Format format,
                           const QStringList &problems, qint64 nowUtcMs)
{
    QString body;
    switch (format) {
    case Format::Text:
    case Format::Markdown: {
        const bool md = format == Format::Markdown;
        body = md ? QStringLiteral("# Know your number\n\n") : QString();
        body += QStringLiteral("Durations are each step's first start to its completion, as the "
                               "incident's own report states; a step that failed and was redone "
                               "counts from its first start.\n\n");
        if (histories.isEmpty())
            body += QStringLiteral("No incidents measured yet: run a drill.\n\n");
        body += text(histories, md, nowUtcMs);
        for (const QString &p : problems)
            body += (md ? QStringLiteral("- ") : QString()) + p + u'\n';
        return body;
    }
    case Format::Json:
        return json(histories);
    case Format::Csv:
        return csv(histories);
    }
    return body;
}

} // namespace warroom
