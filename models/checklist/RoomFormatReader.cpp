#include "checklist/RoomFormatReader.h"

namespace warroom {

void RoomFormatReader::read(const Json &root, Checklist &out)
{
    const QString p = QStringLiteral("$");
    if (root.contains("rotation_minutes")) {
        needsFormat3(p + QStringLiteral(".rotation_minutes"), out, "rotation_minutes");
        int minutes = out.rotationMinutes;
        if (m_json.readInt(root, "rotation_minutes", p, minutes, false, 15, 24 * 60))
            out.rotationMinutes = minutes;
    }
    const auto steps = root.find("steps");
    if (steps == root.end() || !steps->is_array())
        return;
    for (std::size_t s = 0; s < steps->size() && s < std::size_t(out.steps.size()); ++s) {
        const Json &step = (*steps)[s];
        if (!step.is_object())
            continue;
        const auto items = step.find("items");
        if (items == step.end() || !items->is_array())
            continue;
        QList<ChecklistItem> &outItems = out.steps[int(s)].items;
        for (std::size_t i = 0; i < items->size() && i < std::size_t(outItems.size()); ++i) {
            if ((*items)[i].is_object())
                readItem((*items)[i], QStringLiteral("$.steps[%1].items[%2]").arg(s).arg(i), out,
                         int(s), outItems[int(i)]);
        }
    }
}

void RoomFormatReader::readItem(const Json &j, const QString &path, const Checklist &checklist,
                                int stepIndex, ChecklistItem &item)
{
    if (j.contains("poll"))
        readPoll(j, path, checklist, item);
    if (j.contains("defer_to"))
        readDeferTo(j, path, checklist, stepIndex, item);
}

void RoomFormatReader::readPoll(const Json &j, const QString &path, const Checklist &checklist,
                                ChecklistItem &item)
{
    needsFormat3(path + QStringLiteral(".poll"), checklist, "poll");
    const Json *poll = m_json.readArray(j, "poll", path, false);
    if (!poll)
        return;
    if (poll->empty()) {
        m_json.error(path + QStringLiteral(".poll"),
                     QStringLiteral("a poll names at least one role"));
        return;
    }
    for (std::size_t r = 0; r < poll->size(); ++r) {
        const QString p = path + QStringLiteral(".poll[%1]").arg(r);
        if (!(*poll)[r].is_string()) {
            m_json.error(p, QStringLiteral("expected a role id string, found ")
                                + jsonTypeName((*poll)[r]));
            continue;
        }
        const QString role = QString::fromStdString((*poll)[r].get<std::string>());
        bool known = false;
        for (const ChecklistRole &declared : checklist.roles)
            known = known || declared.id == role;
        if (!known)
            m_json.error(p, QStringLiteral("the poll names unknown role ") + quoted(role)
                                + QStringLiteral(" (declare it under $.roles)"));
        else if (item.poll.contains(role))
            m_json.error(p, QStringLiteral("role ") + quoted(role)
                                + QStringLiteral(" is polled twice"));
        else
            item.poll << role;
    }
}

void RoomFormatReader::readDeferTo(const Json &j, const QString &path, const Checklist &checklist,
                                   int stepIndex, ChecklistItem &item)
{
    needsFormat3(path + QStringLiteral(".defer_to"), checklist, "defer_to");
    QString target;
    if (!m_json.readString(j, "defer_to", path, target, false))
        return;
    const QString p = path + QStringLiteral(".defer_to");
    if (target == followUpsTarget) {
        item.deferTo = target;
        return;
    }
    const int t = checklist.stepIndex(target);
    if (t < 0)
        m_json.error(p, QStringLiteral("deferral to unknown step ") + quoted(target)
                            + QStringLiteral(" (a later step's id, or \"follow-ups\")"));
    else if (t <= stepIndex)
        m_json.error(p, QStringLiteral("deferral to step ") + quoted(target)
                            + (t == stepIndex ? QStringLiteral(", the item's own step")
                                              : QStringLiteral(", which comes before the item's"))
                            + QStringLiteral("; a deferred item comes back at a later step"));
    else
        item.deferTo = target;
}

void RoomFormatReader::needsFormat3(const QString &path, const Checklist &checklist,
                                    const char *what)
{
    if (checklist.format < 3)
        m_json.error(path, QStringLiteral("%1 needs \"format\": 3").arg(QLatin1String(what)));
}

} // namespace warroom
