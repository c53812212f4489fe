#include "itemmodels/IncidentListModel.h"

#include "util/BidiControls.h"
#include "util/TimeFormat.h"
#include "store/TimelineStore.h"

namespace warroom {

IncidentListModel::IncidentListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

bool IncidentListModel::reload(const TimelineStore &store, QString *error)
{
    const auto incidents = store.incidents(error);
    setIncidents(incidents.value_or(QList<IncidentSummary>{}));
    return incidents.has_value();
}

void IncidentListModel::setIncidents(const QList<IncidentSummary> &incidents)
{
    beginResetModel();
    m_incidents = incidents;
    endResetModel();
}

int IncidentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_incidents.size());
}

int IncidentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IncidentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Incident");
    case ModeColumn:
        return tr("Mode");
    case CommanderColumn:
        return tr("Commander");
    case DeclaredColumn:
        return tr("Declared (UTC)");
    case LastActivityColumn:
        return tr("Last activity (UTC)");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

QVariant IncidentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IncidentSummary &i = m_incidents.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn: // typed: a bidirectional control is shown, not obeyed
            return BidiControls::shown(i.title);
        case ModeColumn:
            return i.mode == IncidentMode::Drill ? tr("DRILL") : tr("LIVE");
        case CommanderColumn:
            return BidiControls::shown(i.commander);
        // A time the file does not hold as a number is not shown as the one it reads as (1970).
        case DeclaredColumn:
            return i.declaredDamage.isEmpty() ? formatUtc(i.declaredUtcMs) : tr("damaged");
        case LastActivityColumn:
            return i.lastEventDamage.isEmpty() ? formatUtc(i.lastEventUtcMs) : tr("damaged");
        case StatusColumn:
            return i.closed ? tr("closed") : tr("open");
        default:
            return {};
        }
    case Qt::ToolTipRole: // what the file holds in place of the time
        if (index.column() == DeclaredColumn && !i.declaredDamage.isEmpty())
            return i.declaredDamage;
        if (index.column() == LastActivityColumn && !i.lastEventDamage.isEmpty())
            return i.lastEventDamage;
        return {};
    case IncidentIdRole:
        return i.id;
    case IsClosedRole:
        return i.closed;
    default:
        return {};
    }
}

} // namespace warroom
