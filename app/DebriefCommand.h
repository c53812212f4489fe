#pragma once

namespace warroom {

struct CommandLine;

// `warroom debrief --db PATH [--incident ID] --format md|html|pdf [-o FILE]`: the after-action
// report of a facilitated drill (models/facilitation/Debrief), for players without access to
// the app; the newest facilitated drill when no --incident is given. md and html go to standard
// output unless -o names a file; pdf needs -o. Runs under a QGuiApplication (fonts for the PDF).
int runDebrief(const CommandLine &cl);

} // namespace warroom
