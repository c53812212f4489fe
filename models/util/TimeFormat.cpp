#include "util/TimeFormat.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace warroom {

namespace {

// The date of a day counted from 1970-01-01 (the proleptic Gregorian calendar QDate uses), by
// H. Hinnant's civil_from_days: a postmortem of 100,000 events formats 100,000 times, and
// QDateTime::toString took a tenth of an export's time.
void civilFromDays(qint64 days, qint64 &year, int &month, int &day)
{
    days += 719'468;
    const qint64 era = (days >= 0 ? days : days - 146'096) / 146'097;
    const auto dayOfEra = static_cast<int>(days - era * 146'097);
    const int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36'524 - dayOfEra / 146'096)
                          / 365;
    const int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const int mp = (5 * dayOfYear + 2) / 153;
    day = dayOfYear - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
}

} // namespace

QString formatElapsed(qint64 elapsedMs)
{
    const bool negative = elapsedMs < 0;
    // Unsigned, so that the most negative time (a forged one) has a magnitude too.
    const auto ms = static_cast<quint64>(elapsedMs);
    const quint64 s = (negative ? 0 - ms : ms) / 1000;
    char text[40];
    const int n = std::snprintf(text, sizeof text, "T%c%02llu:%02llu:%02llu", negative ? '-' : '+',
                                static_cast<unsigned long long>(s / 3600),
                                static_cast<unsigned long long>((s / 60) % 60),
                                static_cast<unsigned long long>(s % 60));
    return QString::fromLatin1(text, n);
}

QString formatGapBefore(qint64 ms)
{
    if (ms > -1000 && ms < 1000 && ms != 0)
        return QStringLiteral("under a second");
    return formatElapsed(ms).mid(2); // its sign dropped, as T- or T+
}

qint64 shownMarginMs(qint64 limitMs, qint64 ms)
{
    const qint64 shown = (limitMs / 1000 - ms / 1000) * 1000;
    return ms > limitMs ? std::min<qint64>(shown, -1000) : shown;
}

QString formatElapsed(const TimeText &timeText, qint64 elapsedMs)
{
    return timeText ? timeText(elapsedMs) : formatElapsed(elapsedMs);
}

QString formatUtc(qint64 utcMs)
{
    constexpr qint64 msPerDay = 86'400'000;
    const qint64 days = (utcMs >= 0 ? utcMs : utcMs - (msPerDay - 1)) / msPerDay;
    qint64 year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(days, year, month, day);
    if (year >= 1 && year <= 9999) { // QDateTime writes these as four digits; others it words
        const auto s = static_cast<int>((utcMs - days * msPerDay) / 1000);
        char text[24];
        const int n = std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02dZ",
                                    static_cast<int>(year), month, day, s / 3600, (s / 60) % 60,
                                    s % 60);
        return QString::fromLatin1(text, n);
    }
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
        // "nan" reads as a number and passes both bounds: it became T-2562047788015:12:55.
        if (!ok || !std::isfinite(minutes) || minutes < 0 || minutes > 1e7)
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

qint64 planMinute(qint64 ms)
{
    return std::max<qint64>(0, ms) / 60'000;
}

QString formatPlanDelta(qint64 deltaMs)
{
    // Unsigned, as formatElapsed: the most negative delta (a forged time) has a magnitude too.
    const auto ms = static_cast<quint64>(deltaMs);
    const quint64 minutes = ((deltaMs < 0 ? 0 - ms : ms) + 30'000) / 60'000;
    if (minutes == 0) // "0 min over plan" said a 20-second overrun was late
        return QStringLiteral("on plan");
    return QStringLiteral("%1 min %2 plan")
        .arg(minutes)
        .arg(deltaMs > 0 ? QLatin1StringView("over") : QLatin1StringView("under"));
}

bool isOverPlan(qint64 deltaMs)
{
    return deltaMs >= 30'000;
}

QString formatPlanTime(qint64 ms)
{
    // The minute the clock reads then (formatElapsed drops the seconds too), so a plan and its
    // forecast a few seconds apart read the same minute: rounding up made a fresh incident's
    // forecast, seconds after T+0, read a minute later than its plan. A forecast is never before
    // now, so its minute is never one the clock has left.
    const qint64 minutes = planMinute(ms);
    if (minutes < 100)
        return QStringLiteral("T+%1").arg(minutes);
    if (minutes < 48 * 60)
        return QStringLiteral("T+%1 h %2").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    const qint64 hours = minutes / 60;
    return QStringLiteral("T+%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

} // namespace warroom
