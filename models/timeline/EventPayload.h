#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

namespace warroom {

// An event's payload as a JSON object, read with QJsonObject's const interface. An event read
// for an open session keeps only its stored text and is parsed the first time its payload is
// read: the parsed objects were about 450 B of the 1,300 B an event of a 100,000-event incident
// took, and most (notes) are never read before someone scrolls to them.
// Not thread-safe for events still unparsed: the first read writes the cache, so such events
// stay on one thread (the chain check on a worker reads payloadText, never this).
class EventPayload
{
public:
    EventPayload() = default;
    EventPayload(QJsonObject object) // NOLINT: stands for the QJsonObject the field used to be
        : m_object(std::move(object))
    {}
    EventPayload &operator=(QJsonObject object)
    {
        m_object = std::move(object);
        m_text.clear();
        return *this;
    }
    // Parsed from `canonicalUtf8` when first read. Text that is not a JSON object reads as an
    // empty object: only for events whose chain is checked and whose texts are checked to be
    // objects beside it (IncidentSnapshot::onDemandProblem): the chain catches a text changed
    // after it was written, not one appended with its hash computed again.
    static EventPayload fromText(QByteArray canonicalUtf8);

    const QJsonObject &object() const
    {
        if (!m_text.isNull())
            parse();
        return m_object;
    }
    operator const QJsonObject &() const { return object(); } // NOLINT: as the field was
    template<typename Key>
    QJsonValue value(const Key &key) const
    {
        return object().value(key);
    }
    template<typename Key>
    bool contains(const Key &key) const
    {
        return object().contains(key);
    }
    bool isEmpty() const { return object().isEmpty(); }
    // Whether the stored text has been parsed (always, for a payload not read as text). Opening
    // a long incident must leave its notes unparsed: a fold that reads every payload doubles
    // the events' memory (tst_sessionopen checks it).
    bool isParsed() const { return m_text.isNull(); }

private:
    void parse() const;

    mutable QJsonObject m_object;
    mutable QByteArray m_text; // the stored text until the first read; null once parsed
};

} // namespace warroom
