#pragma once

namespace warroom {

struct CommandLine;

// `warroom sim [--port N] [--scenario FILE]`: the drill backend on loopback until Ctrl+C; with
// WARROOM_SIM_TOKEN set, its side effects need that bearer token.
int runSim(const CommandLine &cl);

} // namespace warroom
