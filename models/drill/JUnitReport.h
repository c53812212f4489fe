#pragma once

#include "drill/DrillResult.h"

#include <QByteArray>

namespace warroom {

// A drill as JUnit XML, the test report every CI system reads (GitHub, GitLab, Jenkins): one
// <testsuite> per drill, one <testcase> per step and per expectation with its duration, each
// failure naming the step, the item, the measured value and the threshold, and the incident id
// and database among the suite's properties. It validates against Jenkins' junit-10.xsd
// (tests/data/junit/).
class JUnitReport
{
public:
    static QByteArray render(const DrillResult &result, qint64 startedUtcMs);
};

} // namespace warroom
