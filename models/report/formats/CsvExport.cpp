#include "report/formats/CsvExport.h"

#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <QHash>
#include <QJsonArray>

namespace warroom {

namespace {

QString field(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')
        && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace

QByteArray CsvExport::write(const PostmortemReport &r)
{
    QString out = QStringLiteral("seq,utc,t_plus,mode,actor,step,kind,event,actor_roles\r\n");
    // The roles each event's actor held when it was recorded (PayloadKey::ActorRoles).
    QHash<qint64, QString> roles;
    for (const TimelineEvent &e : r.events) {
        QStringList titles;
        for (const QJsonValue &v : e.payload.value(PayloadKey::ActorRoles).toArray())
            titles << r.checklist.roleTitle(v.toString());
        if (!titles.isEmpty())
            roles.insert(e.seq, titles.join(QStringLiteral("; ")));
    }
    for (const auto &t : r.timeline) {
        const QStringList fields{QString::number(t.seq),
                                 formatUtc(t.utcMs),
                                 formatElapsed(t.elapsedMs),
                                 r.modeWord(),
                                 t.actor,
                                 t.stepNumber > 0 ? QString::number(t.stepNumber) : QString(),
                                 t.kind,
                                 t.text,
                                 roles.value(t.seq)};
        QStringList quoted;
        for (const QString &f : fields)
            quoted << field(f);
        out += quoted.join(u',') + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

} // namespace warroom
