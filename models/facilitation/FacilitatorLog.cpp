#include "facilitation/FacilitatorLog.h"

#include "facilitation/FacilitatorText.h"

#include <algorithm>

namespace warroom {

QString FacilitatorLog::letter(PerformanceRating rating)
{
    static const char *const letters[] = {"P", "S", "M", "U"};
    return QString::fromLatin1(letters[int(rating)]);
}

QString FacilitatorLog::meaning(PerformanceRating rating)
{
    switch (rating) {
    case PerformanceRating::Performed:
        return QStringLiteral("performed without challenges");
    case PerformanceRating::SomeChallenges:
        return QStringLiteral("performed with some challenges");
    case PerformanceRating::MajorChallenges:
        return QStringLiteral("performed with major challenges");
    case PerformanceRating::Unable:
        return QStringLiteral("unable to be performed");
    }
    return {};
}

bool FacilitatorLog::parse(const QString &text, PerformanceRating *out)
{
    const QString t = text.trimmed().toUpper();
    for (PerformanceRating r : {PerformanceRating::Performed, PerformanceRating::SomeChallenges,
                                PerformanceRating::MajorChallenges, PerformanceRating::Unable}) {
        if (t == letter(r)) {
            *out = r;
            return true;
        }
    }
    return false;
}

bool FacilitatorLog::observe(const Observation &given, QString *error)
{
    Observation o = given;
    const std::optional<QString> text = FacilitatorText::clean(given.text, error);
    if (!text)
        return false;
    o.text = *text;
    if (o.text.isEmpty()) {
        *error = QStringLiteral("an observation needs some words");
        return false;
    }
    // Notes typed after the fact about an earlier moment still sort by their moment.
    const auto at = std::upper_bound(
        m_observations.begin(), m_observations.end(), o.atDrillMs,
        [](qint64 ms, const Observation &existing) { return ms < existing.atDrillMs; });
    m_observations.insert(at, o);
    return true;
}

bool FacilitatorLog::rate(const StepRating &given, QString *error)
{
    StepRating r = given;
    if (r.stepId.isEmpty()) {
        *error = QStringLiteral("a rating names the step (or capability) it rates");
        return false;
    }
    const std::optional<QString> note = FacilitatorText::clean(given.note, error);
    if (!note)
        return false;
    r.note = *note; // a rating may go without a note
    for (StepRating &existing : m_ratings) {
        if (existing.stepId == r.stepId) {
            existing = r;
            return true;
        }
    }
    m_ratings.append(r);
    return true;
}

QList<Observation> FacilitatorLog::observationsOf(const QString &stepId) const
{
    QList<Observation> out;
    std::copy_if(m_observations.cbegin(), m_observations.cend(), std::back_inserter(out),
                 [&](const Observation &o) { return o.stepId == stepId; });
    return out;
}

const StepRating *FacilitatorLog::rating(const QString &stepId) const
{
    const auto it = std::find_if(m_ratings.cbegin(), m_ratings.cend(),
                                 [&](const StepRating &r) { return r.stepId == stepId; });
    return it == m_ratings.cend() ? nullptr : &*it;
}

QList<int> FacilitatorLog::tally() const
{
    QList<int> counts(4, 0);
    for (const StepRating &r : m_ratings)
        ++counts[int(r.rating)];
    return counts;
}

} // namespace warroom
