#include "timeline/EventRowRules.h"

#include "timeline/EventTimes.h"
#include "util/JsonText.h"
#include "util/OneLine.h"

#include <QJsonDocument>

namespace warroom {

namespace {

// The first UTF-16 unit of `text` that `breaks` takes, as a 1-based character place. Every
// character these rules refuse is in the Basic Multilingual Plane, so units are looked at: a read
// of 100,000 events checks four fields of each, and most hold a dozen ASCII letters.
template<typename Breaks>
std::optional<OneLine::Breaker> firstUnit(QStringView text, Breaks breaks)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (breaks(c))
            return OneLine::Breaker{c, OneLine::characterAt(text, i)};
    }
    return std::nullopt;
}

bool breaksLine(char32_t c)
{
    return OneLine::isControl(c) || c == 0x2028 || c == 0x2029;
}

QString forged(qint64 seq, QLatin1StringView field, const OneLine::Breaker &at)
{
    return QStringLiteral("event %1's %2 holds control character %3 at character %4, which no "
                          "build of warroom writes there: a damaged or forged row")
        .arg(seq)
        .arg(field)
        .arg(OneLine::codePoint(at.code))
        .arg(at.at);
}

} // namespace

QString EventRowRules::problem(const TimelineEvent &e)
{
    if (QString bad = EventTimes::problem(e); !bad.isEmpty())
        return bad;
    if (QStringView(e.actor).trimmed().isEmpty())
        return QStringLiteral("event %1 is signed by no one (its actor is empty), which no build "
                              "of warroom writes: a damaged or forged row")
            .arg(e.seq);
    const auto nameBreaker = [](char32_t c) {
        return breaksLine(c) && !OneLine::olderNameCharacter(c);
    };
    if (const auto at = firstUnit(e.actor, nameBreaker))
        return forged(e.seq, QLatin1StringView("actor"), *at);
    for (const auto &[field, text] : {std::pair{QLatin1StringView("kind"), &e.kind},
                                      {QLatin1StringView("step"), &e.stepId},
                                      {QLatin1StringView("item"), &e.itemId}}) {
        if (const auto at = firstUnit(*text, breaksLine))
            return forged(e.seq, field, *at);
    }
    return {};
}

QString EventRowRules::payloadProblem(qint64 seq, const QJsonParseError &parsed, bool isObject)
{
    if (isObject)
        return {};
    return QStringLiteral("event %1 has a payload that is not a JSON object (%2): a damaged or "
                          "forged row")
        .arg(seq)
        .arg(parsed.error == QJsonParseError::NoError ? QStringLiteral("not an object")
                                                      : parsed.errorString());
}

QString EventRowRules::payloadProblem(qint64 seq, const QByteArray &text)
{
    if (payloadIsObject(text))
        return {};
    // The reader's own words for what is wrong with it.
    QJsonParseError parsed;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parsed);
    if (!doc.isObject())
        return payloadProblem(seq, parsed, false);
    // Qt's parser is the more lenient (a space before the brace, text that is not UTF-8).
    return QStringLiteral("event %1 has a payload that is not a JSON object as warroom writes "
                          "one (canonical, in UTF-8): a damaged or forged row")
        .arg(seq);
}

bool EventRowRules::payloadIsObject(QByteArrayView text)
{
    // Validated, not built: a window opening 100,000 events can afford it.
    return isJsonObjectText(text);
}

} // namespace warroom
