#pragma once

#include "timeline/Incident.h"

#include <QAbstractTableModel>

namespace warroom {

class TimelineStore;

// The incidents in a timeline database, newest first, for the "Open incident" dialog.
class IncidentListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TitleColumn,
        ModeColumn,
        CommanderColumn,
        DeclaredColumn,
        LastActivityColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role { IncidentIdRole = Qt::UserRole + 1, IsClosedRole };

    explicit IncidentListModel(QObject *parent = nullptr);

    // False (and why) when the store cannot be read; the list is then empty.
    bool reload(const TimelineStore &store, QString *error = nullptr);
    void setIncidents(const QList<IncidentSummary> &incidents);
    const IncidentSummary &incidentAt(int row) const { return m_incidents.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<IncidentSummary> m_incidents;
};

} // namespace warroom
