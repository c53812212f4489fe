#pragma once

#include <QAbstractItemModel>
#include <QList>
#include <QPointer>

#include <memory>
#include <optional>

namespace warroom {

class ChecklistEngine;
struct ItemStatus;
class IncidentSession;

// The checklist of the open incident as a tree: steps at the top level, their items below.
// Read-only: changes go through IncidentSession commands, and this model follows the timeline.
class ChecklistModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { TitleColumn, StateColumn, ResultColumn, WhoColumn, TimeColumn, ColumnCount };
    enum Role {
        StepIdRole = Qt::UserRole + 1,
        ItemIdRole,
        StateRole,      // stepStateName / itemStateName
        IsCurrentRole,  // the step or item that wants attention now
        IsOverrideRole, // done out of order, skipped, or started before its dependencies
        GuidanceRole,   // Markdown, with variables expanded
        ItemKindRole,   // "confirm" / "choice"
        // What an item's last run or confirmation left to read, in words: the measured value
        // against its threshold, the HTTP answer, the ramp's weight, the chosen option. It stays
        // after the item is done: a passed check keeps its value on screen.
        ResultRole,
    };
    // StateRole is "deferred" for a deferred item still open, "returned" for its row at the step
    // it comes back to; both read amber, with their words.

    explicit ChecklistModel(QObject *parent = nullptr);
    ~ChecklistModel() override;

    void setSession(IncidentSession *session);
    // Shows the checklist as it stood at that moment (replay); nullopt returns to the live state.
    void setReplayTime(std::optional<qint64> elapsedMs);
    std::optional<qint64> replayTime() const { return m_replayTime; }
    IncidentSession *session() const;

    QModelIndex stepIndex(int step, int column = TitleColumn) const;
    QModelIndex itemIndex(int step, int item, int column = TitleColumn) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    // An item deferred to a step comes back under it as an extra row after the step's own items
    // ("↩ FROM STEP 2: …"); those deferred to the follow-ups come back under the last step.
    // ChecklistModelReturned.cpp.
    struct Returned
    {
        int step = -1;
        int item = -1;
        bool operator==(const Returned &) const = default;
    };
    QList<Returned> returnedAt(int step) const;
    // Inserts and removes the returned rows so they match the engine (a deferral, an undo).
    void syncReturned();
    QVariant returnedData(const Returned &r, int column, int role) const;
    int ownItems(int step) const;
    static QString deferredLabel(const ChecklistEngine &engine, const ItemStatus &st);

    QVariant anyData(const QModelIndex &index, int role) const;
    QVariant stepData(int step, int column, int role) const;
    QVariant cellData(int step, int item, int column, int role) const;
    void refresh();
    const ChecklistEngine &engine() const;

    QPointer<IncidentSession> m_session;
    std::optional<qint64> m_replayTime;
    std::unique_ptr<ChecklistEngine> m_replayEngine;
    QList<QList<Returned>> m_returned; // per step, the rows shown now
};

} // namespace warroom
