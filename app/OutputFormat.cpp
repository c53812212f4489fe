#include "OutputFormat.h"

#include "CommandLine.h"

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

} // namespace warroom
