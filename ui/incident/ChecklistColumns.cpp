#include "ui/incident/ChecklistColumns.h"

#include "itemmodels/ChecklistModel.h"

#include <QEvent>
#include <QHeaderView>
#include <QScopedValueRollback>
#include <QTreeView>

#include <algorithm>
#include <utility>

namespace warroom {

namespace {
constexpr int narrowChars = 90;
constexpr int minStateChars = 12; // "▶ active", "□ open" and their mark, unwrapped
constexpr int minWhoChars = 10;
}

ChecklistColumns::ChecklistColumns(QTreeView *view)
    : QObject(view)
    , m_view(view)
{
    // Resize: a window or splitter change; font and style: a zoom changes how many characters fit.
    m_view->installEventFilter(this);
    // The shares are of the viewport, which is laid out after the view's own Resize: fitted
    // there, they were the previous width's (a pane maximised kept State at 104 of 1898 px).
    m_viewport = m_view->viewport();
    m_viewport->installEventFilter(this);
    // A state's words change with the incident ("✔ confirmed (override)"): the State column's
    // width is fitted again, after the view has laid the change out.
    if (QAbstractItemModel *model = m_view->model()) {
        // Once for a refresh's dataChanged of each level, not once each.
        const auto later = [this] {
            if (!std::exchange(m_applyPending, true))
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        m_applyPending = false;
                        apply();
                    },
                    Qt::QueuedConnection);
        };
        connect(model, &QAbstractItemModel::dataChanged, this, later);
        connect(model, &QAbstractItemModel::modelReset, this, later);
        connect(model, &QAbstractItemModel::rowsInserted, this, later);
        connect(model, &QAbstractItemModel::layoutChanged, this, later);
    }
    apply();
}

bool ChecklistColumns::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_view
         && (event->type() == QEvent::Resize || event->type() == QEvent::FontChange
             || event->type() == QEvent::StyleChange))
        || (watched == m_viewport && event->type() == QEvent::Resize))
        apply();
    return QObject::eventFilter(watched, event);
}

void ChecklistColumns::apply()
{
    // A layout it starts (a column held, the rows laid out again) resizes the viewport as a
    // scroll bar comes or goes: that is not a new pane to fit.
    if (m_applying)
        return;
    const QScopedValueRollback<bool> applying(m_applying, true);
    const bool narrow = m_view->width() < m_view->fontMetrics().averageCharWidth() * narrowChars;
    if (m_view->isColumnHidden(ChecklistModel::WhoColumn) != narrow)
        m_view->setColumnHidden(ChecklistModel::WhoColumn, narrow);
    // State and Owner / by fit their words up to a share of the pane, and wrap beyond: fitted to
    // "✔ confirmed (override)" and "Communications lead" they took 350 of a 530-px pane and left
    // the titles one word a line beside them.
    const int chars = m_view->fontMetrics().averageCharWidth();
    const int pane = m_view->viewport()->width();
    fit(ChecklistModel::StateColumn, std::max(chars * minStateChars, pane / 4));
    if (!narrow)
        fit(ChecklistModel::WhoColumn, std::max(chars * minWhoChars, pane / 5));
}

void ChecklistColumns::fit(int column, int cap)
{
    QHeaderView *header = m_view->header();
    // QTreeView makes it protected; QAbstractItemView's is public, and virtual.
    const QAbstractItemView *view = m_view;
    const int wanted = std::max(view->sizeHintForColumn(column), header->sectionSizeHint(column));
    const QHeaderView::ResizeMode mode
        = wanted <= cap ? QHeaderView::ResizeToContents : QHeaderView::Fixed;
    bool changed = false;
    if (header->sectionResizeMode(column) != mode) {
        header->setSectionResizeMode(column, mode);
        changed = true;
    }
    if (mode == QHeaderView::Fixed && header->sectionSize(column) != cap) {
        header->resizeSection(column, cap);
        changed = true;
    }
    // Its rows' heights follow its words wrapped, or not (ChecklistDelegate::sizeHint).
    if (changed)
        m_view->doItemsLayout();
}

} // namespace warroom
