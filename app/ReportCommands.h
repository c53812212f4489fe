#pragma once

namespace warroom {

struct CommandLine;

// `warroom export` and `warroom verify`: thin wiring of the core's exporters and chain verifier.
int runExport(const CommandLine &cl);
int runVerify(const CommandLine &cl);

} // namespace warroom
