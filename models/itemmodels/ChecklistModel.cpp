#include "itemmodels/ChecklistModel.h"

#include "session/IncidentSession.h"
#include "util/BidiControls.h"
#include "util/TimeFormat.h"

#include <QFont>

#include <algorithm>

namespace warroom {

namespace {

// Internal ids: 0 marks a step row; n > 0 marks an item row of step n - 1.
constexpr quintptr stepNode = 0;

// State words carry a symbol too, so the state reads without colour (colour-blind readers,
// monochrome projectors).
QString stepStateText(StepState s)
{
    switch (s) {
    case StepState::Pending:
        return QStringLiteral("\u2026 waiting");
    case StepState::Ready:
        return QStringLiteral("\u25CB ready");
    case StepState::Active:
        return QStringLiteral("\u25B6 active");
    case StepState::Done:
        return QStringLiteral("\u2714 done");
    case StepState::Skipped:
        return QStringLiteral("\u21B7 skipped");
    case StepState::Failed:
        return QStringLiteral("\u2716 failed");
    }
    return {};
}

QString itemStateText(ItemState s)
{
    switch (s) {
    case ItemState::Open:
        return QStringLiteral("\u25A1 open");
    case ItemState::Confirmed:
        return QStringLiteral("\u2714 confirmed");
    case ItemState::Skipped:
        return QStringLiteral("\u21B7 skipped");
    }
    return {};
}

} // namespace

ChecklistModel::ChecklistModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

ChecklistModel::~ChecklistModel() = default;

const ChecklistEngine &ChecklistModel::engine() const
{
    return m_replayEngine ? *m_replayEngine : m_session->engine();
}

void ChecklistModel::setReplayTime(std::optional<qint64> elapsedMs)
{
    m_replayTime = elapsedMs;
    m_replayEngine.reset();
    if (m_session && elapsedMs)
        m_replayEngine = std::make_unique<ChecklistEngine>(m_session->engineAt(*elapsedMs));
    refresh();
}

IncidentSession *ChecklistModel::session() const
{
    return m_session;
}

void ChecklistModel::setSession(IncidentSession *session)
{
    beginResetModel();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_replayTime.reset();
    m_replayEngine.reset();
    m_returned.clear();
    if (m_session) {
        connect(m_session, &IncidentSession::eventsAppended, this, &ChecklistModel::refresh);
        for (int step = 0; step < m_session->engine().stepCount(); ++step)
            m_returned.append(returnedAt(step));
    }
    endResetModel();
}

void ChecklistModel::refresh()
{
    // The checklist's shape never changes during an incident, only states: one dataChanged per
    // level is enough and keeps views' selection and scroll position.
    const int steps = rowCount();
    if (steps == 0)
        return;
    syncReturned(); // the only rows that come and go: deferred items at their target step
    emit dataChanged(index(0, 0), index(steps - 1, ColumnCount - 1));
    for (int s = 0; s < steps; ++s) {
        const QModelIndex parent = index(s, 0);
        const int items = rowCount(parent);
        if (items > 0)
            emit dataChanged(index(0, 0, parent), index(items - 1, ColumnCount - 1, parent));
    }
}

QModelIndex ChecklistModel::stepIndex(int step, int column) const
{
    return index(step, column);
}

QModelIndex ChecklistModel::itemIndex(int step, int item, int column) const
{
    return index(item, column, index(step, 0));
}

QModelIndex ChecklistModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, stepNode);
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex ChecklistModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == stepNode)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, stepNode);
}

int ChecklistModel::rowCount(const QModelIndex &parent) const
{
    if (!m_session)
        return 0;
    const auto &steps = m_session->checklist().steps;
    if (!parent.isValid())
        return static_cast<int>(steps.size());
    if (parent.internalId() != stepNode || parent.column() != 0)
        return 0;
    const int returned = parent.row() < m_returned.size()
                             ? static_cast<int>(m_returned.at(parent.row()).size())
                             : 0;
    return ownItems(parent.row()) + returned;
}

int ChecklistModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags ChecklistModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != stepNode)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant ChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Step / item");
    case StateColumn:
        return tr("State");
    case ResultColumn:
        return tr("Result");
    case WhoColumn:
        return tr("Owner / by");
    case TimeColumn:
        return tr("When");
    default:
        return {};
    }
}

QVariant ChecklistModel::data(const QModelIndex &index, int role) const
{
    QVariant value = anyData(index, role);
    // Titles carry the variables typed at declaration, and who confirmed is a typed name: a
    // bidirectional control in them is shown as U+FFFD instead of reordering the row.
    if ((role == Qt::DisplayRole || role == Qt::ToolTipRole)
        && value.typeId() == QMetaType::QString)
        return BidiControls::shown(value.toString());
    return value;
}

QVariant ChecklistModel::anyData(const QModelIndex &index, int role) const
{
    if (!m_session || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == stepNode)
        return stepData(index.row(), index.column(), role);
    const int step = static_cast<int>(index.internalId() - 1);
    if (index.row() >= ownItems(step))
        return returnedData(m_returned.at(step).at(index.row() - ownItems(step)), index.column(),
                            role);
    return cellData(step, index.row(), index.column(), role);
}

QVariant ChecklistModel::stepData(int step, int column, int role) const
{
    const ChecklistStep &def = m_session->checklist().steps.at(step);
    const StepStatus &st = engine().step(step);
    const auto &vars = m_session->textVariables();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TitleColumn:
            return QStringLiteral("%1. %2").arg(step + 1).arg(expandName(def.title, vars));
        case StateColumn:
            return QString(stepStateText(st.state)
                           + (st.startOverridden ? QStringLiteral(" (override)") : QString()));
        case WhoColumn:
            return m_session->checklist().roleTitle(def.role);
        case TimeColumn:
            if (st.endedElapsedMs >= 0)
                return m_session->screenClock().shownText(st.endedElapsedMs);
            if (st.isStarted())
                return m_session->screenClock().shownText(st.startedElapsedMs);
            return QStringLiteral("~%1 min").arg(def.expectedMinutes);
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        QString why;
        if (st.startOverridden)
            why = tr("Started before %1 finished. Reason: %2")
                      .arg(st.overriddenDependencies.join(QStringLiteral(", ")), st.overrideReason);
        else if (!st.reason.isEmpty())
            why = st.reason;
        if (column != TitleColumn)
            return why;
        const QString title = stepData(step, column, Qt::DisplayRole).toString();
        return why.isEmpty() ? title : title + u'\n' + why;
    }
    case Qt::FontRole:
        if (engine().currentStep() == step) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case StepIdRole:
        return def.id;
    case StateRole:
        return stepStateName(st.state);
    case IsCurrentRole:
        return engine().currentStep() == step;
    case IsOverrideRole:
        return st.startOverridden || st.state == StepState::Skipped;
    case GuidanceRole:
        return expandVariables(def.guidance, vars);
    default:
        return {};
    }
}

namespace {

// An open item whose run is under way or ended badly says so in the list too.
QString itemStateLabel(const ItemStatus &st)
{
    if (st.state == ItemState::Open) {
        switch (st.automation.phase) {
        case AutomationStatus::Phase::Running:
            return QStringLiteral("\u25B6 running");
        case AutomationStatus::Phase::Unknown:
            return QStringLiteral("? UNKNOWN");
        case AutomationStatus::Phase::Failed:
            return st.automation.halted ? QStringLiteral("\u2716 halted")
                                        : QStringLiteral("\u2716 failed");
        default:
            break;
        }
    }
    return itemStateText(st.state) + (st.overridden ? QStringLiteral(" (override)") : QString());
}

} // namespace

// "↪ deferred → step 8" while a deferred item is still open: not open in its step, not done.
QString ChecklistModel::deferredLabel(const ChecklistEngine &engine, const ItemStatus &st)
{
    if (st.state != ItemState::Open || !st.deferral.isActive())
        return {};
    const int target = engine.checklist().stepIndex(st.deferral.target);
    return QStringLiteral("\u21AA deferred \u2192 %1")
        .arg(target >= 0 ? QStringLiteral("step %1").arg(target + 1)
                         : QStringLiteral("follow-ups"));
}

namespace {

QString sampleResult(const QString &value, const QString &threshold, bool passed)
{
    return QStringLiteral("%1 %2 (needs %3)")
        .arg(passed ? QStringLiteral("\u2714") : QStringLiteral("\u2716"), value, threshold);
}

// The last thing an item's run measured or was answered, or the option chosen: kept after the
// item is done, so a check that passed and moved on still shows what it measured.
QString itemResult(const ChecklistItem &def, const ItemStatus &st,
                   const QMap<QString, QString> &vars, bool full = false)
{
    const AutomationStatus &a = st.automation;
    if (def.kind == ItemKind::Choice) {
        if (st.value.isEmpty())
            return {};
        const ChoiceOption *o = def.option(st.value);
        return o ? expandVariables(o->label, vars) : st.value;
    }
    if (def.kind == ItemKind::Ramp && a.weight >= 0) {
        // The row says how far it got and whether its checks pass; the tooltip has each value.
        QString text = QStringLiteral("weight %1%").arg(a.weight);
        const auto passing
            = std::count_if(a.readings.cbegin(), a.readings.cend(),
                            [](const AutomationStatus::Reading &r) { return r.passed; });
        if (!a.readings.isEmpty() && !full)
            text += QStringLiteral(" \u00B7 %1 %2 of %3 checks passing")
                        .arg(passing == a.readings.size() ? QStringLiteral("\u2714")
                                                          : QStringLiteral("\u2716"))
                        .arg(passing)
                        .arg(a.readings.size());
        for (const AutomationStatus::Reading &r : a.readings) {
            if (full)
                text += QStringLiteral("\n") + r.label + QStringLiteral(": ")
                        + sampleResult(r.valueText, r.threshold, r.passed);
        }
        return text;
    }
    if (a.hasSample)
        return sampleResult(a.valueText.isEmpty() ? a.sampleError : a.valueText, a.threshold,
                            a.samplePassed);
    if (!a.lastResult.isEmpty())
        return a.polledValue.isEmpty() ? a.lastResult
                                       : a.lastResult + QStringLiteral(" \u00B7 ") + a.polledValue;
    if (a.phase == AutomationStatus::Phase::Failed || a.phase == AutomationStatus::Phase::Unknown)
        return a.reason;
    return {};
}

QVariant itemDisplay(const ChecklistItem &def, const ItemStatus &st, int column,
                     const QMap<QString, QString> &vars)
{
    switch (column) {
    case ChecklistModel::TitleColumn:
        return expandVariables(def.text, vars);
    case ChecklistModel::StateColumn:
        return itemStateLabel(st);
    case ChecklistModel::ResultColumn:
        return itemResult(def, st, vars);
    case ChecklistModel::WhoColumn:
        if (st.actor.isEmpty() && def.isAutomated())
            return itemKindName(def.kind);
        return st.actor;
    default: // TimeColumn is the model's own: it reads the room's clock
        return {};
    }
}

} // namespace

QVariant ChecklistModel::cellData(int step, int item, int column, int role) const
{
    const ChecklistItem &def = m_session->checklist().steps.at(step).items.at(item);
    const ItemStatus &st = engine().step(step).items.at(item);
    const auto &vars = m_session->textVariables();
    const bool current = engine().currentStep() == step && engine().currentItem(step) == item;
    switch (role) {
    case Qt::DisplayRole:
        if (column == StateColumn && !deferredLabel(engine(), st).isEmpty())
            return deferredLabel(engine(), st);
        if (column == TimeColumn)
            return st.elapsedMs >= 0 ? m_session->screenClock().shownText(st.elapsedMs) : QString();
        return itemDisplay(def, st, column, vars);
    case Qt::ToolTipRole: {
        const QString why = st.reason.isEmpty() ? expandVariables(def.detail, vars) : st.reason;
        if (column == ResultColumn)
            return itemResult(def, st, vars, true);
        if (column != TitleColumn)
            return why;
        const QString text = cellData(step, item, column, Qt::DisplayRole).toString();
        return why.isEmpty() ? text : text + u'\n' + why;
    }
    case Qt::FontRole:
        if (current) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case StepIdRole:
        return m_session->checklist().steps.at(step).id;
    case ItemIdRole:
        return def.id;
    case StateRole:
        return deferredLabel(engine(), st).isEmpty() ? itemStateName(st.state)
                                                     : QStringLiteral("deferred");
    case IsCurrentRole:
        return current;
    case IsOverrideRole:
        return st.overridden || st.state == ItemState::Skipped;
    case ItemKindRole:
        return itemKindName(def.kind);
    case ResultRole:
        return itemResult(def, st, vars);
    case GuidanceRole:
        return expandVariables(def.detail, vars);
    default:
        return {};
    }
}

} // namespace warroom
