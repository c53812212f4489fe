#include "ui/timeline/TimelineColumns.h"

#include "itemmodels/TimelineModel.h"
#include "session/IncidentSession.h"
#include "util/TimeFormat.h"

#include <QAbstractProxyModel>
#include <QEvent>
#include <QFont>
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
    for (int column : {TimelineModel::SeqColumn, TimelineModel::UtcColumn,
                       TimelineModel::ElapsedColumn, TimelineModel::ActorColumn,
                       TimelineModel::StepColumn})
        header->setSectionResizeMode(column, QHeaderView::Interactive);
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

const TimelineModel *TimelineColumns::timeline() const
{
    const QAbstractItemModel *model = m_view->model();
    while (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model))
        model = proxy->sourceModel();
    return qobject_cast<const TimelineModel *>(model);
}

void TimelineColumns::refit()
{
    QAbstractItemModel *model = m_view->model();
    m_actors.clear();
    m_lastActor = nullptr;
    m_maxSeq = 0;
    m_maxElapsedMs = 0;
    m_scanned = 0;
    if (model) {
        // Connected once per model: refit() is called again only for a new model or session.
        disconnect(model, nullptr, this, nullptr);
        connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
            scanNewEvents();
            apply();
        });
        connect(model, &QAbstractItemModel::modelReset, this, &TimelineColumns::refit);
        scanNewEvents();
    }
    apply();
}

void TimelineColumns::scanNewEvents()
{
    const TimelineModel *model = timeline();
    const IncidentSession *session = model ? model->session() : nullptr;
    if (!session)
        return;
    // Every event, not only the rows a filter lets through: the widths stay put when the filter
    // or the replay moment changes.
    const TimelineEvents &events = session->events();
    for (; m_scanned < events.size(); ++m_scanned) {
        const TimelineEvent &e = events.at(m_scanned);
        m_maxSeq = std::max(m_maxSeq, e.seq);
        m_maxElapsedMs = std::max(m_maxElapsedMs, e.elapsedMs);
        // The store shares one text per actor between consecutive rows: a pointer comparison
        // skips the hash for nearly every row of a long timeline.
        const void *actor = e.actor.constData();
        if (actor != m_lastActor) {
            m_actors.insert(e.actor);
            m_lastActor = actor;
        }
    }
}

namespace {

// `text` with every digit made the font's widest: any number of that form fits.
QString widestDigits(QString text, const QFontMetrics &fm)
{
    QChar widest = u'0';
    for (char16_t d = u'1'; d <= u'9'; ++d)
        if (fm.horizontalAdvance(QChar(d)) > fm.horizontalAdvance(widest))
            widest = QChar(d);
    for (QChar &c : text)
        if (c.isDigit())
            c = widest;
    return text;
}

} // namespace

void TimelineColumns::setWidth(int column, int contentWidth, int margin)
{
    QHeaderView *header = m_view->horizontalHeader();
    header->resizeSection(column, std::max(contentWidth + margin, header->sectionSizeHint(column)));
}

void TimelineColumns::apply()
{
    const QFontMetrics fm = m_view->fontMetrics();
    // The cell's own margins, as the item delegate lays out text.
    const int margin
        = 2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1)
          + fm.averageCharWidth();
    // Overrides are set in bold (TimelineModel's FontRole): the fixed columns fit that.
    QFont boldFont = m_view->font();
    boldFont.setBold(true);
    const QFontMetrics bold(boldFont);
    const auto fixed = [&](int column, const QString &text) {
        setWidth(column, bold.horizontalAdvance(widestDigits(text, bold)), margin);
    };
    // At least four digits, so the column does not jump at 100 and 1000 events.
    fixed(TimelineModel::SeqColumn, QString::number(std::max<qint64>(m_maxSeq, 9999)));
    fixed(TimelineModel::UtcColumn, formatUtc(0));
    // At least T+10:00:00, so the column does not jump either; on the clock the column shows (a
    // x100 drill passes T+100:00:00 in an hour), which never runs backwards.
    const TimelineModel *model = timeline();
    const IncidentSession *session = model ? model->session() : nullptr;
    const qint64 shown = session ? session->screenClock().shownMs(m_maxElapsedMs) : 0;
    fixed(TimelineModel::ElapsedColumn, formatElapsed(std::max<qint64>(shown, 36'000'000)));
    fixed(TimelineModel::StepColumn,
          QString::number(std::max<qsizetype>(session ? session->checklist().steps.size() : 0, 9)));
    int who = 0;
    for (const QString &actor : std::as_const(m_actors))
        who = std::max(who, fm.horizontalAdvance(actor));
    const int cap = fm.averageCharWidth() * 24;
    setWidth(TimelineModel::ActorColumn, std::min(who, cap), margin);
}

} // namespace warroom
