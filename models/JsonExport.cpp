#include "JsonExport.h"

#include "EventChain.h"
#include "JsonSyntaxError.h"
#include "JsonText.h"
#include "ReportText.h"

#include <QJsonDocument>

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

} // namespace

QByteArray JsonExport::write(const PostmortemReport &r)
{
    const IncidentRecord &i = r.incident;
    Ordered variables = Ordered::object();
    for (auto it = i.variables.cbegin(); it != i.variables.cend(); ++it)
        variables[utf8(it.key())] = utf8(it.value());

    Ordered steps = Ordered::array();
    for (const auto &s : r.steps) {
        steps.push_back({{"number", s.number},
                         {"id", utf8(s.id)},
                         {"title", utf8(s.title)},
                         {"role", utf8(s.role)},
                         {"state", utf8(s.state)},
                         {"critical", s.critical},
                         {"planned_ms", s.plannedMs},
                         {"actual_ms", s.actualMs >= 0 ? Ordered(s.actualMs) : Ordered()},
                         {"started_ms", s.startedMs >= 0 ? Ordered(s.startedMs) : Ordered()},
                         {"ended_ms", s.endedMs >= 0 ? Ordered(s.endedMs) : Ordered()},
                         {"confirmed_by", Ordered::array()},
                         {"overrides", Ordered::array()}});
        for (const QString &p : s.confirmedBy)
            steps.back()["confirmed_by"].push_back(utf8(p));
        for (const QString &o : s.overrides)
            steps.back()["overrides"].push_back(utf8(o));
    }
    Ordered decisions = Ordered::array();
    for (const auto &d : r.decisions)
        decisions.push_back({{"question", utf8(d.question)},
                             {"answer", utf8(d.answer)},
                             {"actor", utf8(d.actor)},
                             {"elapsed_ms", d.atMs}});

    QHash<qint64, QString> texts;
    for (const auto &t : r.timeline)
        texts.insert(t.seq, t.text);
    // The events are written by hand, one compact object a line: building a JSON tree of 100,000
    // events and dumping it takes seconds; this takes a fraction of one.
    QByteArray events;
    events.reserve(r.events.size() * 400);
    auto key = [&events](const char *name) {
        events += '"';
        events += name;
        events += "\":";
    };
    auto string = [&events](const QString &value) {
        appendJsonString(events, value.toUtf8());
    };
    auto nullable = [&](const QString &value) {
        if (value.isEmpty())
            events += "null";
        else
            string(value);
    };
    for (qsizetype n = 0; n < r.events.size(); ++n) {
        const TimelineEvent &e = r.events.at(n);
        events += n == 0 ? "    {" : ",\n    {";
        key("seq");
        events += QByteArray::number(e.seq);
        if (r.omitted.contains(e.seq)) {
            events += ',';
            key("omitted");
            events += "true";
        } else {
            events += ',';
            key("utc_ms");
            events += QByteArray::number(e.utcMs);
            events += ',';
            key("elapsed_ms");
            events += QByteArray::number(e.elapsedMs);
            events += ',';
            key("actor");
            string(e.actor);
            events += ',';
            key("kind");
            string(e.kind);
            events += ',';
            key("step");
            nullable(e.stepId);
            events += ',';
            key("item");
            nullable(e.itemId);
            events += ',';
            key("payload");
            events += (e.payloadText.isNull() ? EventChain::canonicalPayload(e.payload)
                                              : e.payloadText)
                          .toUtf8();
            events += ',';
            key("text");
            string(texts.value(e.seq));
        }
        events += ',';
        key("prev_hash");
        appendJsonString(events, e.prevHash);
        events += ',';
        key("hash");
        appendJsonString(events, e.hash);
        events += '}';
    }

    const Ordered doc = {
        {"format", "warroom-incident-export"},
        {"format_version", 1},
        {"generated_utc_ms", r.options.generatedUtcMs},
        {"incident",
         {{"id", i.id},
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
            {"source", i.checklistSource.toStdString()}}}}},
        {"slice",
         {{"from_ms", optionalMs(r.options.fromMs)},
          {"to_ms", optionalMs(r.options.toMs)},
          {"private_notes_included", r.options.includePrivateNotes},
          {"omitted_events", r.omitted.size()}}},
        {"chain",
         {{"genesis_hash", EventChain::genesisHash(i).toStdString()},
          {"event_count", r.chain.eventCount},
          {"head_hash", r.chain.headHash.toStdString()},
          {"intact", r.chain.intact}}},
        {"summary",
         {{"closed", r.closed},
          {"duration_ms", r.durationMs},
          {"rollback_start_ms", optionalMs(r.rollbackStartMs)},
          {"rollback_complete_ms", optionalMs(r.rollbackCompleteMs)},
          {"trigger_to_healthy_ms", r.rollbackStartMs && r.rollbackCompleteMs
                                        ? Ordered(*r.rollbackCompleteMs - *r.rollbackStartMs)
                                        : Ordered()},
          {"people", Ordered::array()},
          {"decisions", decisions},
          {"steps", steps}}},
    };
    Ordered out = doc;
    for (const QString &p : r.people)
        out["summary"]["people"].push_back(utf8(p));
    // Splice the hand-written events in as the last member of the document.
    std::string head = out.dump(2);
    head.pop_back(); // the closing brace
    while (!head.empty() && head.back() == '\n')
        head.pop_back();
    return QByteArray::fromStdString(head) + ",\n  \"events\": [\n" + events + "\n  ]\n}\n";
}

IncidentExport IncidentExport::read(const QByteArray &data, const QString &fileName)
{
    IncidentExport x;
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(data.cbegin(), data.cend());
    } catch (const nlohmann::json::parse_error &e) {
        x.diagnostics.append(jsonSyntaxDiagnostic(data, e.byte, e.what(), fileName));
        return x;
    }
    auto fail = [&](const QString &path, const QString &message) {
        x.diagnostics.append({fileName, 0, 0, path, message});
        return x;
    };
    try {
        if (!doc.is_object() || doc.value("format", std::string()) != "warroom-incident-export")
            return fail(QStringLiteral("$.format"),
                        QStringLiteral("not a warroom incident export"));
        if (doc.value("format_version", 0) > 1)
            return fail(QStringLiteral("$.format_version"),
                        QStringLiteral("written by a newer warroom; update warroom"));
        const auto &inc = doc.at("incident");
        IncidentRecord &r = x.incident;
        r.id = inc.at("id").get<qint64>();
        r.uuid = QString::fromStdString(inc.at("uuid").get<std::string>());
        r.title = QString::fromStdString(inc.at("title").get<std::string>());
        r.commander = QString::fromStdString(inc.at("commander").get<std::string>());
        r.mode = incidentModeFromName(QString::fromStdString(inc.at("mode").get<std::string>()));
        r.declaredUtcMs = inc.at("declared_utc_ms").get<qint64>();
        for (const auto &[k, v] : inc.at("variables").items())
            r.variables.insert(QString::fromStdString(k),
                               QString::fromStdString(v.get<std::string>()));
        const auto &c = inc.at("checklist");
        r.checklistId = QString::fromStdString(c.at("id").get<std::string>());
        r.checklistRevision = QString::fromStdString(c.at("revision").get<std::string>());
        r.checklistSha256 = QByteArray::fromStdString(c.at("sha256").get<std::string>());
        r.checklistSource = QByteArray::fromStdString(c.at("source").get<std::string>());
        x.anchor.eventCount = doc.at("chain").at("event_count").get<qint64>();
        x.anchor.headHash
            = QByteArray::fromStdString(doc.at("chain").at("head_hash").get<std::string>());
        const auto &events = doc.at("events");
        for (std::size_t n = 0; n < events.size(); ++n) {
            const auto &j = events.at(n);
            TimelineEvent e;
            e.incidentId = r.id;
            e.seq = j.at("seq").get<qint64>();
            e.prevHash = QByteArray::fromStdString(j.at("prev_hash").get<std::string>());
            e.hash = QByteArray::fromStdString(j.at("hash").get<std::string>());
            if (j.value("omitted", false)) {
                x.omitted.insert(e.seq);
                x.events.append(e);
                continue;
            }
            e.utcMs = j.at("utc_ms").get<qint64>();
            e.elapsedMs = j.at("elapsed_ms").get<qint64>();
            e.actor = QString::fromStdString(j.at("actor").get<std::string>());
            e.kind = QString::fromStdString(j.at("kind").get<std::string>());
            if (!j.at("step").is_null())
                e.stepId = QString::fromStdString(j.at("step").get<std::string>());
            if (!j.at("item").is_null())
                e.itemId = QString::fromStdString(j.at("item").get<std::string>());
            const std::string payload = j.at("payload").dump();
            e.payload = QJsonDocument::fromJson(QByteArray::fromStdString(payload)).object();
            x.events.append(e);
        }
    } catch (const nlohmann::json::exception &e) {
        // A missing key or a wrong type: say which, rather than guess.
        return fail(QStringLiteral("$"),
                    QStringLiteral("malformed export: ") + QString::fromUtf8(e.what()));
    }
    return x;
}

} // namespace warroom
