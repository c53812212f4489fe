#include "ui/incident/ChecklistColumns.h"

#include "itemmodels/ChecklistModel.h"

#include <QEvent>
#include <QTreeView>

namespace warroom {

namespace {
constexpr int narrowChars = 90;
}

ChecklistColumns::ChecklistColumns(QTreeView *view)
    : QObject(view)
    , m_view(view)
{
    // Resize: a window or splitter change; font and style: a zoom changes how many characters fit.
    m_view->installEventFilter(this);
    apply();
}

bool ChecklistColumns::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view
        && (event->type() == QEvent::Resize || event->type() == QEvent::FontChange
            || event->type() == QEvent::StyleChange))
        apply();
    return QObject::eventFilter(watched, event);
}

void ChecklistColumns::apply()
{
    const bool narrow = m_view->width() < m_view->fontMetrics().averageCharWidth() * narrowChars;
    if (m_view->isColumnHidden(ChecklistModel::WhoColumn) != narrow)
        m_view->setColumnHidden(ChecklistModel::WhoColumn, narrow);
}

} // namespace warroom
