#include "OutputFormat.h"

#include "CommandLine.h"
#include "Console.h"
#include "util/OutputFile.h"

#include <QFileInfo>

namespace warroom {

QString outputFormat(const CommandLine &cl, const QStringList &named, const QString &fallback)
{
    if (!cl.format.isEmpty())
        return cl.format;
    QString suffix = QFileInfo(cl.output).suffix().toLower();
    if (suffix == QLatin1String("htm") || suffix == QLatin1String("markdown"))
        suffix = suffix == QLatin1String("htm") ? QStringLiteral("html") : QStringLiteral("md");
    return named.contains(suffix) ? suffix : fallback;
}

bool writeOutput(const QString &path, const QString &text, const QString &what)
{
    if (path.isEmpty()) {
        out() << text;
        out().flush();
        return true;
    }
    QString error;
    if (!OutputFile::write(path, text.toUtf8(), &error)) {
        err() << "warroom: " << error << "\n";
        return false;
    }
    out() << "wrote " << path << (what.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(what))
          << "\n";
    return true;
}

} // namespace warroom
