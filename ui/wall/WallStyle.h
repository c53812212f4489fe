#pragma once

#include "wall/WallState.h"

#include <QString>

class QWidget;

namespace warroom {

// Every size on the wall is a share of the screen's height, so 1280x720 and 3840x2160 show the
// same wall, only sharper. The shares keep every text at 3% of the height or more and the
// current item above 6%: readable across a room, and in a photo of the screen shrunk to a
// quarter.
class WallStyle
{
public:
    // Percent of the screen height, by role.
    static constexpr double textPercent = 3.4;    // the smallest: details, strip, timeline
    static constexpr double headingPercent = 3.8; // title, step heading, forecast
    static constexpr double itemPercent = 6.6;    // the current item: the largest words
    static constexpr double valuePercent = 6.0;   // the measured value
    static constexpr double clockPercent = 7.5;

    static int pixels(double percent, int screenHeight);
    // The wall's style sheet for a screen this tall: fonts in pixels, ECL-like tone colours.
    static QString styleSheet(int screenHeight);
    // Sets the "tone" property the style sheet colours by, and re-polishes when it changed.
    static void setTone(QWidget *widget, WallTone tone);
};

} // namespace warroom
