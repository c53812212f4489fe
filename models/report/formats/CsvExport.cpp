#include "report/formats/CsvExport.h"

#include "report/formats/ChunkedOutput.h"

#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <QBuffer>
#include <QHash>
#include <QJsonArray>

namespace warroom {

namespace {

// A text's UTF-8 in a buffer kept for every field: ASCII, nearly every field, narrowed in place.
QByteArrayView utf8(const QString &text, QByteArray &scratch)
{
    scratch.resize(text.size());
    char *p = scratch.data();
    for (const QChar ch : text) {
        if (ch.unicode() >= 0x80) {
            scratch = text.toUtf8();
            return scratch;
        }
        *p++ = static_cast<char>(ch.unicode());
    }
    return scratch;
}

// The roles each event's actor held when it was recorded (PayloadKey::ActorRoles).
QHash<qint64, QString> actorRoles(const PostmortemReport &r)
{
    QHash<qint64, QString> roles;
    for (const TimelineEvent &e : r.events) {
        QStringList titles;
        for (const QJsonValue &v : e.payload.value(PayloadKey::ActorRoles).toArray())
            titles << r.checklist.roleTitle(v.toString());
        if (!titles.isEmpty())
            roles.insert(e.seq, titles.join(QStringLiteral("; ")));
    }
    return roles;
}

} // namespace

QByteArray CsvExport::write(const PostmortemReport &r)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    (void)write(r, buffer); // a QBuffer in memory does not fail
    return buffer.data();
}

bool CsvExport::write(const PostmortemReport &r, QIODevice &device)
{
    ChunkedOutput out(device);
    out += QByteArrayView("seq,utc,t_plus,mode,actor,step,kind,event,actor_roles\r\n");
    const QHash<qint64, QString> roles = actorRoles(r);
    const QByteArray mode = r.modeWord().toUtf8();
    QByteArray scratch;
    for (const auto &t : r.timeline) {
        out.appendNumber(t.seq);
        out += ',';
        out.appendCsvField(utf8(formatUtc(t.utcMs), scratch));
        out += ',';
        out.appendCsvField(utf8(formatElapsed(t.elapsedMs), scratch));
        out += ',';
        out.appendCsvField(mode);
        out += ',';
        out.appendCsvField(utf8(t.actor, scratch));
        out += ',';
        if (t.stepNumber > 0)
            out.appendNumber(t.stepNumber);
        out += ',';
        out.appendCsvField(utf8(t.kind, scratch));
        out += ',';
        out.appendCsvField(utf8(t.text, scratch));
        out += ',';
        out.appendCsvField(utf8(roles.value(t.seq), scratch));
        out += QByteArrayView("\r\n");
    }
    return out.flush();
}

} // namespace warroom
