// The chart's colours tell its states apart: every pair of the bars a reader must not confuse
// differs by a colour distance (CIE76 ΔE in CIELAB) well past "the same colour, lighter", on the
// dark screen and on white. The re-forecast's bars were the unknown outcome's yellow, a shade
// lighter: from across the room a forecast read as a run in doubt.
#include "gantt/GanttPalette.h"

#include <QTest>

#include <array>
#include <cmath>

using namespace warroom;

namespace {

// sRGB to CIELAB under D65: the distance a person sees between two colours, roughly.
std::array<double, 3> lab(const QColor &c)
{
    const auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const double r = linear(c.redF()), g = linear(c.greenF()), b = linear(c.blueF());
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    const auto f = [](double t) {
        return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
    };
    return {116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))};
}

double distance(const QColor &a, const QColor &b)
{
    const auto p = lab(a);
    const auto q = lab(b);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

} // namespace

class TestGanttPalette : public QObject
{
    Q_OBJECT

private slots:
    void statesApart_data();
    void statesApart();
};

void TestGanttPalette::statesApart_data()
{
    QTest::addColumn<QColor>("first");
    QTest::addColumn<QColor>("second");
    // The bars' meanings: under way, done, failed, in doubt, skipped, and the re-forecast.
    const QList<std::pair<const char *, QColor GanttPalette::*>> states{
        {"active", &GanttPalette::active},   {"done", &GanttPalette::done},
        {"failed", &GanttPalette::failed},   {"unknown", &GanttPalette::unknown},
        {"skipped", &GanttPalette::skipped}, {"forecast", &GanttPalette::forecast}};
    for (const auto &[name, palette] :
         {std::pair{"dark", GanttPalette::dark()}, {"light", GanttPalette::light()}}) {
        for (qsizetype i = 0; i < states.size(); ++i) {
            for (qsizetype j = i + 1; j < states.size(); ++j) {
                QTest::addRow("%s: %s, %s", name, states.at(i).first, states.at(j).first)
                    << palette.*states.at(i).second << palette.*states.at(j).second;
            }
        }
    }
}

void TestGanttPalette::statesApart()
{
    QFETCH(QColor, first);
    QFETCH(QColor, second);
    // 20: twice what reads as "a shade lighter"; the closest pair today (active and the
    // forecast on the dark screen) is 33.
    const double d = distance(first, second);
    QVERIFY2(d >= 20.0, qPrintable(QStringLiteral("%1 and %2 are %3 apart")
                                       .arg(first.name(), second.name())
                                       .arg(d, 0, 'f', 1)));
}

QTEST_APPLESS_MAIN(TestGanttPalette)
#include "tst_ganttpalette.moc"
