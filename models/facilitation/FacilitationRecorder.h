#pragma once

#include "drill/InjectBoard.h"
#include "drill/Scenario.h"
#include "facilitation/FacilitatorLog.h"
#include "store/FacilitationEntry.h"

#include <QObject>

namespace warroom {

class DrillRunner;
class TimelineStore;

// Keeps a running drill's facilitation in the database as it happens (schema 4's
// facilitation_entries, never the incident's timeline): the scenario and the drill clock when
// the drill starts, every pause and resume, every change of the inject board (fired, fire now,
// skipped, delayed, unscheduled, acknowledged, whoever made it), and the facilitator's
// observations and ratings, which go through observe() and rate() here: written first, then
// applied to log(), so what the screen shows is what a restart reads back
// (FacilitationRecord::load). One recorder per runner, made before the runner starts.
class FacilitationRecorder : public QObject
{
    Q_OBJECT

public:
    // `scenario` is the one the runner was given (kept in the record when the drill starts).
    FacilitationRecorder(TimelineStore &store, DrillRunner &runner, const Scenario &scenario,
                         QString facilitator, QObject *parent = nullptr);

    const FacilitatorLog &log() const { return m_log; }
    QString facilitator() const { return m_facilitator; }

    // At the drill clock's now, on `stepId` (empty: the drill as a whole). False with the
    // reason when the text is blank, no drill has started, or the database refused.
    bool observe(const QString &stepId, const QString &text, QString *error);
    bool rate(const QString &stepId, PerformanceRating rating, const QString &note,
              QString *error);

signals:
    // A write that failed outside a call that could say so (a board change, the clock).
    void problem(const QString &message);

private:
    void onClockChanged();
    void onBoardChanged(const InjectBoard::Change &change);
    bool write(const QString &kind, const QString &subject, qint64 drillMs, const QString &author,
               const QJsonObject &payload, QString *error);

    TimelineStore &m_store;
    DrillRunner &m_runner;
    Scenario m_scenario;
    QString m_facilitator;
    FacilitatorLog m_log;
    bool m_started = false;
};

} // namespace warroom
