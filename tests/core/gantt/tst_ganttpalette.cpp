// The chart's colours tell its states apart: every pair of the bars a reader must not confuse
// differs by a colour distance (CIE76 ΔE in CIELAB) well past "the same colour, lighter", on the
// dark screen and on white, and the re-forecast's also for a reader without red or green cones.
// The re-forecast's bars were the unknown outcome's yellow, a shade lighter: from across the room
// a forecast read as a run in doubt; then lavender, which without green cones was the active
// bars' sky blue (4.3 apart).
#include "gantt/GanttPalette.h"

#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>

using namespace warroom;

namespace {

using Matrix = std::array<std::array<double, 3>, 3>;
// What a person with no red (protanopia) or no green (deuteranopia) cones sees, on linear RGB:
// Machado, Oliveira and Fernandes (2009), severity 1.
constexpr Matrix normal{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
constexpr Matrix protanopia{{{0.152286, 1.052583, -0.204868},
                             {0.114503, 0.786281, 0.099216},
                             {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix deuteranopia{{{0.367322, 0.860646, -0.227968},
                               {0.280085, 0.672501, 0.047413},
                               {-0.011820, 0.042940, 0.968881}}};

// sRGB to CIELAB under D65, as `vision` sees it: the distance a person sees between two colours,
// roughly.
std::array<double, 3> lab(const QColor &c, const Matrix &vision)
{
    const auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const std::array<double, 3> in{linear(c.redF()), linear(c.greenF()), linear(c.blueF())};
    std::array<double, 3> seen{};
    for (std::size_t i = 0; i < 3; ++i) {
        const double v = vision[i][0] * in[0] + vision[i][1] * in[1] + vision[i][2] * in[2];
        seen[i] = std::clamp(v, 0.0, 1.0);
    }
    const auto [r, g, b] = seen;
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    const auto f = [](double t) {
        return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
    };
    return {116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))};
}

double distance(const QColor &a, const QColor &b, const Matrix &vision)
{
    const auto p = lab(a, vision);
    const auto q = lab(b, vision);
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
    QTest::addColumn<Matrix>("vision");
    // The bars' meanings: under way, done, failed, in doubt, skipped, and the re-forecast.
    const QList<std::pair<const char *, QColor GanttPalette::*>> states{
        {"active", &GanttPalette::active},   {"done", &GanttPalette::done},
        {"failed", &GanttPalette::failed},   {"unknown", &GanttPalette::unknown},
        {"skipped", &GanttPalette::skipped}, {"forecast", &GanttPalette::forecast}};
    const QList<std::pair<const char *, Matrix>> visions{
        {"normal", normal}, {"protanopia", protanopia}, {"deuteranopia", deuteranopia}};
    for (const auto &[name, palette] :
         {std::pair{"dark", GanttPalette::dark()}, {"light", GanttPalette::light()}}) {
        for (qsizetype i = 0; i < states.size(); ++i) {
            for (qsizetype j = i + 1; j < states.size(); ++j) {
                // The Okabe-Ito states keep their hues and patterns for the colour-blind (failed
                // and unknown on white are 2.6 apart without red cones: the word and the cross-
                // hatch tell them); the forecast, chosen here, is held apart for them too.
                const bool forecast = states.at(j).second == &GanttPalette::forecast;
                for (const auto &[seen, vision] : visions) {
                    if (!forecast && vision != normal)
                        continue;
                    QTest::addRow("%s, %s: %s, %s", name, seen, states.at(i).first,
                                  states.at(j).first)
                        << palette.*states.at(i).second << palette.*states.at(j).second << vision;
                }
            }
        }
    }
}

void TestGanttPalette::statesApart()
{
    QFETCH(QColor, first);
    QFETCH(QColor, second);
    QFETCH(Matrix, vision);
    // 20: four times what reads as "a shade lighter" (the old forecast and the unknown were 5.0
    // apart); the closest pair today, active and the forecast on the dark screen without red
    // cones, is 31.6.
    const double d = distance(first, second, vision);
    QVERIFY2(d >= 20.0, qPrintable(QStringLiteral("%1 and %2 are %3 apart")
                                       .arg(first.name(), second.name())
                                       .arg(d, 0, 'f', 1)));
}

QTEST_APPLESS_MAIN(TestGanttPalette)
#include "tst_ganttpalette.moc"
