#include "ui/incident/ChecklistDelegate.h"

#include "itemmodels/ChecklistModel.h"

#include <QHeaderView>
#include <QTreeView>

#include <algorithm>

namespace warroom {

QSize ChecklistDelegate::sizeHint(const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    // The title wraps to its column, and so does a short column held narrower than its words
    // (ChecklistColumns: Fixed); the others size their column to their one line.
    const auto *view = qobject_cast<const QTreeView *>(parent());
    const bool title = index.column() == ChecklistModel::TitleColumn;
    const bool held
        = view && !title && view->header()->sectionResizeMode(index.column()) == QHeaderView::Fixed;
    if (!view || !view->wordWrap() || (!title && !held))
        return QStyledItemDelegate::sizeHint(option, index);
    QStyleOptionViewItem opt = option;
    // The tree's indentation and branch decoration come out of the first column.
    const int depth = (index.parent().isValid() ? 1 : 0) + (view->rootIsDecorated() ? 1 : 0);
    const int width
        = view->header()->sectionSize(index.column()) - (title ? depth : 0) * view->indentation();
    // A valid rectangle (any height): the style wraps only within valid bounds.
    opt.rect = QRect(0, 0, std::max(width, 1), 1);
    opt.features |= QStyleOptionViewItem::WrapText;
    const QSize wrapped = QStyledItemDelegate::sizeHint(opt, index);
    // A held column's row is as tall as its wrapped words, and its width stays what its words
    // want unwrapped: ChecklistColumns compares that with the share it may take. The State
    // column cut "✔ confirmed (override)" to "✔ confirmed …" on a row of one line.
    if (held)
        return {QStyledItemDelegate::sizeHint(option, index).width(), wrapped.height()};
    return wrapped;
}

void ChecklistDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // The item's result on a second line of its title: the list stays narrow enough for
    // 1280x720, and a passed check keeps its measured value in view.
    if (index.column() == ChecklistModel::TitleColumn) {
        const QString result = index.data(ChecklistModel::ResultRole).toString();
        if (!result.isEmpty())
            option->text += QChar(QChar::LineSeparator) + QStringLiteral("\u21B3 ") + result;
    }
    if (index.data(ChecklistModel::IsCurrentRole).toBool()) {
        option->backgroundBrush = QColor(0x1c, 0x3a, 0x5e);
        option->palette.setColor(QPalette::Text, Qt::white);
    }
    const QString state = index.data(ChecklistModel::StateRole).toString();
    if (state == QLatin1String("done") || state == QLatin1String("confirmed"))
        option->palette.setColor(QPalette::Text, QColor(0x8f, 0xd1, 0x9e));
    else if (state == QLatin1String("failed"))
        option->palette.setColor(QPalette::Text, QColor(0xff, 0x8a, 0x80));
    // Amber with the words "deferred" or "↩ FROM STEP n" in the row: never the colour alone.
    if (state == QLatin1String("deferred") || state == QLatin1String("returned"))
        option->palette.setColor(QPalette::Text, QColor(0xff, 0xbf, 0x3c));
    if (index.data(ChecklistModel::IsOverrideRole).toBool()) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, QColor(0xf5, 0xa6, 0x23));
    }
}

} // namespace warroom
