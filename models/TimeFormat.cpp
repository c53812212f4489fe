#include "TimeFormat.h"

#include <QDateTime>
#include <QTimeZone>

namespace warroom {

QString formatElapsed(qint64 elapsedMs)
{
    const bool negative = elapsedMs < 0;
    const qint64 s = (negative ? -elapsedMs : elapsedMs) / 1000;
    return QStringLiteral("T%1%2:%3:%4")
        .arg(QChar(negative ? u'-' : u'+'))
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString formatUtc(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
           + u'Z';
}

} // namespace warroom
