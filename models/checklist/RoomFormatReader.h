#pragma once

// Internal to the core: ChecklistValidator's reader for what format 3 says about the people in
// the room: go/no-go polls, deferral targets and the commander rotation time.

#include "checklist/Checklist.h"
#include "util/JsonWalker.h"

namespace warroom {

class RoomFormatReader
{
public:
    explicit RoomFormatReader(JsonWalker &json)
        : m_json(json)
    {}

    // Reads $.rotation_minutes and every item's poll and defer_to into `out`, whose roles and
    // steps are already read (a poll names roles, a deferral names a later step).
    void read(const Json &root, Checklist &out);

private:
    void readItem(const Json &j, const QString &path, const Checklist &checklist, int stepIndex,
                  ChecklistItem &item);
    void readPoll(const Json &j, const QString &path, const Checklist &checklist,
                  ChecklistItem &item);
    void readDeferTo(const Json &j, const QString &path, const Checklist &checklist,
                     int stepIndex, ChecklistItem &item);
    void needsFormat3(const QString &path, const Checklist &checklist, const char *what);

    JsonWalker &m_json;
};

} // namespace warroom
