#include "ui/timeline/TimelineColumns.h"

#include "itemmodels/TimelineModel.h"

#include <QEvent>
#include <QHeaderView>
#include <QStyle>
#include <QTableView>

#include <algorithm>

namespace warroom {

TimelineColumns::TimelineColumns(QTableView *view)
    : QObject(view)
    , m_view(view)
{
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(TimelineModel::SeqColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(TimelineModel::ActorColumn, QHeaderView::Interactive);
    // A zoom changes the font through the style sheet: the widths follow.
    m_view->installEventFilter(this);
    refit();
}

bool TimelineColumns::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view
        && (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange))
        apply();
    return QObject::eventFilter(watched, event);
}

void TimelineColumns::refit()
{
    QAbstractItemModel *model = m_view->model();
    m_actors.clear();
    m_maxSeq = 0;
    if (model) {
        // Connected once per model: refit() is called again only for a new model.
        disconnect(model, nullptr, this, nullptr);
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    addRows(first, last);
                    apply();
                });
        connect(model, &QAbstractItemModel::modelReset, this, &TimelineColumns::refit);
        connect(model, &QAbstractItemModel::layoutChanged, this, &TimelineColumns::refit);
        if (model->rowCount() > 0)
            addRows(0, model->rowCount() - 1);
    }
    apply();
}

void TimelineColumns::addRows(int first, int last)
{
    const QAbstractItemModel *model = m_view->model();
    for (int row = first; row <= last; ++row) {
        m_maxSeq
            = std::max(m_maxSeq, model->index(row, TimelineModel::SeqColumn).data().toLongLong());
        m_actors.insert(model->index(row, TimelineModel::ActorColumn).data().toString());
    }
}

void TimelineColumns::apply()
{
    const QFontMetrics fm = m_view->fontMetrics();
    // The cell's own margins, as the item delegate lays out text.
    const int margin
        = 2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1)
          + fm.averageCharWidth();
    QHeaderView *header = m_view->horizontalHeader();
    // At least four digits, so the column does not jump at 100 and 1000 events.
    const QString widestSeq = QString::number(std::max<qint64>(m_maxSeq, 9999));
    header->resizeSection(TimelineModel::SeqColumn,
                          std::max(fm.horizontalAdvance(widestSeq) + margin,
                                   header->sectionSizeHint(TimelineModel::SeqColumn)));
    int who = 0;
    for (const QString &actor : std::as_const(m_actors))
        who = std::max(who, fm.horizontalAdvance(actor));
    const int cap = fm.averageCharWidth() * 24;
    header->resizeSection(
        TimelineModel::ActorColumn,
        std::max(std::min(who, cap) + margin, header->sectionSizeHint(TimelineModel::ActorColumn)));
}

} // namespace warroom
