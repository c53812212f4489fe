#include "report/formats/JsonExport.h"

#include "report/formats/ChunkedOutput.h"
#include "report/formats/InterleavedLines.h"
#include "report/formats/JsonEventLines.h"
#include "report/formats/RoomSections.h"

#include "chain/EventChain.h"
#include "report/ReportText.h"
#include "util/JsonReader.h"
#include "util/JsonText.h"
#include "util/JsonWalker.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <limits>

#include <nlohmann/json.hpp>

namespace warroom {

namespace {

using Ordered = nlohmann::ordered_json;

std::string utf8(const QString &s)
{
    return s.toStdString();
}

Ordered optionalMs(const std::optional<qint64> &v)
{
    return v ? Ordered(*v) : Ordered();
}

Ordered nonNegativeMs(qint64 v)
{
    return v >= 0 ? Ordered(v) : Ordered();
}

Ordered strings(const QStringList &list)
{
    Ordered out = Ordered::array();
    for (const QString &s : list)
        out.push_back(utf8(s));
    return out;
}

Ordered incidentJson(const IncidentRecord &i)
{
    Ordered variables = Ordered::object();
    for (auto it = i.variables.cbegin(); it != i.variables.cend(); ++it)
        variables[utf8(it.key())] = utf8(it.value());
    return {{"id", i.id},
            {"uuid", utf8(i.uuid)},
            {"title", utf8(i.title)},
            {"commander", utf8(i.commander)},
            {"mode", utf8(incidentModeName(i.mode))},
            {"declared_utc_ms", i.declaredUtcMs},
            {"variables", variables},
            {"checklist",
             {{"id", utf8(i.checklistId)},
              {"revision", utf8(i.checklistRevision)},
              {"sha256", i.checklistSha256.toStdString()},
              {"source", i.checklistSource.toStdString()}}}};
}

Ordered sliceJson(const PostmortemReport &r)
{
    return {{"from_ms", optionalMs(r.options.fromMs)},
            {"to_ms", optionalMs(r.options.toMs)},
            {"private_notes_included", r.options.includePrivateNotes},
            {"omitted_events", r.omitted.size()}};
}

Ordered chainJson(const PostmortemReport &r)
{
    return {{"genesis_hash", EventChain::genesisHash(r.incident).toStdString()},
            {"event_count", r.chain.eventCount},
            {"head_hash", r.chain.headHash.toStdString()},
            {"intact", r.chain.intact}};
}

Ordered stepsJson(const PostmortemReport &r)
{
    Ordered steps = Ordered::array();
    for (const auto &s : r.steps) {
        steps.push_back({{"number", s.number},
                         {"id", utf8(s.id)},
                         {"title", utf8(s.title)},
                         {"role", utf8(s.role)},
                         {"state", utf8(s.state)},
                         {"critical", s.critical},
                         {"planned_ms", s.plannedMs},
                         {"actual_ms", nonNegativeMs(s.actualMs)},
                         {"started_ms", nonNegativeMs(s.startedMs)},
                         {"ended_ms", nonNegativeMs(s.endedMs)},
                         {"confirmed_by", strings(s.confirmedBy)},
                         {"overrides", strings(s.overrides)}});
    }
    return steps;
}

Ordered decisionsJson(const PostmortemReport &r)
{
    Ordered decisions = Ordered::array();
    for (const auto &d : r.decisions)
        decisions.push_back({{"question", utf8(d.question)},
                             {"answer", utf8(d.answer)},
                             {"actor", utf8(d.actor)},
                             {"elapsed_ms", d.atMs}});
    return decisions;
}

// The clock the room's screens showed when it was not real time (ReportText::screensClockLine),
// else null.
Ordered screensClockJson(const PostmortemReport &r)
{
    const std::optional<ScreenClock> clock = ReportText::screensClock(r);
    if (!clock)
        return Ordered();
    return {{"drill_clock", clock->isDrillClock()},
            {"speed", clock->isDrillClock() ? clock->speed() : 1.0},
            {"pauses", clock->pauseCount()},
            // Stopped where a drill's runner ended it, as the screens did.
            {"shown_duration_ms", clock->shownMs(clock->liveAt(r.durationMs))}};
}

Ordered summaryJson(const PostmortemReport &r)
{
    return {{"closed", r.closed},
            {"duration_ms", r.durationMs},
            {"rollback_start_ms", optionalMs(r.rollbackStartMs)},
            {"rollback_complete_ms", optionalMs(r.rollbackCompleteMs)},
            {"trigger_to_healthy_ms", r.rollbackStartMs && r.rollbackCompleteMs
                                          ? Ordered(*r.rollbackCompleteMs - *r.rollbackStartMs)
                                          : Ordered()},
            // Every _ms here is real time: a dashboard took a ×50 drill's 5.4 s for a rollback.
            {"drill_speed", r.drillSpeed},
            {"screens_clock", screensClockJson(r)},
            {"people", strings(r.people)},
            {"room", Ordered::parse(RoomSections::json(r).toStdString())},
            {"decisions", decisionsJson(r)},
            {"steps", stepsJson(r)}};
}

} // namespace

bool JsonExport::write(const PostmortemReport &r, QIODevice &device)
{
    const Ordered doc = {
        {"format", "warroom-incident-export"},
        {"format_version", 1},
        {"generated_utc_ms", r.options.generatedUtcMs},
        {"incident", incidentJson(r.incident)},
        {"slice", sliceJson(r)},
        {"chain", chainJson(r)},
        {"summary", summaryJson(r)},
    };
    // The hand-written events go in as the last member of the document.
    std::string head = doc.dump(2);
    head.pop_back(); // the closing brace
    while (!head.empty() && head.back() == '\n')
        head.pop_back();
    ChunkedOutput out(device);
    out += QByteArrayView(head.data(), qsizetype(head.size()));
    out += QByteArrayView(",\n  \"events\": [\n");
    InterleavedLines::write(out, r.events.size(),
                            [&r](ChunkedOutput &lines, qsizetype from, qsizetype to) {
                                JsonEventLines(r, lines).write(from, to);
                            });
    out += QByteArrayView("\n  ]\n}\n");
    return out.flush();
}

namespace {

// Reads an export field by field. Every problem names its place: the JSON path and, inside the
// events, the event's sequence number, so `verify` never answers a forged file with a bare '$'.
class ExportReader : public JsonWalker
{
public:
    ExportReader(const QString &fileName, IncidentExport &out)
        : JsonWalker(fileName)
        , m_out(out)
    {}

    Diagnostics read(const Json &doc);

private:
    bool readInt64(const Json &obj, const char *key, const QString &path, qint64 &out,
                   qint64 min = std::numeric_limits<qint64>::min())
    {
        const Json *j = member(obj, key, path, true);
        if (!j)
            return false;
        long long v = 0;
        if (!integerInRange(*j, min, std::numeric_limits<qint64>::max(), v)) {
            error(path + u'.' + QString::fromLatin1(key),
                  j->is_number_integer()
                      ? QStringLiteral("must be from %1 to %2")
                            .arg(min)
                            .arg(std::numeric_limits<qint64>::max())
                      : QStringLiteral("expected an integer, found ") + jsonTypeName(*j));
            return false;
        }
        out = v;
        return true;
    }

    bool readHash(const Json &obj, const char *key, const QString &path, QByteArray &out)
    {
        static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}\\z"));
        QString text;
        if (!readString(obj, key, path, text, true))
            return false;
        if (!sha256.match(text).hasMatch()) {
            error(path + u'.' + QString::fromLatin1(key),
                  QStringLiteral("expected a SHA-256 as 64 lower-case hex digits, found ")
                      + quoted(text));
            return false;
        }
        out = text.toLatin1();
        return true;
    }

    bool readNullableString(const Json &obj, const char *key, const QString &path, QString &out)
    {
        const Json *j = member(obj, key, path, true);
        if (!j || j->is_null())
            return j != nullptr;
        return readString(obj, key, path, out, true, true);
    }

    void readIncident(const Json &inc);
    void readEvent(const Json &j, std::size_t index);

    IncidentExport &m_out;
};

Diagnostics ExportReader::read(const Json &doc)
{
    const QString root = QStringLiteral("$");
    if (!doc.is_object() || !doc.contains("format")
        || doc.at("format") != "warroom-incident-export") {
        error(QStringLiteral("$.format"), QStringLiteral("not a warroom incident export"));
        return m_diagnostics;
    }
    qint64 version = 0;
    if (readInt64(doc, "format_version", root, version, 1) && version > 1)
        error(QStringLiteral("$.format_version"),
              QStringLiteral("written by a newer warroom; update warroom"));
    if (const Json *inc = member(doc, "incident", root, true);
        inc && expectObject(*inc, QStringLiteral("$.incident")))
        readIncident(*inc);
    if (const Json *chain = member(doc, "chain", root, true);
        chain && expectObject(*chain, QStringLiteral("$.chain"))) {
        readInt64(*chain, "event_count", QStringLiteral("$.chain"), m_out.anchor.eventCount, 0);
        readHash(*chain, "head_hash", QStringLiteral("$.chain"), m_out.anchor.headHash);
        // Not read before: 64 zeros here, and verify still said "every one checked" (verify()).
        if (chain->contains("genesis_hash"))
            readHash(*chain, "genesis_hash", QStringLiteral("$.chain"), m_out.claimedGenesis);
    }
    if (const Json *slice = member(doc, "slice", root, false);
        slice && expectObject(*slice, QStringLiteral("$.slice"))
        && slice->contains("omitted_events"))
        readInt64(*slice, "omitted_events", QStringLiteral("$.slice"), m_out.claimedOmitted, 0);
    if (const Json *events = readArray(doc, "events", root, true)) {
        for (std::size_t n = 0; n < events->size(); ++n)
            readEvent((*events)[n], n);
    }
    return m_diagnostics;
}

void ExportReader::readIncident(const Json &inc)
{
    const QString p = QStringLiteral("$.incident");
    IncidentRecord &r = m_out.incident;
    readInt64(inc, "id", p, r.id);
    readString(inc, "uuid", p, r.uuid, true);
    readString(inc, "title", p, r.title, true, true);
    readString(inc, "commander", p, r.commander, true, true);
    QString mode;
    // Anything but "drill" read as live: a hand-made "Drill" or "exercise" turned a rehearsal into
    // a live incident, in the history and on every screen.
    if (readString(inc, "mode", p, mode, true)) {
        if (mode != incidentModeName(IncidentMode::Live)
            && mode != incidentModeName(IncidentMode::Drill))
            error(p + QStringLiteral(".mode"),
                  quoted(mode) + QStringLiteral(" is not a mode (live or drill)"));
        r.mode = incidentModeFromName(mode);
    }
    readInt64(inc, "declared_utc_ms", p, r.declaredUtcMs);
    if (const Json *vars = member(inc, "variables", p, true);
        vars && expectObject(*vars, p + QStringLiteral(".variables"))) {
        for (const auto &[k, v] : vars->items()) {
            if (!v.is_string()) {
                error(memberPath(p + QStringLiteral(".variables"), k),
                      QStringLiteral("expected a string, found ") + jsonTypeName(v));
                continue;
            }
            r.variables.insert(QString::fromStdString(k),
                               QString::fromStdString(v.get<std::string>()));
        }
    }
    const QString cp = p + QStringLiteral(".checklist");
    if (const Json *c = member(inc, "checklist", p, true); c && expectObject(*c, cp)) {
        readString(*c, "id", cp, r.checklistId, true);
        readString(*c, "revision", cp, r.checklistRevision, true, true);
        QString text;
        if (readString(*c, "sha256", cp, text, true, true))
            r.checklistSha256 = text.toUtf8();
        if (readString(*c, "source", cp, text, true, true))
            r.checklistSource = text.toUtf8();
    }
}

void ExportReader::readEvent(const Json &j, std::size_t index)
{
    const QString p = QStringLiteral("$.events[%1]").arg(index);
    if (!expectObject(j, p))
        return;
    const qsizetype before = m_diagnostics.size();
    TimelineEvent e;
    e.incidentId = m_out.incident.id;
    const bool hasSeq = readInt64(j, "seq", p, e.seq, 1);
    readHash(j, "prev_hash", p, e.prevHash);
    readHash(j, "hash", p, e.hash);
    bool omitted = false;
    if (j.contains("omitted") && !readBool(j, "omitted", p, omitted)) {
        // Placeholder or event? Neither can be read without knowing.
    } else if (omitted) {
        // A placeholder stands for an event left out: anything beyond its links would be content
        // that nothing checks, free for a forger to write.
        for (const auto &[key, value] : j.items()) {
            if (key != "seq" && key != "omitted" && key != "prev_hash" && key != "hash")
                error(memberPath(p, key),
                      QStringLiteral("an omitted event carries only seq, prev_hash and hash, "
                                     "not ")
                          + quoted(QString::fromStdString(key)));
        }
    } else {
        readInt64(j, "utc_ms", p, e.utcMs);
        readInt64(j, "elapsed_ms", p, e.elapsedMs);
        readString(j, "actor", p, e.actor, true, true);
        readString(j, "kind", p, e.kind, true);
        readNullableString(j, "step", p, e.stepId);
        readNullableString(j, "item", p, e.itemId);
        if (const Json *payload = member(j, "payload", p, true);
            payload && expectObject(*payload, p + QStringLiteral(".payload")))
            e.payload
                = QJsonDocument::fromJson(QByteArray::fromStdString(payload->dump())).object();
    }
    if (m_diagnostics.size() > before) {
        // Name the event as people know it, by its sequence number.
        const QString who = hasSeq ? QStringLiteral("event %1: ").arg(e.seq)
                                   : QStringLiteral("event #%1 in the file: ").arg(index + 1);
        for (qsizetype d = before; d < m_diagnostics.size(); ++d)
            m_diagnostics[d].message.prepend(who);
        return;
    }
    if (omitted)
        m_out.omitted.insert(e.seq);
    m_out.events.append(e);
}

// Beyond this many, the rest of an export's problems are counted, not listed.
constexpr qsizetype maxDiagnostics = 100;

} // namespace

IncidentExport IncidentExport::read(const QByteArray &data, const QString &fileName)
{
    IncidentExport x;
    const auto doc = JsonReader::parse(data, fileName, x.diagnostics);
    if (!doc)
        return x;
    try {
        x.diagnostics = ExportReader(fileName, x).read(*doc);
    } catch (const nlohmann::json::exception &e) {
        // Not reached for any input known: the reader checks each type before it reads.
        x.diagnostics.append({fileName, 0, 0, QStringLiteral("$"),
                              QStringLiteral("malformed export: ") + QString::fromUtf8(e.what())});
    }
    if (x.diagnostics.size() > maxDiagnostics) {
        const qsizetype more = x.diagnostics.size() - maxDiagnostics;
        x.diagnostics.resize(maxDiagnostics);
        x.diagnostics.append(
            {fileName, 0, 0, {}, QStringLiteral("%1 more problems not shown").arg(more)});
    }
    return x;
}

} // namespace warroom

namespace warroom {

ChainReport IncidentExport::verify() const
{
    ChainReport r = ChainVerifier::verifyExport(incident, events, anchor, omitted, claimedOmitted);
    // Events link to the record's own hash, so a changed record breaks the walk first; a genesis
    // hash edited on its own was a false statement the walk never read.
    const QByteArray genesis = EventChain::genesisHash(incident);
    if (r.intact && !claimedGenesis.isEmpty() && claimedGenesis != genesis) {
        r.intact = false;
        r.brokenAt = 0;
        r.problem = QStringLiteral("the export's genesis_hash %1\u2026 is not the hash of its "
                                   "incident record (%2\u2026): the export was edited after it "
                                   "was written")
                        .arg(QString::fromLatin1(claimedGenesis.left(12)),
                             QString::fromLatin1(genesis.left(12)));
    }
    return r;
}

} // namespace warroom
