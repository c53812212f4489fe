#pragma once

#include <QStyledItemDelegate>

namespace warroom {

// Paints the checklist's emphasis from the model's roles: the current step and item stand out
// with an accent background; overrides are italic and amber. Both also show in words (the
// model's State column), so colour is never the only signal. Long titles wrap, and an item's
// result (ChecklistModel::ResultRole) is a second line under its title.
class ChecklistDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Wrapped titles and results need the column's width to know their height; a tree view asks
    // without it (and then the text would be laid out on one line and end in "…").
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace warroom
