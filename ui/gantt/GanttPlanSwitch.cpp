#include "ui/gantt/GanttPlanSwitch.h"

#include "history/HistoryCache.h"

#include <QAction>
#include <QCoreApplication>
#include <QMainWindow>
#include <QMenuBar>
#include <QSettings>

namespace warroom {

namespace {
const QString settingsKey = QStringLiteral("gantt/plan");
const QString measuredValue = QStringLiteral("measured");
} // namespace

GanttPlanSwitch::GanttPlanSwitch(QObject *parent)
    : QObject(parent)
    , m_action(new QAction(tr("&Measured plan"), this))
{
    setObjectName(QStringLiteral("ganttPlanSwitch"));
    m_action->setObjectName(QStringLiteral("measuredPlanAction"));
    m_action->setCheckable(true);
    m_action->setChecked(QSettings().value(settingsKey).toString() == measuredValue);
    m_action->setShortcut(QKeySequence(tr("Ctrl+Shift+M")));
    m_action->setShortcutContext(Qt::WindowShortcut);
    m_action->setToolTip(tr("Plan from the median of past drills instead of the checklist's "
                            "expected minutes (Ctrl+Shift+M)"));
    connect(m_action, &QAction::toggled, this, [this](bool measured) {
        QSettings().setValue(settingsKey, measured ? measuredValue : QStringLiteral("expected"));
        if (measured && m_history)
            m_history->refresh(); // drills may have finished since it was last read
        emit planChanged();
    });
}

GanttPlanSwitch *GanttPlanSwitch::instance()
{
    QObject *app = QCoreApplication::instance();
    if (auto *found = app->findChild<GanttPlanSwitch *>(QStringLiteral("ganttPlanSwitch"),
                                                        Qt::FindDirectChildrenOnly))
        return found;
    return new GanttPlanSwitch(app);
}

bool GanttPlanSwitch::isMeasured() const
{
    return m_action->isChecked();
}

void GanttPlanSwitch::setMeasured(bool measured)
{
    m_action->setChecked(measured);
}

void GanttPlanSwitch::setDatabase(const QString &path)
{
    HistoryCache *cache = path.isEmpty() ? nullptr : HistoryCache::shared(path);
    if (cache == m_history)
        return;
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = cache;
    if (m_history) {
        connect(m_history, &HistoryCache::updated, this, &GanttPlanSwitch::planChanged);
        if (isMeasured())
            m_history->refresh();
    }
    emit planChanged();
}

void GanttPlanSwitch::installInMenu(QMainWindow &window, const QString &databasePath)
{
    GanttPlanSwitch *planSwitch = instance();
    planSwitch->setDatabase(databasePath);
    QMenu *chart = nullptr;
    for (QAction *a : window.menuBar()->actions()) {
        if (a->menu() && a->text().remove(u'&') == QLatin1String("Chart"))
            chart = a->menu();
    }
    if (!chart)
        chart = window.menuBar()->addMenu(tr("Cha&rt"));
    chart->addSeparator();
    chart->addAction(planSwitch->action());
}

} // namespace warroom
