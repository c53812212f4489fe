#include "drill/DrillResult.h"

#include <QJsonArray>

namespace warroom {

int DrillResult::failures() const
{
    return static_cast<int>(failureLines().size());
}

QStringList DrillResult::failureLines() const
{
    QStringList out = problems;
    for (const DrillStepResult &s : steps) {
        if (!s.failure.isEmpty()) // it names its step and item ("step 4 execute (…), item …")
            out << s.failure;
    }
    for (const DrillExpectationResult &e : expectations) {
        if (!e.passed)
            out << QStringLiteral("expectation %1: %2")
                       .arg(e.id, e.message.isEmpty() ? e.description : e.message);
    }
    return out;
}

QJsonObject DrillResult::verdictJson(qsizetype lineChars) const
{
    QStringList lines = failureLines();
    if (lineChars >= 0) {
        for (QString &line : lines) {
            if (line.size() > lineChars)
                line = line.left(lineChars) + QStringLiteral(" \u2026 (cut)");
        }
    }
    return {{QStringLiteral("outcome"), outcome},
            {QStringLiteral("reason"), stopReason},
            {QStringLiteral("passed"), passed()},
            {QStringLiteral("failures"), QJsonArray::fromStringList(lines)}};
}

bool DrillResult::passed() const
{
    return failures() == 0
           && (outcome == QLatin1String("completed") || outcome == QLatin1String("stopped"));
}

QString DrillResult::failureCount(qsizetype failures)
{
    return failures == 1 ? QStringLiteral("1 failure")
                         : QStringLiteral("%1 failures").arg(failures);
}

QString DrillResult::verdictText(bool passed, qsizetype failures)
{
    if (passed)
        return QStringLiteral(
            "the drill passed, every step and expectation as its scenario expects");
    if (failures == 0) // it ended as its scenario does not expect (stopped, timed out, an error)
        return QStringLiteral("the drill did not pass");
    return QStringLiteral("the drill did not pass: %1 against what its scenario expects")
        .arg(failureCount(failures));
}

} // namespace warroom
