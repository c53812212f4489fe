#pragma once

namespace warroom {

struct CommandLine;
class MainWindow;

// The facilitation menu items, the console's announcement banner and the wall's announcements,
// installed beside the console; with `warroom --facilitator [--scenario FILE]` the facilitator's
// window opens too and the scenario's drill starts. Drills that want the bundled backend get
// one in this process (the UI library does not link it). False with a message on stderr when
// the scenario could not start.
bool installFacilitation(MainWindow &window, const CommandLine &cl);

} // namespace warroom
