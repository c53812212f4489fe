#include "transfer/IncidentImport.h"

#include "chain/ChainVerifier.h"
#include "checklist/ChecklistParser.h"
#include "store/TimelineStore.h"
#include "timeline/EventTimes.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"
#include "util/OneLine.h"

#include <QDateTime>

namespace warroom {

namespace {

constexpr qint64 maxUtcMs = EventTimes::latestUtcMs;

class ImportChecks
{
public:
    // Export: a file from anywhere, held to today's rules. Store: an incident as a store of this
    // app holds it (`warroom copy`), which an older build may have written under older rules; what
    // it could have written honestly is a warning (m_recordedAsIs), and only what no build writes
    // (a forgery) is refused.
    enum class Rules { Export, Store };
    ImportChecks(const IncidentExport &x, const QString &fileName, Rules rules = Rules::Export)
        : m_x(x)
        , m_file(fileName)
        , m_rules(rules)
    {}

    enum class Chain { Verified, LeftToCaller };
    Diagnostics run(Chain chain = Chain::Verified)
    {
        incident();
        events();
        checklist();
        if (m_out.isEmpty() && chain == Chain::Verified)
            this->chain(); // a chain over fields already refused would only repeat them
        return m_out;
    }
    const ChainReport &chainReport() const { return m_chain; }
    const Diagnostics &recordedAsIs() const { return m_recordedAsIs; }

private:
    void error(const QString &path, const QString &message)
    {
        m_out.append({m_file, 0, 0, path, message});
    }
    // Something an older build wrote under the rules of its day: refused in an export, kept as
    // recorded (and said) in a copy between stores.
    void olderRule(const QString &path, const QString &message)
    {
        if (m_rules == Rules::Store)
            m_recordedAsIs.append({m_file, 0, 0, path, message});
        else
            error(path, message);
    }

    // Names, ids and kinds are one line each wherever the app writes them today; a CR or LF in
    // one (a forged export, its hashes computed again) would forge lines in every document.
    // C1 controls and the line and paragraph separators too: a title with U+0085 and U+2028 was
    // imported, which the declare dialog refuses. A bidirectional control is kept: an older build
    // took it, and every display shows it as U+FFFD.
    // Older builds took some: any control character in a variable's value, a title or a name
    // until 2026-12-01 (`note --actor` and a drill scenario's names took a line feed too), and
    // until 2026-12-07 an id or a variable's name ending in a line feed (the patterns' `$`
    // matched before a final one) and anything in a checklist's revision. A store may hold
    // those; a kind or a uuid never.
    enum class Since { Always, Names, Ids, Revisions };
    void oneLine(const QString &path, const QString &text, Since since = Since::Always)
    {
        const auto found = OneLine::firstBreaker(text, OneLine::Bidi::Kept);
        if (!found)
            return;
        const QString message
            = QStringLiteral("control character %1 at character %2 in a one-line field")
                  .arg(OneLine::codePoint(found->code), QString::number(found->at));
        const bool idEndingInLineFeed = text.size() > 1 && text.endsWith(u'\n')
                                        && found->code == u'\n'
                                        && found->at == OneLine::characterCount(text);
        if (since == Since::Names)
            olderRule(path, message + QStringLiteral(", which builds before 2026-12-01 accepted"));
        else if (since == Since::Revisions)
            olderRule(path, message + QStringLiteral(", which builds before 2026-12-07 accepted"));
        else if (since == Since::Ids && idEndingInLineFeed)
            olderRule(path, message + QStringLiteral(", which builds before 2026-12-07 accepted"));
        else
            error(path, message);
    }

    void time(const QString &path, qint64 utcMs, qint64 notBefore)
    {
        if (utcMs < notBefore || utcMs > maxUtcMs) {
            error(path, QStringLiteral("%1 is out of range (%2 to %3)")
                            .arg(utcMs)
                            .arg(notBefore)
                            .arg(maxUtcMs));
        } else if (m_rules == Rules::Store && utcMs > m_latestUtcMs - leewayMs + fastClockMs) {
            // A clock that ran fast is minutes or hours out; weeks ahead is no clock of a
            // working store, and every note added after it would be stamped then too. A week
            // from this machine's clock, the one the message prints (not from its leeway).
            error(path, QStringLiteral("%1 (%2) is more than a week later than this machine's "
                                       "clock (%3): no store's clock runs that fast; check this "
                                       "machine's clock and the one that recorded it")
                            .arg(QString::number(utcMs), isoUtc(utcMs),
                                 isoUtc(m_latestUtcMs - leewayMs)));
        } else if (utcMs > m_latestUtcMs) {
            // An event is stamped no earlier than the one before it: an incident from ten years
            // ahead had every note added here stamped then, this machine's time lost for good.
            // A store whose own clock once ran fast stamped its incident so; a copy keeps it.
            olderRule(path, QStringLiteral("%1 (%2) is later than this machine's clock allows (%3, "
                                           "with an hour's leeway): check this machine's clock and "
                                           "the one that recorded it")
                                .arg(QString::number(utcMs), isoUtc(utcMs),
                                     isoUtc(m_latestUtcMs - leewayMs)));
        }
    }

    static QString isoUtc(qint64 utcMs)
    {
        return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(Qt::ISODate);
    }

    void incident()
    {
        const IncidentRecord &r = m_x.incident;
        const QString p = QStringLiteral("$.incident.");
        oneLine(p + QStringLiteral("uuid"), r.uuid);
        oneLine(p + QStringLiteral("title"), r.title, Since::Names);
        oneLine(p + QStringLiteral("commander"), r.commander, Since::Names);
        oneLine(p + QStringLiteral("checklist.id"), r.checklistId, Since::Ids);
        oneLine(p + QStringLiteral("checklist.revision"), r.checklistRevision, Since::Revisions);
        for (auto it = r.variables.cbegin(); it != r.variables.cend(); ++it) {
            oneLine(p + QStringLiteral("variables"), it.key(), Since::Ids);
            oneLine(p + QStringLiteral("variables.") + printableText(it.key(), 40), it.value(),
                    Since::Names);
        }
        time(p + QStringLiteral("declared_utc_ms"), r.declaredUtcMs, 0);
    }

    void events()
    {
        qint64 lastUtc = m_x.incident.declaredUtcMs;
        for (qsizetype i = 0; i < m_x.events.size(); ++i) {
            const TimelineEvent &e = m_x.events.at(i);
            const QString p = QStringLiteral("$.events[%1]").arg(i);
            const QString who = QStringLiteral("event %1: ").arg(e.seq);
            if (m_x.omitted.contains(e.seq)) {
                error(p, who
                             + QStringLiteral("only a placeholder (the export was a time slice, or "
                                              "left private notes out): export the whole incident "
                                              "with --include-private to import it"));
                continue;
            }
            if (i == 0 && e.kind != EventKind::IncidentDeclared)
                error(p + QStringLiteral(".kind"),
                      who + QStringLiteral("a timeline starts with incident.declared"));
            else if (e.kind == EventKind::IncidentDeclared)
                declaration(e, i, p, who);
            oneLine(p + QStringLiteral(".actor"), e.actor, Since::Names);
            oneLine(p + QStringLiteral(".kind"), e.kind);
            oneLine(p + QStringLiteral(".step"), e.stepId, Since::Ids);
            oneLine(p + QStringLiteral(".item"), e.itemId, Since::Ids);
            // The store refused it with only "CHECK constraint failed: actor <> ''".
            if (e.actor.trimmed().isEmpty()) {
                const QString empty = QStringLiteral("every event is signed: the actor is empty");
                error(p + QStringLiteral(".actor"), who + empty);
            }
            time(p + QStringLiteral(".utc_ms"), e.utcMs, lastUtc);
            if (e.elapsedMs != e.utcMs - m_x.incident.declaredUtcMs)
                error(p + QStringLiteral(".elapsed_ms"),
                      who
                          + QStringLiteral("%1 is not utc_ms minus the declaration's time (%2)")
                                .arg(e.elapsedMs)
                                .arg(e.utcMs - m_x.incident.declaredUtcMs));
            lastUtc = std::max(lastUtc, e.utcMs);
            drillFacts(e, p, who);
        }
    }

    // One declaration, first, of the record's mode: the chain's genesis covers the record's mode,
    // and a declaration saying otherwise (or a second one) would give readers of the events a
    // second answer to "is this a drill?".
    void declaration(const TimelineEvent &e, qsizetype i, const QString &path, const QString &who)
    {
        if (i > 0) {
            error(path + QStringLiteral(".kind"),
                  who + QStringLiteral("a second incident.declared: an incident is declared once"));
            return;
        }
        const QString said = e.payload.value(PayloadKey::Mode).toString();
        const QString record = incidentModeName(m_x.incident.mode);
        if (said != record)
            error(path + QStringLiteral(".payload.mode"),
                  who
                      + QStringLiteral("the declaration says %1 where the incident is %2")
                            .arg(printableText(said, 40), record));
    }

    // The drill runner's facts (its clock, the faults it sent) move every screen's T+ and name a
    // halt the drill's doing; the app writes them only in a drill, signed as the runner. Anywhere
    // else they are forged, and honoured nowhere: refused here rather than imported as notes that
    // look like facts.
    void drillFacts(const TimelineEvent &e, const QString &path, const QString &who)
    {
        for (const QLatin1StringView key : {PayloadKey::DrillClock, PayloadKey::DrillFault}) {
            if (!e.payload.contains(key))
                continue;
            const QString at = path + QStringLiteral(".payload.") + key;
            if (m_x.incident.mode != IncidentMode::Drill)
                error(at, who
                              + QStringLiteral("a LIVE incident has no %1: only a drill's runner "
                                               "records it")
                                    .arg(key));
            else if (e.actor != ScreenClock::facilitator)
                error(at,
                      who
                          + QStringLiteral("%1 is recorded by the drill's runner, signed \"%2\", "
                                           "not by %3")
                                .arg(key, ScreenClock::facilitator, printableText(e.actor, 40)));
        }
    }

    // The chain hashes the checklist's sha256, not its text: the text is checked against it.
    void checklist()
    {
        const IncidentRecord &r = m_x.incident;
        const QString p = QStringLiteral("$.incident.checklist.source");
        // The one comparison every reader of the chain makes, in its words, naming both hashes.
        if (const QString changed = ChainVerifier::checklistMismatch(r); !changed.isEmpty()) {
            error(p, QStringLiteral("does not hash to checklist.sha256: ") + changed);
            return;
        }
        const ChecklistParseResult parsed
            = ChecklistParser::parse(r.checklistSource, m_file, ChecklistParser::Origin::Recorded);
        for (const Diagnostic &d : parsed.diagnostics)
            error(p, QStringLiteral("the checklist does not read: ") + d.toString());
    }

    void chain()
    {
        m_chain = m_x.verify();
        const ChainReport &c = m_chain;
        if (c.intact)
            return;
        // brokenAt is a sequence number, and an export that verifies this far holds event n at
        // index n - 1; 0 is the export as a whole.
        const qint64 n = m_x.events.size();
        const QString p = c.brokenAt == 0  ? QStringLiteral("$.chain")
                          : c.brokenAt > n ? QStringLiteral("$.chain.event_count")
                                           : QStringLiteral("$.events[%1]").arg(c.brokenAt - 1);
        error(p, c.summary());
    }

    // Two machines' clocks differ by seconds, or by whole hours when one keeps local time.
    static constexpr qint64 leewayMs = 60 * 60 * 1000;
    // How far ahead a copy still takes a store's clock to have run (time(), Rules::Store).
    static constexpr qint64 fastClockMs = 7 * 24 * leewayMs;
    const qint64 m_latestUtcMs = QDateTime::currentMSecsSinceEpoch() + leewayMs;
    const IncidentExport &m_x;
    QString m_file;
    Rules m_rules;
    Diagnostics m_out;
    Diagnostics m_recordedAsIs;
    ChainReport m_chain; // filled when the checks reach the chain
};

} // namespace

Diagnostics IncidentImport::check(const IncidentExport &x, const QString &fileName,
                                  ChainReport *chain)
{
    if (!x.ok())
        return x.diagnostics;
    ImportChecks checks(x, fileName);
    Diagnostics out = checks.run();
    if (chain)
        *chain = checks.chainReport();
    return out;
}

IncidentImport::FieldChecks IncidentImport::checkFields(const IncidentRecord &incident,
                                                        const TimelineEvents &events,
                                                        const QString &source)
{
    IncidentExport x;
    x.incident = incident;
    x.events = events;
    ImportChecks checks(x, source, ImportChecks::Rules::Store);
    FieldChecks out;
    out.refusals = checks.run(ImportChecks::Chain::LeftToCaller);
    out.recordedAsIs = checks.recordedAsIs();
    return out;
}

IncidentImport::Checked IncidentImport::read(const QByteArray &data, const QString &fileName)
{
    Checked c;
    c.x = IncidentExport::read(data, fileName);
    c.fileName = fileName;
    c.diagnostics = check(c.x, fileName, &c.chain);
    return c;
}

IncidentImport::Result IncidentImport::run(TimelineStore &store, const QByteArray &data,
                                           const QString &fileName)
{
    return write(store, read(data, fileName));
}

IncidentImport::Result IncidentImport::write(TimelineStore &store, const Checked &checked)
{
    Result result;
    result.chain = checked.chain;
    result.diagnostics = checked.diagnostics;
    if (!result.diagnostics.isEmpty())
        return result;
    const IncidentExport &x = checked.x;
    const QString &fileName = checked.fileName;
    QString error;
    result.id = store.importIncident(x.incident, x.events, &error);
    if (!result.id) {
        // A uuid already there is the export's uuid at fault; anything else is the database's.
        const bool taken = error.contains(QLatin1String("is already in"));
        result.diagnostics.append({taken ? fileName : store.path(), 0, 0,
                                   taken ? QStringLiteral("$.incident.uuid") : QString(), error});
        return result;
    }
    result.keptId = *result.id == x.incident.id;
    result.incident = x.incident;
    result.incident.id = *result.id;
    return result;
}

} // namespace warroom
