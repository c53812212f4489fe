#include "util/TimeFormat.h"

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

std::optional<qint64> parseElapsed(const QString &text)
{
    QString t = text.trimmed();
    if (t.startsWith(QLatin1String("T+"), Qt::CaseInsensitive))
        t = t.mid(2);
    if (t.isEmpty())
        return std::nullopt;
    if (!t.contains(u':')) {
        bool ok = false;
        const double minutes = t.toDouble(&ok);
        if (!ok || minutes < 0 || minutes > 1e7)
            return std::nullopt;
        return static_cast<qint64>(minutes * 60'000.0 + 0.5);
    }
    const QStringList parts = t.split(u':');
    if (parts.size() > 3)
        return std::nullopt;
    qint64 seconds = 0;
    for (int i = 0; i < parts.size(); ++i) {
        bool ok = false;
        const int v = parts.at(i).toInt(&ok);
        if (!ok || v < 0 || (i > 0 && v > 59))
            return std::nullopt;
        seconds = seconds * 60 + v;
    }
    return seconds * 1000;
}

QString formatAge(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0'));
}

} // namespace warroom
