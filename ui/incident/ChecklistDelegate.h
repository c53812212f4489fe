#pragma once

#include <QStyledItemDelegate>

namespace warroom {

// Paints the checklist's emphasis from the model's roles: the current step and item stand out
// with an accent background; overrides are italic and amber. Both also show in words (the
// model's State column), so colour is never the only signal.
class ChecklistDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace warroom
