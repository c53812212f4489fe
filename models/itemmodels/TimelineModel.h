#pragma once

#include "report/EventFormatter.h"
#include "timeline/TimelineEvent.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QPointer>

#include <optional>

namespace warroom {

class IncidentSession;

// The incident's timeline as a table, newest row last. Rows are only ever appended, mirroring the
// events table: a view's scroll position and selection survive every update.
//
// Row n is the session's event n, read from IncidentSession::events() when asked: the session
// only ever appends, and announces each append (eventsAppended) after it, so the rows announced
// so far are always there. Nothing per event is copied or kept here; sentences are written when a
// view asks for them (the visible rows), with a bounded cache. At 100,000 events the copies and
// the sentences written up front were about 40% of the memory and a third of the time of opening.
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
    // The session whose events are the rows (views size columns from its events directly).
    IncidentSession *session() const;

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

    QString sentence(int row) const;
    bool faultsShown() const;
    // On a drill clock, the real time since the declaration beside the drill's T+.
    QString elapsedTip(qint64 elapsedMs) const;

    QPointer<IncidentSession> m_session;
    int m_rowCount = 0; // rows announced to views: events().size() as of the last append
    bool m_onDrillClock = false;        // the T+ column is on a drill runner's clock
    bool m_drillEnded = false;          // and stands still at its end
    bool m_faultsShown = false;         // not a drill, or ended or closed (isDrillFault)
    QMap<QString, QString> m_variables; // the text variables the sentences are written with
    std::optional<EventFormatter> m_formatter; // reads the session's checklist and m_variables
    mutable QCache<int, QString> m_sentences{4096}; // by row; a screenful is a few dozen
};

} // namespace warroom
