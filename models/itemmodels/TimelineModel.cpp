#include "itemmodels/TimelineModel.h"
#include "timeline/EventVocabulary.h"

#include "engine/AutomationStatus.h"

#include "report/EventFormatter.h"
#include "session/IncidentSession.h"
#include "util/BidiControls.h"
#include "util/TimeFormat.h"

#include <QFont>

namespace warroom {

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TimelineModel::setSession(IncidentSession *session)
{
    beginResetModel();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_rowCount = 0;
    m_onDrillClock = false;
    m_drillEnded = false;
    m_faultsShown = false;
    m_formatter.reset();
    m_sentences.clear();
    m_variables.clear();
    endResetModel();
    if (m_session) {
        m_formatter.emplace(m_session->checklist(), m_variables);
        // A sentence that names a moment ("opened at T+…") names it as the T+ column does.
        m_formatter->setTimeText([session = m_session](qint64 elapsedMs) {
            return session->screenClock().shownText(elapsedMs);
        });
        connect(m_session, &IncidentSession::eventsAppended, this, &TimelineModel::append);
        m_faultsShown = faultsShown(); // as it opens: no second reading of every row for it
        append(m_session->events());
    }
}

QString TimelineModel::elapsedTip(qint64 elapsedMs) const
{
    const ScreenClock &clock = m_session->screenClock();
    if (!clock.isShifted())
        return {};
    // Two rows at one T+ after the end are not one moment: the real time tells them apart.
    if (clock.isAfterEnd(elapsedMs))
        return tr("%1 on the drill clock, which stood still at the drill's end; real time since "
                  "the declaration %2")
            .arg(clock.shownText(elapsedMs), formatElapsed(elapsedMs).mid(2));
    return tr("%1 on the drill clock; real time since the declaration %2")
        .arg(clock.shownText(elapsedMs), formatElapsed(elapsedMs).mid(2));
}

IncidentSession *TimelineModel::session() const
{
    return m_session;
}

void TimelineModel::append(const TimelineEvents &events)
{
    if (events.isEmpty() || !m_session)
        return;
    rewordIfVariablesChanged();
    // The session has appended these already; its list is the truth about how many rows exist.
    const int count = static_cast<int>(m_session->events().size());
    if (count <= m_rowCount)
        return;
    beginInsertRows({}, m_rowCount, count - 1);
    m_rowCount = count;
    endInsertRows();
    // The drill runner's clock starts just after the declaration: the rows before it read again
    // on the drill clock (a pause changes only what comes after it), their T+ and any moment
    // their sentence names.
    // So do the rows between the drill's end and the note that records it (the room's runs go
    // on meanwhile): they stand at the end's T+ too.
    // And once the drill is over (ended, or closed without its runner), its faults are shown.
    const ScreenClock &clock = m_session->screenClock();
    const bool shown = faultsShown();
    if ((!m_onDrillClock && clock.isDrillClock()) || (!m_drillEnded && clock.hasEnded())
        || (!m_faultsShown && shown)) {
        m_onDrillClock = clock.isDrillClock();
        m_drillEnded = clock.hasEnded();
        m_faultsShown = shown;
        m_sentences.clear();
        emit dataChanged(index(0, ElapsedColumn), index(m_rowCount - 1, EventColumn));
    }
}

void TimelineModel::rewordIfVariablesChanged()
{
    const QMap<QString, QString> &variables = m_session->textVariables();
    if (variables == m_variables)
        return;
    m_variables = variables; // the formatter reads this member, so it writes with these now
    m_sentences.clear();
    if (m_rowCount == 0)
        return;
    emit dataChanged(index(0, EventColumn), index(m_rowCount - 1, EventColumn),
                     {Qt::DisplayRole, Qt::ToolTipRole});
}

bool TimelineModel::faultsShown() const
{
    return EventFormatter::faultsShown(m_session->incident().mode, m_session->screenClock(),
                                       m_session->engine().isClosed());
}

QString TimelineModel::sentence(int row) const
{
    if (const QString *cached = m_sentences.object(row))
        return *cached;
    const TimelineEvent &e = m_session->events().at(row);
    if (!m_faultsShown && EventFormatter::isDrillFault(e)) {
        static const QString hidden = EventFormatter::hiddenFaultText();
        return hidden;
    }
    // Shown, not obeyed: a typed override would reorder the row on every screen (BidiControls).
    const QString text = BidiControls::shown(m_formatter->describe(e));
    m_sentences.insert(row, new QString(text));
    return text;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn:
        return tr("#");
    case UtcColumn:
        return tr("UTC");
    case ElapsedColumn:
        return tr("T+");
    case ActorColumn:
        return tr("Who");
    case StepColumn:
        return tr("Step");
    case EventColumn:
        return tr("Event");
    default:
        return {};
    }
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!m_session
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEvent &e = m_session->events().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeqColumn:
            return e.seq;
        case UtcColumn:
            return formatUtc(e.utcMs);
        case ElapsedColumn: // the T+ of the room's clock: a drill's, as its header shows
            return m_session->screenClock().shownText(e.elapsedMs);
        case ActorColumn:
            return BidiControls::shown(e.actor);
        case StepColumn: {
            const int step = m_session->checklist().stepIndex(e.stepId) + 1; // 0: incident-level
            return step > 0 ? QString::number(step) : QString();
        }
        case EventColumn:
            return sentence(index.row());
        default:
            return {};
        }
    case Qt::ToolTipRole:
        // Who may be elided in a narrow column; the full name is always one hover away.
        if (index.column() == ActorColumn)
            return BidiControls::shown(e.actor);
        if (index.column() == ElapsedColumn)
            return elapsedTip(e.elapsedMs);
        return index.column() == EventColumn ? QVariant(sentence(index.row())) : QVariant();
    case Qt::FontRole:
        if (EventFormatter::isOverride(e)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case KindRole:
        return e.kind;
    case IsRoutineRole: {
        // Only samples and polls can be routine: every other kind (most of a long timeline) is
        // answered without looking into its payload, which a filter asks of every row.
        if (e.kind == EventKind::CheckSampled)
            return e.payload.value(PayloadKey::Passed).toBool()
                   || e.payload.value(PayloadKey::Label).toString().isEmpty();
        if (e.kind != EventKind::ActionRequested && e.kind != EventKind::ActionResponded)
            return false;
        const bool poll
            = e.payload.value(PayloadKey::Phase).toString() == RequestPhase::Poll;
        return poll && (e.kind == EventKind::ActionRequested
                        || !e.payload.contains(PayloadKey::Error));
    }
    case StepIdRole:
        return e.stepId;
    case SeqRole:
        return e.seq;
    case IsOverrideRole:
        return EventFormatter::isOverride(e);
    case UtcMsRole:
        return e.utcMs;
    case ElapsedMsRole:
        return e.elapsedMs;
    default:
        return {};
    }
}

} // namespace warroom
