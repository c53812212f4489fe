#pragma once

#include "timeline/TimelineEvent.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace warroom {

class IncidentSession;

// The incident's timeline as a table, newest row last. Rows are only ever appended, mirroring the
// events table: a view's scroll position and selection survive every update.
class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SeqColumn,
        UtcColumn,
        ElapsedColumn,
        ActorColumn,
        StepColumn,
        EventColumn,
        ColumnCount
    };
    enum Role {
        KindRole = Qt::UserRole + 1,
        StepIdRole,
        SeqRole,
        IsOverrideRole,
        UtcMsRole,
        ElapsedMsRole,
        // A check's sample while it waits for its threshold, or a job's poll and its answer:
        // the latest value is on the step panel, so a view may fold these away. A ramp's failing
        // sample, a failed poll, side effects and outcomes are never routine.
        IsRoutineRole,
    };

    explicit TimelineModel(QObject *parent = nullptr);

    void setSession(IncidentSession *session);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void append(const warroom::TimelineEvents &events);
    // An action's answer may extract a value ({{job_id}}) that earlier rows quote: their
    // sentences are written again so the table reads like the postmortem.
    void rewordIfVariablesChanged();

    struct Row
    {
        TimelineEvent event;
        QString text;
        int stepNumber; // 1-based; 0 for incident-level events
    };

    QPointer<IncidentSession> m_session;
    QList<Row> m_rows;
    QMap<QString, QString> m_variables; // the text variables the sentences were written with
};

} // namespace warroom
