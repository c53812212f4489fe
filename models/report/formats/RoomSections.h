#pragma once

#include "report/PostmortemReport.h"

#include <QByteArray>
#include <QString>

namespace warroom {

// The postmortem's sections about the people in the room (PostmortemReport::room), one writer
// per format, kept apart from the formats' own sections: roles with their people, command
// periods with the briefings, go/no-go polls, deferred items (the open ones as action items).
class RoomSections
{
public:
    static QString markdown(const PostmortemReport &report);
    static QString html(const PostmortemReport &report);
    // {"roles": [...], "command_periods": [...], "polls": [...], "deferrals": [...]}, compact.
    static QByteArray json(const PostmortemReport &report);
    // The open deferred items, as rows of the Action items table: {item, type, owner, bug}.
    static QList<QStringList> actionItems(const PostmortemReport &report);
};

} // namespace warroom
