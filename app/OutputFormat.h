#pragma once

#include <QString>
#include <QStringList>

namespace warroom {

struct CommandLine;

// The format a writing command writes: --format as given; without it, the one among `named`
// that --output's suffix names ("-o debrief.pdf" wrote Markdown into debrief.pdf, silently),
// else `fallback`.
QString outputFormat(const CommandLine &cl, const QStringList &named, const QString &fallback);
// A writing command's text on standard output, or in `path` then "wrote PATH (what)" (without
// the brackets when `what` is empty); false after saying why the file was not written.
bool writeOutput(const QString &path, const QString &text, const QString &what = {});

} // namespace warroom
