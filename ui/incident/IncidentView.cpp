#include "IncidentView.h"

#include "ChecklistDelegate.h"
#include "itemmodels/ChecklistModel.h"
#include "GanttPanel.h"
#include "IncidentHeader.h"
#include "StepPanel.h"
#include "TimelineFilterModel.h"
#include "itemmodels/TimelineModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace warroom {

IncidentView::IncidentView(ChecklistModel *checklist, TimelineModel *timeline, QWidget *parent)
    : QWidget(parent)
    , m_checklistModel(checklist)
    , m_header(new IncidentHeader(this))
    , m_checklistView(new QTreeView(this))
    , m_stepPanel(new StepPanel(this))
    , m_gantt(new GanttPanel(this))
    , m_timelineView(new QTableView(this))
    , m_filter(new TimelineFilterModel(this))
    , m_filterBar(new QWidget(this))
    , m_filterLabel(new QLabel(m_filterBar))
    , m_noteEdit(new QLineEdit(this))
    , m_notePrivate(new QCheckBox(tr("Private"), this))
{
    m_checklistView->setObjectName(QStringLiteral("checklistView"));
    m_checklistView->setModel(checklist);
    m_checklistView->setItemDelegate(new ChecklistDelegate(m_checklistView));
    m_checklistView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_checklistView->setAllColumnsShowFocus(true);
    m_checklistView->setUniformRowHeights(true);
    QHeaderView *treeHeader = m_checklistView->header();
    treeHeader->setStretchLastSection(false);
    // Title takes the room left; the short columns always show in full, whatever the state text.
    treeHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    treeHeader->setSectionResizeMode(ChecklistModel::TitleColumn, QHeaderView::Stretch);
    m_stepPanel->setObjectName(QStringLiteral("stepPanel"));

    m_filter->setSourceModel(timeline);
    m_timelineView->setObjectName(QStringLiteral("timelineView"));
    m_timelineView->setModel(m_filter);
    m_timelineView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timelineView->verticalHeader()->hide();
    m_timelineView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_timelineView->horizontalHeader()->setSectionResizeMode(TimelineModel::EventColumn,
                                                             QHeaderView::Stretch);
    m_timelineView->setWordWrap(false);
    m_noteEdit->setObjectName(QStringLiteral("noteEdit"));
    m_noteEdit->setPlaceholderText(tr("Note for the timeline (Ctrl+M, Enter to add)"));
    m_noteButton = new QPushButton(tr("Add note"), this);
    auto *noteButton = m_noteButton;
    m_filterLabel->setObjectName(QStringLiteral("muted"));
    auto *showAll = new QPushButton(tr("Show all events"), m_filterBar);
    auto *filterLayout = new QHBoxLayout(m_filterBar);
    filterLayout->setContentsMargins(0, 0, 0, 0);
    filterLayout->addWidget(m_filterLabel, 1);
    filterLayout->addWidget(showAll);
    m_filterBar->hide();

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_checklistView);
    // The step panel scrolls rather than squeezing the chart when its item, run and guidance
    // need more height than the window gives the top half.
    auto *stepScroll = new QScrollArea(this);
    stepScroll->setObjectName(QStringLiteral("stepScroll"));
    stepScroll->setWidget(m_stepPanel);
    stepScroll->setWidgetResizable(true);
    stepScroll->setFrameShape(QFrame::NoFrame);
    stepScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    top->addWidget(stepScroll);
    top->setSizes({760, 740});
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_filterBar);
    bottomLayout->addWidget(m_timelineView, 1);
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_noteEdit, 1);
    m_notePrivate->setObjectName(QStringLiteral("notePrivate"));
    m_notePrivate->setToolTip(tr("Keep this note out of postmortem exports unless private notes "
                                 "are asked for"));
    noteRow->addWidget(m_notePrivate);
    noteRow->addWidget(noteButton);
    bottomLayout->addLayout(noteRow);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_gantt);
    split->addWidget(bottom);
    split->setSizes({350, 330, 160});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(split, 1);

    connect(m_checklistView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                const QModelIndex step = current.parent().isValid() ? current.parent() : current;
                m_stepPanel->setStep(step.row());
                emit stepSelected(step.row());
            });
    connect(m_noteEdit, &QLineEdit::returnPressed, this, &IncidentView::noteSubmitted);
    connect(noteButton, &QPushButton::clicked, this, &IncidentView::noteSubmitted);
    connect(showAll, &QPushButton::clicked, this, [this] { showStepEvents({}); });
    connect(timeline, &QAbstractItemModel::rowsInserted, m_timelineView,
            &QTableView::scrollToBottom);
}

void IncidentView::setSession(IncidentSession *session, AutomationRunner *runner)
{
    m_header->setSession(session);
    m_stepPanel->setSession(session, runner);
    m_gantt->setSession(session);
    showStepEvents({});
    setReplayTime(std::nullopt);
    m_checklistView->expandAll();
    m_timelineView->scrollToBottom();
}

void IncidentView::showStepEvents(const QString &stepId, const QString &label)
{
    m_filter->setStepFilter(stepId);
    m_filterBar->setVisible(!stepId.isEmpty());
    m_filterLabel->setText(tr("Timeline filtered to %1").arg(label.isEmpty() ? stepId : label));
    m_timelineView->scrollToBottom();
}

void IncidentView::setNotesEnabled(bool enabled)
{
    // The button goes with its field: a live-looking "Add note" must never sit beside a dead one.
    m_noteEdit->setEnabled(enabled);
    m_noteButton->setEnabled(enabled);
}

void IncidentView::setReplayTime(std::optional<qint64> elapsedMs)
{
    m_checklistModel->setReplayTime(elapsedMs);
    m_filter->setUntil(elapsedMs);
    m_stepPanel->setEnabled(!elapsedMs);
    setNotesEnabled(!elapsedMs);
    m_timelineView->scrollToBottom();
}

} // namespace warroom
