#pragma once

#include "checklist/Checklist.h"
#include "history/ChecklistHistory.h"

#include <optional>

namespace warroom {

// Seed 000's five questions a rollback plan answers, answered for one checklist from what it
// says and from what past incidents measured: who can trigger it, the exact commands (secrets
// redacted, never read), how long it takes (measured, or "not measured yet — run a drill"), the
// database implications, how success is verified. The page a team pins before the next deploy.
struct PlanSheet
{
    struct Block
    {
        enum class Kind { Paragraph, Bullet, Code };
        Kind kind = Kind::Paragraph;
        QString text;
    };
    struct Section
    {
        QString title;
        QList<Block> blocks;
    };

    QString title;
    QString subtitle;
    QList<Section> sections;

    // history: the checklist's measured history, or nullopt when nothing ran it yet.
    // nowUtcMs: for "last drill N days ago".
    static PlanSheet build(const Checklist &checklist,
                           const std::optional<ChecklistHistory> &history, qint64 nowUtcMs);

    // The last three answers (PlanSheetSections.cpp).
    static Section duration(const Checklist &checklist,
                            const std::optional<ChecklistHistory> &history, qint64 nowUtcMs);
    static Section database(const Checklist &checklist, const QMap<QString, QString> &vars);
    static Section verification(const Checklist &checklist, const QMap<QString, QString> &vars);

    QString markdown() const;
    QString html() const;
    // Qt's PDF writer laying out html(); false with the reason on failure.
    [[nodiscard]] bool writePdf(const QString &path, QString *error) const;
};

} // namespace warroom
