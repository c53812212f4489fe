#pragma once

namespace warroom {

struct CommandLine;

// `warroom plan CHECKLIST [--db PATH] [--format md|html|pdf] [--output FILE]`: the rollback plan
// sheet of a checklist file (or the id of a checklist the database has run), answered from its
// text and the database's history. md and html go to standard output unless --output names a
// file; pdf needs --output.
int runPlan(const CommandLine &cl);

} // namespace warroom
