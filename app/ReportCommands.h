#pragma once

namespace warroom {

struct CommandLine;

// `warroom export` and `warroom verify`: thin wiring of the core's exporters and chain verifier.
int runExport(const CommandLine &cl);
int runVerify(const CommandLine &cl);

// `warroom export` as a whole command: makes the application object the format needs (HTML and
// PDF lay text out, which takes fonts and a QGuiApplication) and runs the export.
int runExportCommand(int &argc, char *argv[], const CommandLine &cl);

} // namespace warroom
