#pragma once

#include "timeline/TimelineEvent.h"

#include <QByteArrayView>
#include <QString>

class QJsonParseError;

namespace warroom {

// What every reader of a stored event row refuses: what no build of warroom ever wrote, so a
// damaged row or one forged by someone with the database's rights (the chain's hash is unkeyed:
// anyone with INSERT computes it again). Its times out of range (EventTimes); no signature; a CR
// or an LF in the actor, which forged a second line in every document and read in the window as
// "Sam Okafor…"; any control character in the kind, step or item, which are ids. `warroom copy`
// and `import` refused such rows while the window, the exports and `verify` took them.
//
// An unknown kind, step or item is not refused: an older build keeps and shows the kinds a newer
// one writes. A name with a tab or another control character that older builds accepted is kept
// too (IncidentImport lists it as recorded as is).
class EventRowRules
{
public:
    // Empty when `event` may be read; otherwise what is wrong, naming the event and the field.
    static QString problem(const TimelineEvent &event);
    // What a reader says of event `seq`'s payload when `parsed` (QJsonDocument::fromJson's
    // report, and whether it gave an object) shows it is not a JSON object.
    static QString payloadProblem(qint64 seq, const QJsonParseError &parsed, bool isObject);
    // The same for a payload as stored, checked without building it (payloadIsObject): what a
    // read with payloads parsed on demand (the window, the exports) and `warroom verify` refuse.
    static QString payloadProblem(qint64 seq, const QByteArray &text);
    // Whether `text` is one JSON object, as every payload warroom writes is (canonical: no
    // space before its brace). Parsed on demand, a forged "hello" or "[1]" read as an empty
    // payload: the event shown with nothing of what it said.
    static bool payloadIsObject(QByteArrayView text);
};

} // namespace warroom
