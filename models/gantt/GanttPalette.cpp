#include "gantt/GanttPalette.h"

namespace warroom {

QColor GanttPalette::colour(BarState state) const
{
    switch (state) {
    case BarState::Planned:
        return planned;
    case BarState::Active:
        return active;
    case BarState::Done:
        return done;
    case BarState::Skipped:
        return skipped;
    case BarState::Failed:
        return failed;
    case BarState::Unknown:
        return unknown;
    }
    return {};
}

GanttPalette GanttPalette::dark()
{
    GanttPalette p;
    p.background = QColor(0x18, 0x1e, 0x26);
    p.foreground = QColor(0xe8, 0xec, 0xf1);
    p.grid = QColor(0x2c, 0x34, 0x40);
    p.planned = QColor(0x8a, 0x94, 0xa3);
    p.active = QColor(0x56, 0xb4, 0xe9);
    p.done = QColor(0x00, 0x9e, 0x73);
    p.skipped = QColor(0xbb, 0xbb, 0xbb);
    p.failed = QColor(0xd5, 0x5e, 0x00);
    p.failedText = QColor(0xff, 0xff, 0xff);
    // Okabe-Ito's yellow, cross-hatched on the chart: neither done's green nor failed's vermilion.
    p.unknown = QColor(0xf0, 0xe4, 0x42);
    p.critical = QColor(0xcc, 0x79, 0xa7);
    p.overridden = QColor(0xe6, 0x9f, 0x00);
    // Violet: neither the unknown's yellow (a forecast bar in it read from across the room as a
    // run in doubt) nor, for a reader without red or green cones, the active bars' sky blue (a
    // lavender was; tst_ganttpalette measures both).
    p.forecast = QColor(0x88, 0x77, 0xff);
    p.now = QColor(0xff, 0x4d, 0x4d);
    p.milestone = QColor(0xf0, 0xe4, 0x42);
    p.closed = QColor(0xaa, 0xb4, 0xc0);
    p.note = QColor(0xff, 0xff, 0xff);
    p.overrun = QColor(0xff, 0xd0, 0x80);
    return p;
}

// For paper: the same hues, dark enough to read on white, and lines that survive greyscale.
GanttPalette GanttPalette::light()
{
    GanttPalette p = dark();
    p.background = QColor(0xff, 0xff, 0xff);
    p.foreground = QColor(0x1a, 0x1a, 0x1a);
    p.grid = QColor(0xd8, 0xdc, 0xe0);
    p.planned = QColor(0x70, 0x78, 0x84);
    p.active = QColor(0x00, 0x72, 0xb2);
    p.skipped = QColor(0x88, 0x88, 0x88);
    p.unknown = QColor(0x8a, 0x6d, 0x00); // the yellow, dark enough to read on white
    p.forecast = QColor(0x55, 0x00, 0xee);
    p.now = QColor(0xc0, 0x1c, 0x1c);
    p.milestone = QColor(0x8a, 0x6d, 0x00);
    p.closed = QColor(0x55, 0x5f, 0x6b);
    p.note = QColor(0x1a, 0x1a, 0x1a);
    p.overrun = QColor(0x9a, 0x4a, 0x00);
    return p;
}

} // namespace warroom
