#pragma once

#include <QList>
#include <QString>

namespace warroom {

// HSEEP's rating of how a step (or a capability the scenario names) was performed.
enum class PerformanceRating {
    Performed,       // P: performed without challenges
    SomeChallenges,  // S: performed with some challenges
    MajorChallenges, // M: performed with major challenges
    Unable,          // U: unable to be performed
};

// A facilitator's note, tied to the moment on the drill clock and the step the room was on.
struct Observation
{
    qint64 atDrillMs = 0;
    QString stepId; // may be empty: the drill as a whole
    QString text;
    QString author;
};

struct StepRating
{
    QString stepId;
    PerformanceRating rating = PerformanceRating::Performed;
    QString note;
    qint64 atDrillMs = 0;
    QString author;
};

// What the facilitator writes during and after a drill: observations and P/S/M/U ratings. Kept
// apart from the incident's timeline on purpose: players never see it and the postmortem does
// not carry it; it is for the debrief. Plain data, no session: a screen or a debrief reads it.
class FacilitatorLog
{
public:
    static QString letter(PerformanceRating rating);  // "P"
    static QString meaning(PerformanceRating rating); // "performed without challenges"
    // "P", "s", "M", "U" -> the rating; false for anything else.
    static bool parse(const QString &text, PerformanceRating *out);

    // False with the reason when the text is blank.
    bool observe(const Observation &o, QString *error);
    // A step's rating; rating it again replaces the earlier one (the latest judgement counts).
    bool rate(const StepRating &r, QString *error);

    const QList<Observation> &observations() const { return m_observations; }
    QList<Observation> observationsOf(const QString &stepId) const;
    const StepRating *rating(const QString &stepId) const;
    const QList<StepRating> &ratings() const { return m_ratings; }
    // How many steps got each rating, P S M U in that order.
    QList<int> tally() const;

private:
    QList<Observation> m_observations; // in drill-time order
    QList<StepRating> m_ratings;       // one per step, in the order first rated
};

} // namespace warroom
