#include "ui/wall/WallStyle.h"

#include <QStyle>
#include <QVariant>
#include <QWidget>

#include <cmath>

namespace warroom {

int WallStyle::pixels(double percent, int screenHeight)
{
    return static_cast<int>(std::ceil(percent * screenHeight / 100.0));
}

QString WallStyle::styleSheet(int h)
{
    const auto px = [h](double percent) { return QString::number(pixels(percent, h)); };
    // A widget's own style sheet wins over the application's ("QWidget { font-size: 11pt }"),
    // so every font the wall shows is set here, in pixels of this screen.
    QString css = QStringLiteral(
        "#wallWindow { background: #05070a; }"
        "#wallWindow QWidget { color: #f4f6f8; font-size: %1px; background: transparent; }"
        "#wallWindow QLabel#wallTitle, #wallWindow QLabel#wallStepHeading,"
        "#wallWindow QLabel#wallForecast, #wallWindow QLabel#wallBadge,"
        "#wallWindow QLabel#wallStepState { font-size: %2px; font-weight: bold; }"
        "#wallWindow QLabel#wallItem { font-size: %3px; font-weight: bold; color: #ffffff; }"
        "#wallWindow QLabel#wallValue { font-size: %4px; font-weight: bold; }"
        "#wallWindow QLabel#wallClock { font-size: %5px; font-weight: bold;"
        " font-family: 'DejaVu Sans Mono', monospace; }"
        "#wallWindow QLabel#wallMeasureHeading, #wallWindow QLabel#wallTileState,"
        "#wallWindow QLabel#wallPoll"
        " { font-weight: bold; }"
        "#wallWindow QLabel#wallBadge { padding: 0 %6px; border-radius: %7px; color: #05070a; }")
                      .arg(px(textPercent), px(headingPercent), px(itemPercent), px(valuePercent),
                           px(clockPercent), px(1.0), px(0.5));
    css += QStringLiteral("#wallWindow QFrame#wallCurrent { border-left: %1px solid #5fb0ff;"
                          " background: #0f1722; }"
                          "#wallWindow QFrame#wallTile { border: %2px solid #3a4350;"
                          " border-radius: %2px; background: #0d1117; }"
                          "#wallWindow QFrame#wallTile[current=\"true\"] { background: #16263a; }"
                          "#wallWindow QLabel#wallAnnouncement { font-weight: bold;"
                          " padding: %3px; border: %4px solid #ffbf3c; }"
                          "#wallWindow QLabel#wallClockScale { color: #9aa4b1; }")
               .arg(px(0.8), px(0.3), px(0.4), px(0.3));
    // ECL-like: white pending, blue active, green done, amber override or deferred, red failed.
    const struct
    {
        const char *tone;
        const char *colour;
    } tones[] = {{"pending", "#f4f6f8"},
                 {"active", "#5fb0ff"},
                 {"done", "#3ddc84"},
                 {"deferred", "#ffbf3c"},
                 {"failed", "#ff5a4f"}};
    for (const auto &t : tones) {
        const QString tone = QLatin1String(t.tone);
        const QString colour = QLatin1String(t.colour);
        css += QStringLiteral("#wallWindow QLabel[tone=\"%1\"] { color: %2; }"
                              "#wallWindow QFrame#wallTile[tone=\"%1\"] { border-color: %2; }"
                              "#wallWindow QLabel#wallBadge[tone=\"%1\"] { background: %2; }"
                              "#wallWindow QLabel#wallAnnouncement[tone=\"%1\"]"
                              " { border-color: %2; }")
                   .arg(tone, colour);
    }
    return css;
}

void WallStyle::setTone(QWidget *widget, WallTone tone)
{
    const QString name = wallToneName(tone);
    if (widget->property("tone").toString() == name)
        return;
    widget->setProperty("tone", name);
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
}

} // namespace warroom
