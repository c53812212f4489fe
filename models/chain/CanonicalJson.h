#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace warroom {

// The canonical text of an event's payload, which the chain hashes and the store keeps: the
// object as Qt writes it compactly, read by nlohmann_json and dumped (keys sorted by their UTF-8
// bytes, no whitespace, UTF-8, nlohmann's escapes and number forms). That round trip is the
// definition (viaNlohmann); write() produces the same bytes directly from the object, without the
// two texts and the tree in between, which were a fifth of the work of committing a note. A number
// Qt writes with more than 18 digits sends the whole object the long way. A lone surrogate in a
// string or key is written as '?' (QString::toUtf8): the long way throws on the escape Qt writes
// for it, so no stored event holds one.
class CanonicalJson
{
public:
    static QByteArray write(const QJsonObject &object);
    static QByteArray viaNlohmann(const QJsonObject &object);
};

} // namespace warroom
