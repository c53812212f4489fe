#include "timeline/EventRowRules.h"

#include "timeline/EventTimes.h"
#include "util/Diagnostic.h"
#include "util/OneLine.h"

#include <QJsonDocument>

#include <tuple>

namespace warroom {

QString EventRowRules::problem(const TimelineEvent &e)
{
    if (QString bad = EventTimes::problem(e); !bad.isEmpty())
        return bad;
    if (QStringView(e.actor).trimmed().isEmpty())
        return QStringLiteral("event %1 is signed by no one (its actor is blank), which no build "
                              "of warroom writes: a damaged or forged row")
            .arg(e.seq);
    // A kind is a word of the vocabulary; a step's or item's id is the checklist's, whose
    // pattern took a final line feed until 2026-12-07 and nothing else of the kind.
    const auto ends = [](const QString &id) {
        return id.size() > 1 && id.endsWith(u'\n') ? id.size() - 1 : id.size();
    };
    for (const auto &[field, text, end] :
         {std::tuple{QLatin1StringView("kind"), &e.kind, e.kind.size()},
          {QLatin1StringView("step"), &e.stepId, ends(e.stepId)},
          {QLatin1StringView("item"), &e.itemId, ends(e.itemId)}}) {
        // Every character refused is in the Basic Multilingual Plane: UTF-16 units are looked at.
        for (qsizetype i = 0; i < end; ++i) {
            const char16_t c = text->at(i).unicode();
            if (OneLine::isControl(c) || c == 0x2028 || c == 0x2029)
                return QStringLiteral("event %1's %2 holds %3 at character %4, which no build of "
                                      "warroom writes there: a damaged or forged row")
                    .arg(e.seq)
                    .arg(field)
                    .arg(OneLine::codePoint(c))
                    .arg(OneLine::characterAt(*text, i));
        }
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
    // Qt's parser, as the readers', not a faster validator: nlohmann's took a payload nested
    // 1,025 deep that Qt's refuses, and refused a leading space that Qt's takes.
    QJsonParseError parsed;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parsed);
    return payloadProblem(seq, parsed, doc.isObject());
}

QString EventRowRules::storedRowProblem(const TimelineEvent &event, const QByteArray &payloadText)
{
    if (QString bad = problem(event); !bad.isEmpty())
        return bad;
    return payloadProblem(event.seq, payloadText);
}

QString EventRowRules::firstPayloadProblem(const TimelineEvents &events)
{
    for (const TimelineEvent &e : events) {
        if (QString bad = payloadProblem(e.seq, e.payloadText); !bad.isEmpty())
            return bad;
    }
    return {};
}

QString EventRowRules::sequenceProblem(qint64 seq, qint64 expected)
{
    if (seq == expected)
        return {};
    if (seq < expected)
        return QStringLiteral("event %1 is stored twice (a second row %1 stands where event %2 "
                              "should be)")
            .arg(seq)
            .arg(expected);
    return QStringLiteral("event %1 is missing (the next stored one is %2)").arg(expected).arg(seq);
}

QString EventRowRules::notWholeNumber(const QString &owner, QLatin1StringView column,
                                      QByteArrayView stored)
{
    const QString shown
        = stored.isNull()
              ? QStringLiteral("NULL")
              : QStringLiteral("\u201c%1\u201d").arg(printableText(QString::fromUtf8(stored), 40));
    return QStringLiteral("%1 holds its %2 as %3, not a whole number").arg(owner, column, shown);
}

} // namespace warroom
