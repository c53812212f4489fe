#include "gantt/ScheduleForecast.h"

#include "engine/ChecklistEngine.h"

#include <algorithm>

namespace warroom {

namespace {

class Forecasting
{
public:
    Forecasting(const ChecklistEngine &engine, const QList<PlannedStep> &plan, qint64 nowMs,
                const ScheduleForecaster::Clock &shown)
        : m_engine(engine)
        , m_plan(plan)
        , m_shown(shown)
        , m_now(at(nowMs))
        , m_steps(engine.stepCount())
        , m_known(engine.stepCount(), false)
    {
    }

    QList<ForecastStep> all()
    {
        for (int i = 0; i < m_engine.stepCount(); ++i)
            step(i);
        return m_steps;
    }

private:
    // A time of the engine's (real elapsed ms) on the forecast's clock; -1 stays "none".
    qint64 at(qint64 elapsedMs) const
    {
        return m_shown && elapsedMs >= 0 ? m_shown(elapsedMs) : elapsedMs;
    }

    qint64 duration(int i) const
    {
        return i < m_plan.size() ? m_plan.at(i).endMs - m_plan.at(i).startMs : 0;
    }

    // When the last dependency of step i is expected to end. The parser refuses cycles, so the
    // recursion ends; its depth is at most the number of steps.
    qint64 dependenciesEnd(int i)
    {
        qint64 end = 0;
        for (const QString &dep : m_engine.checklist().steps.at(i).dependsOn) {
            const int d = m_engine.checklist().stepIndex(dep);
            if (d >= 0)
                end = std::max(end, step(d).endMs);
        }
        return end;
    }

    const ForecastStep &step(int i)
    {
        if (m_known.at(i))
            return m_steps.at(i);
        const StepStatus &s = m_engine.step(i);
        ForecastStep f;
        f.started = s.isStarted();
        if (s.state == StepState::Done || s.state == StepState::Skipped) {
            // A step skipped before it started has no start: it took no time, at its end.
            f.finished = true;
            f.endMs = std::max<qint64>(at(s.endedElapsedMs), 0);
            f.startMs = f.started ? at(s.startedElapsedMs) : f.endMs;
        } else if (s.state == StepState::Failed) {
            // The rollback is not done while a step has failed: it has to be done again, from
            // now at the earliest, and take its planned time again.
            f.startMs = at(s.startedElapsedMs);
            f.endMs = std::max(m_now, dependenciesEnd(i)) + duration(i);
        } else if (f.started) {
            // Overrunning: it ends no earlier than now; we cannot know how much longer.
            f.startMs = at(s.startedElapsedMs);
            f.endMs = std::max(f.startMs + duration(i), m_now);
        } else {
            f.startMs = std::max(m_now, dependenciesEnd(i));
            f.endMs = f.startMs + duration(i);
        }
        m_steps[i] = f;
        m_known[i] = true;
        return m_steps.at(i);
    }

    const ChecklistEngine &m_engine;
    const QList<PlannedStep> &m_plan;
    const ScheduleForecaster::Clock &m_shown;
    qint64 m_now;
    QList<ForecastStep> m_steps;
    QList<bool> m_known;
};

} // namespace

ScheduleForecast ScheduleForecaster::forecast(const ChecklistEngine &engine,
                                              const QList<PlannedStep> &plan, qint64 nowMs,
                                              const Clock &shown)
{
    ScheduleForecast out;
    out.steps = Forecasting(engine, plan, nowMs, shown).all();
    out.complete = true;
    for (int i = 0; i < engine.stepCount(); ++i) {
        out.finishMs = std::max(out.finishMs, out.steps.at(i).endMs);
        out.complete = out.complete && out.steps.at(i).finished;
    }
    out.plannedFinishMs = SchedulePlanner::finishMs(plan);
    return out;
}

} // namespace warroom
