#include "report/RoutineFold.h"

#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

namespace warroom {

namespace {

bool isPoll(const TimelineEvent &e)
{
    return (e.kind == EventKind::ActionRequested || e.kind == EventKind::ActionResponded)
           && e.payload.value(PayloadKey::Phase).toString() == RequestPhase::Poll;
}

QString pollValue(const QJsonObject &p)
{
    const QString error = p.value(PayloadKey::Error).toString();
    if (!error.isEmpty())
        return QStringLiteral("no answer: ") + error;
    QString value = p.value(PayloadKey::ValueText).toString();
    if (value.isEmpty())
        value = QStringLiteral("HTTP %1").arg(p.value(PayloadKey::Status).toInt());
    if (p.contains(PayloadKey::Progress))
        value += QStringLiteral(" (progress %1%)").arg(p.value(PayloadKey::Progress).toDouble());
    return value;
}

QString sampleValue(const QJsonObject &p)
{
    const QString label = p.value(PayloadKey::Label).toString();
    QString value = label.isEmpty() ? QString()
                                    : QStringLiteral("%1 at %2%: ")
                                          .arg(label)
                                          .arg(p.value(PayloadKey::Weight).toDouble());
    if (!p.contains(PayloadKey::ValueText))
        return value + QStringLiteral("no value: ") + p.value(PayloadKey::Error).toString();
    return value
           + QStringLiteral("%1 (threshold %2) %3")
                 .arg(p.value(PayloadKey::ValueText).toString(),
                      p.value(PayloadKey::Threshold).toString(),
                      p.value(PayloadKey::Passed).toBool() ? QStringLiteral("passing")
                                                           : QStringLiteral("FAILING"));
}

} // namespace

bool RoutineFold::isRoutine(const TimelineEvent &e)
{
    return e.kind == EventKind::CheckSampled || isPoll(e);
}

// A ramp's samples fold per stage and gate, so each stage's rows sit after the row that set its
// weight: one row for the whole ramp stood before the later stages and showed their last value
// ("FAILING at 25%") above "setting weight 25%".
void RoutineFold::see(const TimelineEvent &e)
{
    if (startsRun(e.kind, e.payload))
        m_attempt.insert(e.payload.value(PayloadKey::Run).toString(), e.seq);
}

QString RoutineFold::runId(const TimelineEvent &e) const
{
    const QString run = e.payload.value(PayloadKey::Run).toString();
    QString id = run + QStringLiteral("#%1").arg(m_attempt.value(run));
    if (e.payload.contains(PayloadKey::Weight))
        id += QStringLiteral("@%1").arg(e.payload.value(PayloadKey::Weight).toDouble());
    // A ramp's gates fold apart: one row of both read "measured 12 time(s)" with the last
    // gate's value alone, and the other gate (the error rate) was nowhere in the document.
    if (const QString label = e.payload.value(PayloadKey::Label).toString(); !label.isEmpty())
        id += u'\x1f' + label;
    return id;
}

RoutineFold::Run *RoutineFold::findRun(const QString &id)
{
    const auto it = m_runs.find(id);
    return it == m_runs.end() ? nullptr : &*it;
}

RoutineFold::Run &RoutineFold::start(QList<PostmortemReport::TimelineRow> &rows,
                                     const TimelineEvent &e, const QString &id,
                                     PostmortemReport::TimelineRow row)
{
    Run run;
    run.row = rows.size();
    run.item = m_formatter.itemText(e.stepId, e.itemId);
    run.firstMs = e.elapsedMs;
    row.kind = QStringLiteral("routine");
    rows.append(std::move(row));
    return *m_runs.insert(id, run);
}

void RoutineFold::count(QList<PostmortemReport::TimelineRow> &rows, Run &run,
                        const TimelineEvent &e)
{
    ++rows[run.row].folded;
    run.lastMs = e.elapsedMs;
    if (e.kind == EventKind::ActionRequested)
        ++run.polls;
    else if (e.kind == EventKind::ActionResponded)
        run.lastValued = &e;
    else {
        ++run.samples;
        run.lastValued = &e;
        if (run.firstPassMs < 0 && e.payload.value(PayloadKey::Passed).toBool())
            run.firstPassMs = e.elapsedMs;
    }
}

void RoutineFold::finish(QList<PostmortemReport::TimelineRow> &rows) const
{
    for (Run run : m_runs) {
        if (const TimelineEvent *e = run.lastValued)
            run.lastValue = e->kind == EventKind::ActionResponded ? pollValue(e->payload)
                                                                  : sampleValue(e->payload);
        rows[run.row].text = sentence(run);
    }
}

QString RoutineFold::sentence(const Run &run)
{
    const QString span = run.firstMs == run.lastMs
                             ? QStringLiteral("at %1").arg(formatElapsed(run.firstMs))
                             : QStringLiteral("from %1 to %2")
                                   .arg(formatElapsed(run.firstMs), formatElapsed(run.lastMs));
    if (run.samples == 0)
        return QStringLiteral("%1: job polled %2 time(s) %3; last answer %4")
            .arg(run.item)
            .arg(run.polls)
            .arg(span, run.lastValue);
    const QString pass = run.firstPassMs < 0
                             ? QStringLiteral("never passed")
                             : QStringLiteral("first pass at %1").arg(formatElapsed(run.firstPassMs));
    return QStringLiteral("%1: measured %2 time(s) %3; %4; last value %5")
        .arg(run.item)
        .arg(run.samples)
        .arg(span, pass, run.lastValue);
}

} // namespace warroom
