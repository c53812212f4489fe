#pragma once

#include <QString>

#include <optional>

namespace warroom {

struct CommandLine;

// `warroom drill SCENARIO.json` or `warroom drill --checklist FILE [--var NAME=VALUE]...`, with
// [--drill-speed N] [--db PATH] [--junit FILE] [--json FILE] [--quiet]: a whole drill with no
// display and no person, for CI. Exit status 0 when every step and expectation passed, 1 when
// the rollback broke, 2 for bad input (with the located message).
int runDrill(const CommandLine &cl);

// `warroom validate` on a scenario file: nothing when `file` is not a scenario (it is then read as
// a checklist); else whether it is valid, its "ok" line or its located messages printed.
std::optional<bool> validateIfScenario(const QString &file);

} // namespace warroom
