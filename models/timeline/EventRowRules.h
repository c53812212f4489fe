#pragma once

#include "timeline/TimelineEvent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <QString>

class QJsonParseError;

namespace warroom {

// What every reader of a stored event row refuses: what no build of warroom ever wrote, so a
// damaged row or one forged by someone with the database's rights (the chain's hash is unkeyed:
// anyone with INSERT computes it again). Its times out of range (EventTimes); no signature (an
// actor empty or blank); a control character or a line separator in its kind, which is a word of
// the vocabulary, or in a step's or item's id (but a final line feed); a payload that is not a
// JSON object.
//
// Not refused, because some build wrote it: a CR, an LF or another control character in an
// actor (`note --actor` and a drill scenario's actors took them for a while), a step or item id
// ending in a line feed (the checklist's id pattern took one until 2026-12-07), an unknown kind,
// step or item (an older build keeps and shows a newer one's). Every document shows such a
// character escaped or as a space (DocumentText); `copy` lists it as recorded as is.
class EventRowRules
{
public:
    // Empty when `event` may be read; otherwise what is wrong, naming the event and the field.
    // The payload is not looked at (readers parse it, or check it with payloadProblem).
    static QString problem(const TimelineEvent &event);
    // What a reader says of event `seq`'s payload when QJsonDocument::fromJson's `parsed`
    // report, and whether it gave an object, show it is not a JSON object; empty when it is.
    static QString payloadProblem(qint64 seq, const QJsonParseError &parsed, bool isObject);
    // The same for a payload as stored, parsed as every reader parses it (and dropped).
    static QString payloadProblem(qint64 seq, const QByteArray &text);
    // problem(), then payloadProblem() of `payloadText`: a row as stored, as `warroom verify`
    // and a read with payloads parsed on demand check it.
    static QString storedRowProblem(const TimelineEvent &event, const QByteArray &payloadText);
    // The first of `events` whose payload as stored payloadProblem() refuses, said as it says
    // it; empty when there is none. Where payloads are parsed on demand (the window, a command
    // from the command line) it runs with the chain check, which vouches for the same texts: a
    // forged "hello" or "[1]" read as an empty payload, the event shown with nothing of what it
    // said.
    static QString firstPayloadProblem(const TimelineEvents &events);
    // What a reader reading rows in their order says when it finds event `seq` where event
    // `expected` belongs; empty when they are the same. A number stored twice (the key dropped by
    // hand on a server) read as "event 11 is missing", where verify rightly said event 10
    // appears where event 11 should be.
    static QString sequenceProblem(qint64 seq, qint64 expected);
    // What a reader of a file says of a row that holds its number column `column` (seq, utc_ms,
    // elapsed_ms, or an incident's declared_utc_ms) as something other than a whole number:
    // SQLite keeps 2.5 or 'x3' in an INTEGER column, and reading them as numbers made 2.5 "event
    // 2 is stored twice", 'x3' "event 0", and a utc_ms of 'soon' 1970. `owner` names the row
    // ("event 5", "incident 1"; "a row of its events" when its seq is what is wrong), and
    // `stored` is what SQLite holds, as its text (null for NULL).
    static QString notWholeNumber(const QString &owner, QLatin1StringView column,
                                  QByteArrayView stored);
};

} // namespace warroom
