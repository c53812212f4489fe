#include "session/IncidentSession.h"

#include "session/TimelineWatch.h"
#include "session/WriteFailure.h"
#include "store/TimelineStore.h"
#include "timeline/EventVocabulary.h"
#include "util/BidiControls.h"
#include "util/OneLine.h"
#include "util/PersonName.h"
#include "util/TimeFormat.h"

#include <QDateTime>
#include <QJsonObject>
#include <QScopedValueRollback>
#include <QUuid>

namespace warroom {

namespace {

// Why a title or a variable's value cannot be declared (OneLine, and its length), its place
// counted in characters as typed; empty when it can. `what` starts the message ("The title").
QString lineProblem(const QString &text, const QString &what, qsizetype most, OneLine::Bidi bidi)
{
    if (const auto bad = OneLine::firstBreaker(text, bidi))
        // One .arg() with every part: `what` quotes a checklist's prompt, whose own "%1" a
        // second .arg() would fill.
        return QStringLiteral("%1 has a control character (%2) at character %3: type it "
                              "plainly, on one line.")
            .arg(what, OneLine::codePoint(bad->code), QString::number(bad->at));
    // A name as long as a book made every document's export take seconds to minutes. Counted as
    // it is kept, without the spaces around it.
    const QString kept = text.trimmed();
    // Empty is the caller's ("needs a title"); zero-width spaces alone read as nothing too.
    if (!kept.isEmpty() && PersonName::blank(kept)) {
        const qsizetype at = text.indexOf(kept.front()); // as typed, spaces before it counted
        return QStringLiteral("%1 shows nothing: it has only invisible characters (%2 at "
                              "character %3). Type it so it can be read.")
            .arg(what, OneLine::codePoint(kept.toUcs4().constFirst()),
                 QString::number(OneLine::characterAt(text, at)));
    }
    if (const qsizetype length = OneLine::characterCount(kept); length > most)
        return QStringLiteral("%1 is %2 characters long: it may have %3 at most.")
            .arg(what, QString::number(length), QString::number(most));
    return {};
}

} // namespace

QString IncidentSession::declarationProblem(const Checklist &checklist,
                                            const IncidentDeclaration &declaration)
{
    // Positions as typed, untrimmed: spaces around are no problem, a line break anywhere is.
    if (const QString bad = lineProblem(declaration.title, QStringLiteral("The title"),
                                        maxTitleCharacters, OneLine::Bidi::Breaks);
        !bad.isEmpty())
        return bad;
    // A value fills in titles, item texts and requests ({{name}}): a line break in it broke the
    // wall's and the documents' lines (a request refuses one only when it is sent).
    for (const ChecklistVariable &v : checklist.variables) {
        const QString what = QStringLiteral("The value for '%1' (%2)").arg(v.name, v.prompt);
        if (const QString bad = lineProblem(declaration.variables.value(v.name), what,
                                            Checklist::maxValueCharacters, OneLine::Bidi::Kept);
            !bad.isEmpty())
            return bad;
    }
    if (const QString bad = PersonName::commanderRefusal(declaration.commander); !bad.isEmpty())
        return bad;
    for (const IncidentDeclaration::Role &role : declaration.roles) {
        for (const QString &name : {role.person, role.fallback}) {
            if (const QString bad = PersonName::refusal(
                    QStringLiteral("The name given for %1").arg(checklist.roleTitle(role.roleId)),
                    name);
                !bad.isEmpty())
                return bad;
        }
    }
    return {};
}

IncidentSession::IncidentSession(TimelineStore &store, IncidentRecord incident, Checklist checklist,
                                 Clock clock)
    : m_store(store)
    , m_incident(std::move(incident))
    , m_engine(std::move(checklist), incidentTextVariables(m_incident))
    , m_clock(std::move(clock))
    , m_actor(m_incident.commander)
{
    m_engine.setTimeText([this](qint64 elapsedMs) { return screenClock().shownText(elapsedMs); });
}

IncidentSession::~IncidentSession() = default;

IncidentRecord IncidentSession::declaredRecord(const Checklist &checklist,
                                               const IncidentDeclaration &declaration, qint64 utcMs)
{
    IncidentRecord record;
    record.uuid = declaration.uuid.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                             : declaration.uuid;
    record.title = declaration.title.trimmed();
    record.commander = declaration.commander.trimmed();
    record.mode = declaration.mode;
    record.declaredUtcMs = utcMs;
    record.checklistId = checklist.id;
    record.checklistRevision = checklist.revision;
    record.checklistSha256 = checklist.sourceSha256;
    record.checklistSource = checklist.source;
    for (const ChecklistVariable &v : checklist.variables)
        record.variables.insert(v.name, declaration.variables.value(v.name).trimmed());
    return record;
}

std::unique_ptr<IncidentSession> IncidentSession::declare(TimelineStore &store,
                                                          const Checklist &checklist,
                                                          const IncidentDeclaration &declaration,
                                                          Clock clock, QString *error)
{
    const QString title = declaration.title.trimmed();
    const QString commander = declaration.commander.trimmed();
    if (title.isEmpty() || commander.isEmpty()) {
        if (error)
            *error = QStringLiteral("An incident needs a title and a commander.");
        return nullptr;
    }
    if (const QString bad = declarationProblem(checklist, declaration); !bad.isEmpty()) {
        if (error)
            *error = bad;
        return nullptr;
    }
    for (const ChecklistVariable &v : checklist.variables) {
        if (v.required && declaration.variables.value(v.name).trimmed().isEmpty()) {
            if (error)
                *error = QStringLiteral("The checklist needs a value for '%1' (%2).")
                             .arg(v.name, v.prompt);
            return nullptr;
        }
    }
    IncidentRecord record = declaredRecord(checklist, declaration, clock());
    EventDraft declared = ChecklistEngine::declarationDraft(record);
    for (auto it = declaration.extraPayload.constBegin(); it != declaration.extraPayload.constEnd(); ++it)
        if (!declared.payload.contains(it.key()))
            declared.payload.insert(it.key(), it.value());
    const auto id = store.createIncident(record, declared, error);
    if (!id)
        return nullptr;
    record.id = *id;
    auto events = store.events(record.id, 0, error);
    if (!events)
        return nullptr;
    std::unique_ptr<IncidentSession> session(
        new IncidentSession(store, record, checklist, std::move(clock)));
    session->adoptEvents(std::move(*events));
    store.setCurrentIncident(record.id);
    for (const IncidentDeclaration::Role &role : declaration.roles)
        if (const CommandResult r = session->assignRole(role.roleId, role.person, role.fallback);
            !r.ok())
            qWarning("role %s not recorded: %s", qPrintable(role.roleId), qPrintable(r.message));
    return session;
}

std::unique_ptr<IncidentSession> IncidentSession::open(TimelineStore &store, qint64 incidentId,
                                                       Clock clock, QString *error,
                                                       ChainCheck check, qsizetype behindFrom,
                                                       const QString &actor)
{
    // Payloads parsed when first read: the chain check below vouches for every stored text.
    std::optional<IncidentSnapshot> stored
        = IncidentSnapshot::load(store, incidentId, error, IncidentSnapshot::Payloads::OnDemand);
    if (!stored)
        return nullptr;
    if (stored->events.size() < behindFrom)
        check = ChainCheck::BeforeOpen;
    // A damaged or rewritten chain is evidence that must not be extended: the app refuses to
    // add to it, and says how to keep what is there. Checked before anything reads a payload.
    if (check == ChainCheck::BeforeOpen) {
        if (const QString bad = IncidentSnapshot::onDemandProblem(stored->incident, stored->events);
            !bad.isEmpty()) {
            if (error)
                *error = brokenChainMessage(store, incidentId, bad);
            return nullptr;
        }
    }
    std::unique_ptr<IncidentSession> session(new IncidentSession(
        store, stored->incident, std::move(stored->checklist), std::move(clock)));
    session->adoptEvents(std::move(stored->events));
    // After a handover this screen acts as the commander in command now, not the declared one.
    if (const QString commander = session->m_engine.crew().commander(); !commander.isEmpty())
        session->m_actor = commander;
    // Whoever this screen is (--actor) signs from the first event: a reopening after a crash
    // writes the resumption and the runs it cut short at once, and they read as the commander's.
    if (!actor.isEmpty())
        (void)session->setActor(actor);
    if (check == ChainCheck::InBackground) {
        session->verifyInBackground();
        return session;
    }
    if (!session->finishOpen(error))
        return nullptr;
    return session;
}

bool IncidentSession::finishOpen(QString *error)
{
    // Another live process on this database (a second window) means the incident never stopped:
    // its runs are in flight, not interrupted, and there was no gap to record.
    if (m_engine.isClosed() || m_store.otherWritersAlive())
        return true;
    // Runs cut short by the stop are facts every screen must see at once (a run shown as under
    // way would invite a wrong decision), so they are closed now, in the same commit as the
    // resumption. Without them the resumption waits for this window's first command: looking at
    // an incident (a wall screen, a reviewer, a restart with no work done) writes nothing.
    if (m_engine.planInterruptedRuns(m_actor).drafts.isEmpty()) {
        m_resumePending = true;
        m_openedElapsedMs = elapsedMs();
        return true;
    }
    const CommandResult resumed = execute([this] { return m_engine.planResume(m_actor); });
    if (!resumed.ok()) {
        if (error)
            *error = resumed.message;
        return false;
    }
    m_store.setCurrentIncident(m_incident.id);
    return true;
}

QList<EventDraft> IncidentSession::resumeDraft() const
{
    // Only the resumption: any run under way now was started since the open, by a live process.
    QList<EventDraft> drafts = m_engine.planResume(m_actor).drafts.mid(0, 1);
    if (!drafts.isEmpty() && m_openedElapsedMs >= 0)
        drafts.first().payload.insert(PayloadKey::OpenedMs, m_openedElapsedMs);
    return drafts;
}

void IncidentSession::adoptEvents(TimelineEvents events)
{
    m_events = std::move(events);
    m_engine.applyAll(m_events);
    m_seenDataVersion = m_store.dataVersion();
}

ChecklistEngine IncidentSession::engineAt(qint64 elapsedMs) const
{
    ChecklistEngine engine(m_engine.checklist(), incidentTextVariables(m_incident));
    for (const TimelineEvent &e : m_events) {
        if (e.elapsedMs > elapsedMs)
            break;
        engine.apply(e);
    }
    return engine;
}

qint64 IncidentSession::elapsedMs() const
{
    return m_clock() - m_incident.declaredUtcMs;
}

bool IncidentSession::setActor(const QString &actor, QString *why)
{
    const QString a = actor.trimmed();
    if (a.isEmpty())
        return false;
    if (const QString bad = PersonName::refusal(QStringLiteral("Your name"), actor);
        !bad.isEmpty()) {
        if (why)
            *why = QStringLiteral("%1 Events are still signed by %2.")
                       .arg(bad, BidiControls::shown(m_actor));
        return false;
    }
    if (a != m_actor) {
        m_actor = a;
        emit actorChanged(m_actor);
    }
    return true;
}

bool IncidentSession::checkStorage()
{
    if (!m_storageProblem.isEmpty())
        return false;
    if (const auto problem = m_store.storageProblem()) {
        m_storageProblem = *problem;
        m_problemIsLink = m_store.isShared();
        emit storageLost(m_storageProblem);
        return false;
    }
    return true;
}

void IncidentSession::applyNewer(const TimelineEvents &events)
{
    for (const TimelineEvent &e : events) {
        m_engine.apply(e);
        m_events.append(e);
    }
}

void IncidentSession::refresh()
{
    if (!checkStorage())
        return;
    const qint64 version = m_store.dataVersion();
    if (version == m_seenDataVersion)
        return;
    if (readNewer())
        m_seenDataVersion = version;
}

CommandResult IncidentSession::execute(const std::function<EnginePlan()> &planner)
{
    // Nothing is added to a chain not yet checked, or found broken (ChainCheck::InBackground).
    if (m_chainState == ChainState::Verifying)
        return {CommandResult::Status::Refused,
                QStringLiteral("Not recorded: the timeline (%1 events) is still being verified; "
                               "commands are taken once it is.")
                    .arg(m_events.size())};
    if (m_chainState == ChainState::Broken)
        return {CommandResult::Status::Refused,
                QStringLiteral("Not recorded: %1").arg(m_chainProblem)};
    // A loss already noticed refuses at once. A SQLite file lost since is caught by the store,
    // which checks the file before every write transaction, and noticed after the failure below
    // (checking here too was a second stat of the file in every commit). A server's link is
    // checked here, where a tool without a watch reconnects.
    if (m_store.isShared() ? !checkStorage() : !m_storageProblem.isEmpty())
        return {CommandResult::Status::StorageFailed,
                QStringLiteral("Not recorded: %1").arg(m_storageProblem)};
    EnginePlan plan;
    QString error;
    TimelineEvents
        applied; // other processes' events, committed before ours: shown whatever happens
    const qint64 lastSeq = m_events.isEmpty() ? 0 : m_events.constLast().seq;
    const auto result = m_store.appendPlanned(
        m_incident.id, lastSeq, m_clock(),
        [&](const TimelineEvents &newer) {
            if (!takeInNewer(newer))
                return QList<EventDraft>{}; // nothing written after a forged or changed event
            applied = newer;
            if (!newer.isEmpty())
                m_resumePending = false;
            plan = planner();
            m_engine.signWithRoles(plan); // each event says as what its actor acted
            if (!plan.ok())
                return QList<EventDraft>{};
            // The first command of a window that reopened the incident records the resumption
            // first, in the same transaction (see open()).
            return m_resumePending ? resumeDraft() + plan.drafts : plan.drafts;
        },
        &error);
    if (!result && takeInDamage(error))
        return {CommandResult::Status::Refused, QStringLiteral("Not recorded: ") + m_chainProblem};
    if (!result) {
        if (!applied.isEmpty()) {
            const QScopedValueRollback others(m_othersInAppend, applied.size());
            emit eventsAppended(applied);
        }
        checkStorage();
        return {CommandResult::Status::StorageFailed,
                writeFailedMessage(m_store, error)};
    }
    if (m_chainState == ChainState::Broken) { // found in what another process wrote
        emit chainBroken(m_chainProblem);
        return {CommandResult::Status::Refused, QStringLiteral("Not recorded: ") + m_chainProblem};
    }
    m_seenDataVersion = m_store.dataVersion();
    if (!result->written.isEmpty()) {
        if (m_resumePending)
            m_store.setCurrentIncident(m_incident.id);
        m_resumePending = false;
    }
    applyNewer(result->written);
    if (!result->newer.isEmpty()) {
        const QScopedValueRollback others(m_othersInAppend, result->newer.size());
        emit eventsAppended(result->newer + result->written);
    } else if (!result->written.isEmpty())
        emit eventsAppended(result->written); // the usual case, without a copy of the list
    if (!plan.ok())
        return {plan.needsReason ? CommandResult::Status::NeedsReason
                                 : CommandResult::Status::Refused,
                plan.refusal};
    return {};
}

CommandResult IncidentSession::confirmItem(const QString &stepId, const QString &itemId,
                                           const QString &value, const QString &reason)
{
    return execute(
        [&] { return m_engine.planConfirmItem(stepId, itemId, m_actor, value, reason); });
}

CommandResult IncidentSession::skipItem(const QString &stepId, const QString &itemId,
                                        const QString &reason)
{
    return execute([&] { return m_engine.planSkipItem(stepId, itemId, m_actor, reason); });
}

CommandResult IncidentSession::undo()
{
    return execute([&] { return m_engine.planUndo(m_actor); });
}

CommandResult IncidentSession::startStep(const QString &stepId, const QString &reason)
{
    return execute([&] { return m_engine.planStartStep(stepId, m_actor, reason); });
}

CommandResult IncidentSession::skipStep(const QString &stepId, const QString &reason)
{
    return execute([&] { return m_engine.planSkipStep(stepId, m_actor, reason); });
}

CommandResult IncidentSession::failStep(const QString &stepId, const QString &reason)
{
    return execute([&] { return m_engine.planFailStep(stepId, m_actor, reason); });
}

CommandResult IncidentSession::restartStep(const QString &stepId)
{
    return execute([&] { return m_engine.planRestartStep(stepId, m_actor); });
}

CommandResult IncidentSession::addNote(const QString &text, bool isPrivate)
{
    return execute([&] { return m_engine.planNote(m_actor, text, isPrivate); });
}

CommandResult IncidentSession::close(const QString &reason)
{
    const CommandResult r = execute([&] { return m_engine.planClose(m_actor, reason); });
    // Only if it is the one the room has open: closing an old drill left open elsewhere took the
    // live incident off every wall and every window's next start.
    if (r.ok() && m_store.currentIncident() == m_incident.id)
        m_store.setCurrentIncident(std::nullopt);
    return r;
}

CommandResult IncidentSession::startRun(const QString &stepId, const QString &itemId,
                                        const QJsonObject &payload, const QString &reason)
{
    CommandResult r = execute(
        [&] { return m_engine.planStartRun(stepId, itemId, m_actor, withOwner(payload), reason); });
    // Two screens starting one run: the second is told whose run it is.
    const ItemStatus *item = m_engine.itemStatus(stepId, itemId);
    if (r.status == CommandResult::Status::Refused && item
        && item->automation.phase == AutomationStatus::Phase::Running) {
        if (const TimelineEvent *start = runStart(item->automation.runId))
            r.message
                = QStringLiteral("%1 Started by %2 at %3.")
                      .arg(r.message, start->actor, screenClock().shownText(start->elapsedMs));
    }
    return r;
}

CommandResult IncidentSession::recordRun(QLatin1StringView kind, const QString &stepId,
                                         const QString &itemId, const QJsonObject &payload)
{
    return execute([&] { return m_engine.planRunEvent(kind, stepId, itemId, m_actor, payload); });
}

} // namespace warroom
