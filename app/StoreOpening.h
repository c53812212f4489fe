#pragma once

class QString;

namespace warroom {

struct CommandLine;
class TimelineStore;

// How every command opens --db, said once: a file path or a server's URI, and on failure the
// reason on standard error as "warroom: ..." (the caller then exits with status 1).
// For reading only: nothing is migrated or written, and no writer is counted. With
// ReadCheck::Beside the file's integrity check runs while the command reads, and the command asks
// TimelineStore::integrityVerdict() before it uses what it read.
enum class ReadCheck { First, Beside };
[[nodiscard]] bool openStoreToRead(TimelineStore &store, const QString &db,
                                   ReadCheck check = ReadCheck::First);
// For writing, migrating an older schema. As the window does, only the default location gets its
// folder made: a --db whose folder is missing is more likely a typo than a wish for new folders.
[[nodiscard]] bool openStoreToWrite(TimelineStore &store, const QString &db, bool dbGiven);

} // namespace warroom
