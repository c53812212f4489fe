#include "report/AuditEvidence.h"

#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <QHash>

namespace warroom {

namespace {

struct Sent
{
    qsizetype line = 0;
    QString text;
};

QString answerText(const TimelineEvent &e)
{
    const QString error = e.payload.value(PayloadKey::Error).toString();
    const QString what = error.isEmpty()
                             ? QStringLiteral("HTTP %1").arg(e.payload.value(PayloadKey::Status).toInt())
                             : QStringLiteral("no answer (%1)").arg(error);
    return QStringLiteral("answered %1 at %2 in %3 ms")
        .arg(what, formatElapsed(e.elapsedMs))
        .arg(e.payload.value(PayloadKey::DurationMs).toInt());
}

QString sampleText(const QJsonObject &p)
{
    const QString value = p.contains(PayloadKey::ValueText)
                              ? p.value(PayloadKey::ValueText).toString()
                              : QStringLiteral("no value (%1)").arg(p.value(PayloadKey::Error).toString());
    return QStringLiteral("measured %1 against threshold %2: %3")
        .arg(value, p.value(PayloadKey::Threshold).toString(),
             p.value(PayloadKey::Passed).toBool() ? QStringLiteral("passed")
                                                  : QStringLiteral("FAILED"));
}

bool isWebhook(const QString &url, const QString &item)
{
    return url.contains(QLatin1String("webhook"), Qt::CaseInsensitive)
           || item.contains(QLatin1String("webhook"), Qt::CaseInsensitive);
}

} // namespace

void AuditEvidence::collect(const TimelineEvents &events, const EventFormatter &formatter,
                            QStringList &notifications, QStringList &validations)
{
    QHash<QString, qsizetype> posts;        // run -> its line in notifications
    QHash<QString, QJsonObject> lastSample; // run -> its last sample
    // A ramp run's gate (run and label) -> its last line in validations and that line's weight.
    // Keyed by the run alone, a ramp's second gate at the same weight took the first's line: the
    // error rate sampled at every stage was missing from the audit evidence.
    QHash<QString, std::pair<qsizetype, double>> gates;
    for (const TimelineEvent &e : events) {
        // Four kinds of a hundred thousand events say anything here: the kind is asked first, and
        // the item's text (its variables expanded) is made only for a line that names it.
        if (e.kind != EventKind::ActionRequested && e.kind != EventKind::ActionResponded
            && e.kind != EventKind::CheckSampled && e.kind != EventKind::CheckFinished)
            continue;
        const QJsonObject &p = e.payload;
        const QString run = p.value(PayloadKey::Run).toString();
        const auto item = [&] { return formatter.itemText(e.stepId, e.itemId); };
        const QString phase = p.value(PayloadKey::Phase).toString();
        if (e.kind == EventKind::ActionRequested && (phase.isEmpty() || phase == RequestPhase::Send)) {
            const QJsonObject req = p.value(PayloadKey::Request).toObject();
            const QString url = req.value(PayloadKey::Url).toString();
            const QString itemText = item();
            if (!isWebhook(url, itemText))
                continue;
            posts.insert(run, notifications.size());
            notifications << QStringLiteral("%1 %2: %3 %4 for %5")
                                 .arg(formatElapsed(e.elapsedMs), e.actor,
                                      req.value(PayloadKey::Method).toString(), url, itemText);
        } else if (e.kind == EventKind::ActionResponded && posts.contains(run)
                   && phase == RequestPhase::Send) {
            notifications[posts.value(run)] += QStringLiteral("; ") + answerText(e);
        } else if (e.kind == EventKind::CheckSampled) {
            lastSample.insert(run, p);
            if (!p.contains(PayloadKey::Label))
                continue;
            // A ramp's gate: its check at one weight, listed once a weight (the last sample).
            const double weight = p.value(PayloadKey::Weight).toDouble();
            const QString line = QStringLiteral("%1 %2, gate “%3” at weight %4%: %5")
                                     .arg(formatElapsed(e.elapsedMs), item(),
                                          p.value(PayloadKey::Label).toString())
                                     .arg(weight)
                                     .arg(sampleText(p));
            // Its own line, not the last one: another run's line may have come in between.
            const QString key = run + u'\x1f' + p.value(PayloadKey::Label).toString();
            const auto gate = gates.constFind(key);
            if (gate != gates.cend() && gate->second == weight) {
                validations[gate->first] = line;
            } else {
                gates.insert(key, {validations.size(), weight});
                validations << line;
            }
        } else if (e.kind == EventKind::CheckFinished && lastSample.contains(run)) {
            validations << QStringLiteral("%1 %2: %3 (run %4)")
                               .arg(formatElapsed(e.elapsedMs), item(),
                                    sampleText(lastSample.value(run)),
                                    p.value(PayloadKey::Outcome).toString());
        }
    }
}

} // namespace warroom
