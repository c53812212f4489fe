#include "ui/incident/ChecklistDelegate.h"

#include "itemmodels/ChecklistModel.h"

namespace warroom {

void ChecklistDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(ChecklistModel::IsCurrentRole).toBool()) {
        option->backgroundBrush = QColor(0x1c, 0x3a, 0x5e);
        option->palette.setColor(QPalette::Text, Qt::white);
    }
    const QString state = index.data(ChecklistModel::StateRole).toString();
    if (state == QLatin1String("done") || state == QLatin1String("confirmed"))
        option->palette.setColor(QPalette::Text, QColor(0x8f, 0xd1, 0x9e));
    else if (state == QLatin1String("failed"))
        option->palette.setColor(QPalette::Text, QColor(0xff, 0x8a, 0x80));
    if (index.data(ChecklistModel::IsOverrideRole).toBool()) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, QColor(0xf5, 0xa6, 0x23));
    }
}

} // namespace warroom
