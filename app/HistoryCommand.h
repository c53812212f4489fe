#pragma once

namespace warroom {

struct CommandLine;

// `warroom history [--db PATH] [--checklist ID] [--format text|md|json|csv]`: how long each
// step of each checklist really took, from every incident in the database.
int runHistory(const CommandLine &cl);

} // namespace warroom
