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
    // Close to the floor on purpose: at 3.4% a wall with the roles, a poll and announcements had
    // no room left for the timeline's last entries at 16:9.
    static constexpr double textPercent = 3.1;    // the smallest: details, strip, timeline
    static constexpr double headingPercent = 3.5; // title, step heading, forecast
    static constexpr double itemPercent = 6.3;    // the current item: the largest words
    static constexpr double valuePercent = 5.2;   // the measured value
    static constexpr double clockPercent = 6.8;

    static int pixels(double percent, int screenHeight);
    // The wall's style sheet for a screen this tall: fonts in pixels, ECL-like tone colours.
    static QString styleSheet(int screenHeight);
    // Sets the "tone" property the style sheet colours by, and re-polishes when it changed.
    static void setTone(QWidget *widget, WallTone tone);
};

} // namespace warroom
