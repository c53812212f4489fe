#pragma once

#include <QRect>

class QMainWindow;

namespace warroom {

// Where the console window opens: the first time maximised on the screen it opens on, then as it
// was left (QSettings), never larger than that screen's available area.
namespace WindowPlacement {

void restore(QMainWindow *window);
void save(const QMainWindow *window);
// `wanted` shrunk and moved so it lies inside `available` (pure, for tests).
QRect fitted(const QRect &wanted, const QRect &available);

} // namespace WindowPlacement

} // namespace warroom
