#pragma once

// The figures the benchmarks print, computed one way for all of them so their tables compare.

#include <QList>

#include <algorithm>

namespace warroom::test {

// The value at fraction `p` (0..1) of the sorted samples, to the nearest sample; 0 for none.
inline double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<qsizetype>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v.at(std::clamp<qsizetype>(i, 0, v.size() - 1));
}

// The upper median (the same sample as percentile(v, 0.5)).
inline double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

} // namespace warroom::test
