#pragma once

namespace warroom {

// Registers the resources compiled into this static library (icons, style sheet, built-in
// checklist). A static library's resource object is only linked in when something references
// it, so the app and the GUI tests call this once at start.
void initResources();

} // namespace warroom
