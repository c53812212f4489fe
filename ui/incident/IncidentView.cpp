#include "ui/incident/IncidentView.h"

#include "ui/gantt/GanttPanel.h"
#include "ui/incident/ChecklistColumns.h"
#include "ui/incident/ChecklistDelegate.h"
#include "ui/incident/CompletionSummary.h"
#include "ui/incident/IncidentHeader.h"
#include "ui/incident/StepPanel.h"
#include "itemmodels/ChecklistModel.h"
#include "itemmodels/TimelineModel.h"
#include "session/IncidentSession.h"
#include "ui/timeline/ReplayTime.h"
#include "ui/timeline/TimelineColumns.h"
#include "ui/timeline/TimelineFilterModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace warroom {

IncidentView::IncidentView(ChecklistModel *checklist, TimelineModel *timeline, QWidget *parent)
    : QWidget(parent)
    , m_checklistModel(checklist)
    , m_replay(new ReplayTime(this))
    , m_header(new IncidentHeader(this))
    , m_checklistView(new QTreeView(this))
    , m_stepPanel(new StepPanel(this))
    , m_summary(new CompletionSummary(this))
    , m_gantt(new GanttPanel(m_replay, this))
    , m_timelineView(new QTableView(this))
    , m_filter(new TimelineFilterModel(this))
    , m_filterBar(new QWidget(this))
    , m_filterLabel(new QLabel(m_filterBar))
    , m_noteEdit(new QLineEdit(this))
    , m_notePrivate(new QCheckBox(tr("Private"), this))
{
    setUpChecklistView();
    m_stepPanel->setObjectName(QStringLiteral("stepPanel"));
    m_filter->setSourceModel(timeline);
    m_filter->setReplayTime(m_replay);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->setObjectName(QStringLiteral("checklistSplitter"));
    top->addWidget(m_checklistView);
    top->addWidget(buildStepPane());
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 1);
    // Proportions, not pixels: the splitters share out whatever the window has, 1280x720 or 4K.
    top->setSizes({1000, 1000});
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("pageSplitter"));
    split->addWidget(top);
    split->addWidget(m_gantt);
    split->addWidget(buildTimelinePane());
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    split->setSizes({400, 300, 200});
    for (QSplitter *sp : {top, split})
        sp->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(split, 1);
    connectParts();
    connect(timeline, &QAbstractItemModel::rowsInserted, m_timelineView,
            &QTableView::scrollToBottom);
}

void IncidentView::setUpChecklistView()
{
    m_checklistView->setObjectName(QStringLiteral("checklistView"));
    m_checklistView->setModel(m_checklistModel);
    m_checklistView->setItemDelegate(new ChecklistDelegate(m_checklistView));
    m_checklistView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_checklistView->setAllColumnsShowFocus(true);
    // Titles and results wrap rather than end in "…": rows grow to their text. What still cannot
    // fit (a narrow pane) is in the cell's tooltip in full.
    m_checklistView->setWordWrap(true);
    m_checklistView->setUniformRowHeights(false);
    m_checklistView->setTextElideMode(Qt::ElideRight);
    // In characters, not pixels: the minimum follows the font (High-DPI scales both alike).
    m_checklistView->setMinimumWidth(m_checklistView->fontMetrics().averageCharWidth() * 40);
    QHeaderView *treeHeader = m_checklistView->header();
    treeHeader->setStretchLastSection(false);
    // The title takes the room left; the short columns always show in full. The result is drawn
    // under the title by the delegate, not in a column of its own that would squeeze it.
    treeHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    treeHeader->setSectionResizeMode(ChecklistModel::TitleColumn, QHeaderView::Stretch);
    m_checklistView->setColumnHidden(ChecklistModel::ResultColumn, true);
    new ChecklistColumns(m_checklistView);
    // Row heights of wrapped text depend on the column widths: lay the rows out again when they
    // change (a splitter drag, a window resize, a zoom).
    connect(treeHeader, &QHeaderView::sectionResized, m_checklistView,
            [view = m_checklistView] { view->doItemsLayout(); });
}

QWidget *IncidentView::buildStepPane()
{
    // The step panel scrolls rather than squeezing the chart when its item, run and guidance
    // need more height than the window gives the top half.
    m_stepScroll = new QScrollArea(this);
    m_stepScroll->setObjectName(QStringLiteral("stepScroll"));
    m_stepScroll->setWidget(m_stepPanel);
    m_stepScroll->setWidgetResizable(true);
    m_stepScroll->setFrameShape(QFrame::NoFrame);
    m_stepScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stepScroll->setMinimumWidth(m_stepScroll->fontMetrics().averageCharWidth() * 40);
    // The summary scrolls too: a long list of overrides at 1280x720 stays readable.
    m_summaryScroll = new QScrollArea(this);
    m_summaryScroll->setObjectName(QStringLiteral("summaryScroll"));
    m_summaryScroll->setWidget(m_summary);
    m_summaryScroll->setWidgetResizable(true);
    m_summaryScroll->setFrameShape(QFrame::NoFrame);
    m_summaryScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_summaryScroll->hide();
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summaryScroll, 1);
    layout->addWidget(m_stepScroll, 1);
    // Confirm and Skip stay in sight under the scrolling panel, whatever its height.
    m_stepActions = m_stepPanel->takeActions();
    layout->addWidget(m_stepActions);
    return pane;
}

QWidget *IncidentView::buildTimelinePane()
{
    m_timelineView->setObjectName(QStringLiteral("timelineView"));
    m_timelineView->setModel(m_filter);
    m_timelineView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timelineView->verticalHeader()->hide();
    m_timelineView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_timelineView->horizontalHeader()->setSectionResizeMode(TimelineModel::EventColumn,
                                                             QHeaderView::Stretch);
    m_timelineView->setWordWrap(false);
    new TimelineColumns(m_timelineView);
    m_noteEdit->setObjectName(QStringLiteral("noteEdit"));
    m_noteEdit->setPlaceholderText(tr("Note for the timeline (Ctrl+M, Enter to add)"));
    m_noteButton = new QPushButton(tr("Add note"), this);
    m_filterLabel->setObjectName(QStringLiteral("muted"));
    m_showAll = new QPushButton(tr("Show all events"), m_filterBar);
    auto *filterLayout = new QHBoxLayout(m_filterBar);
    filterLayout->setContentsMargins(0, 0, 0, 0);
    filterLayout->addWidget(m_filterLabel, 1);
    filterLayout->addWidget(m_showAll);
    m_filterBar->hide();

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
    noteRow->addWidget(m_noteButton);
    bottomLayout->addLayout(noteRow);
    return bottom;
}

void IncidentView::connectParts()
{
    // Esc leaves replay; it is off otherwise, so dialogs and fields keep their own Esc.
    m_escapeReplay = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    m_escapeReplay->setContext(Qt::WidgetWithChildrenShortcut);
    m_escapeReplay->setEnabled(false);
    connect(m_escapeReplay, &QShortcut::activated, this, &IncidentView::backToLive);
    connect(m_header, &IncidentHeader::backToLiveRequested, this, &IncidentView::backToLive);
    connect(m_checklistView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                const QModelIndex step = current.parent().isValid() ? current.parent() : current;
                m_stepPanel->setStep(step.row());
                updateCompletion();
                emit stepSelected(step.row());
            });
    connect(m_noteEdit, &QLineEdit::returnPressed, this, &IncidentView::noteSubmitted);
    m_noteEdit->installEventFilter(this);
    connect(m_noteButton, &QPushButton::clicked, this, &IncidentView::noteSubmitted);
    connect(m_showAll, &QPushButton::clicked, this, [this] { showStepEvents({}); });
    connect(m_header, &IncidentHeader::actorEdited, this, &IncidentView::actorEdited);
    connect(m_stepPanel, &StepPanel::confirmRequested, this, &IncidentView::confirmRequested);
    connect(m_stepPanel, &StepPanel::skipRequested, this, &IncidentView::skipRequested);
    connect(m_stepPanel, &StepPanel::runRequested, this, &IncidentView::runRequested);
    connect(m_stepPanel, &StepPanel::resendRequested, this, &IncidentView::resendRequested);
    connect(m_stepPanel, &StepPanel::stopRequested, this, &IncidentView::stopRequested);
    connect(m_stepPanel, &StepPanel::rollbackRequested, this, &IncidentView::rollbackRequested);
    connect(m_stepPanel, &StepPanel::restartRequested, this, &IncidentView::restartRequested);
    connect(m_gantt, &GanttPanel::stepClicked, this, &IncidentView::stepClicked);
    connect(m_gantt, &GanttPanel::followNowChanged, this, &IncidentView::ganttFollowNowChanged);
    // The chart has drawn the moment; the rest of the page follows before anyone hears of it.
    connect(m_gantt, &GanttPanel::replayChanged, this, [this](std::optional<qint64> at) {
        applyReplay(at);
        emit replayChanged(at);
    });
}

// Ctrl+Return in the note field, with a note typed, adds the note, as chat tools send with it: the
// window's shortcut for it (confirm the current item) confirmed an item instead, and left the
// note unsent. Only Ctrl: Ctrl+Shift+Return still starts the step.
// And Ctrl+Z in the field with no typing of its own to undo or redo is the window's (undo the
// last confirmation): the field takes every Ctrl+Z, and after a note was added it brought the
// note back, selected, where one more Enter added it twice, while the confirmation stayed. Typing
// undone to the end keeps Ctrl+Z the field's: one press too many did not undo a confirmation.
bool IncidentView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_noteEdit && event->type() == QEvent::ShortcutOverride
        && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Undo)
        && !m_noteEdit->isUndoAvailable() && !m_noteEdit->isRedoAvailable()) {
        event->ignore(); // the window's shortcut fires
        return true;
    }
    if (watched == m_noteEdit && event->type() == QEvent::ShortcutOverride
        && !m_noteEdit->text().trimmed().isEmpty()) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && (key->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier) {
            event->accept(); // the field gets the key, and its Return adds the note
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void IncidentView::setCompletionActions(QAction *exportPostmortem, QAction *closeIncident)
{
    m_summary->setActions(exportPostmortem, closeIncident);
}

void IncidentView::updateCompletion()
{
    const bool complete = m_summary->isComplete();
    m_summaryScroll->setVisible(complete);
    // The step panel with no step is the empty "All steps finished" box: the summary replaces it.
    m_stepScroll->setVisible(!complete || m_stepPanel->step() >= 0);
    m_stepActions->setVisible(m_stepScroll->isVisibleTo(this));
}

void IncidentView::setSession(IncidentSession *session, AutomationRunner *runner)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session, &IncidentSession::eventsAppended, this,
                &IncidentView::updateCompletion);
    m_header->setSession(session);
    m_summary->setSession(session);
    m_stepPanel->setSession(session, runner);
    // A new incident opens live.
    m_replay->setAt(std::nullopt);
    m_gantt->setSession(session);
    showStepEvents({});
    applyReplay(std::nullopt);
    m_checklistView->expandAll();
    m_timelineView->scrollToBottom();
    updateCompletion();
}

int IncidentView::focusedStep() const
{
    return m_stepPanel->step();
}

void IncidentView::focusItem(int step, int item)
{
    m_stepPanel->setStep(step);
    updateCompletion();
    if (step < 0)
        return;
    const QModelIndex index
        = item >= 0 ? m_checklistModel->itemIndex(step, item) : m_checklistModel->stepIndex(step);
    m_checklistView->setCurrentIndex(index);
    m_checklistView->scrollTo(index);
}

void IncidentView::focusChecklist()
{
    m_checklistView->setFocus();
}

void IncidentView::showCommandMessage(const QString &message)
{
    m_stepPanel->showMessage(message);
}

void IncidentView::setStepCommandsEnabled(bool enabled)
{
    m_stepPanel->setEnabled(enabled);
    m_stepActions->setEnabled(enabled); // pinned outside the panel, so not disabled with it
}

QString IncidentView::noteText() const
{
    return m_noteEdit->text();
}

bool IncidentView::isNotePrivate() const
{
    return m_notePrivate->isChecked();
}

void IncidentView::clearNote()
{
    // Not clear(), which the field can undo: a note added is in the timeline, and its text
    // brought back by Ctrl+Z was added again by the next Enter.
    m_noteEdit->setText(QString());
    m_notePrivate->setChecked(false);
}

void IncidentView::focusNoteEdit()
{
    m_noteEdit->setFocus();
    m_noteEdit->selectAll();
}

void IncidentView::setNotesEnabled(bool enabled)
{
    // A note being typed when another screen closed the incident (or the storage went) stays,
    // read-only, to be copied: the disabled field held it greyed, could not give it up, and said
    // nothing; Enter in it says why it is not added.
    const bool stranded = !enabled && !m_noteEdit->text().trimmed().isEmpty();
    m_noteEdit->setEnabled(enabled || stranded);
    m_noteEdit->setReadOnly(!enabled);
    m_noteEdit->setToolTip(stranded ? tr("Not added: %1. Its text stays here to copy (select "
                                         "it, Ctrl+C).")
                                          .arg(notesOffReason())
                                    : QString());
    if (stranded && !std::exchange(m_noteStranded, true) && !isReplaying())
        showCommandMessage(tr("Your note was not added: %1. Its text stays in the note field "
                              "to copy.")
                               .arg(notesOffReason()));
    m_noteStranded = stranded;
    // The button goes with its field: a live-looking "Add note" must never sit beside a dead one.
    m_noteButton->setEnabled(enabled);
    m_notePrivate->setEnabled(enabled);
    // The field says it takes nothing, instead of inviting typing that goes nowhere.
    m_noteEdit->setPlaceholderText(enabled ? tr("Note for the timeline (Ctrl+M, Enter to add)")
                                           : tr("No notes now: %1").arg(notesOffReason()));
}

QString IncidentView::notesOffReason() const
{
    // The one that applies, not a list to choose from: "closed, in replay, or its storage is
    // lost" was shown while a long timeline was being verified, which is none of those.
    if (m_session && !m_session->storageProblem().isEmpty())
        return tr("the timeline's storage is lost");
    if (m_session && m_session->isVerifying())
        return tr("the timeline is being verified; notes are taken once it is checked");
    if (m_session && m_session->engine().isClosed())
        return tr("the incident is closed");
    if (isReplaying())
        return tr("this is a replay (Esc returns to live)");
    return tr("there is no incident open");
}

void IncidentView::showStepEvents(const QString &stepId, const QString &label)
{
    m_filter->setStepFilter(stepId);
    m_filterBar->setVisible(!stepId.isEmpty());
    m_filterLabel->setText(tr("Timeline filtered to %1").arg(label.isEmpty() ? stepId : label));
    m_timelineView->scrollToBottom();
}

void IncidentView::setShowRoutineEvents(bool show)
{
    m_filter->setShowRoutine(show);
}

bool IncidentView::isReplaying() const
{
    return m_replay->isReplaying();
}

std::optional<qint64> IncidentView::replayTime() const
{
    return m_replay->at();
}

void IncidentView::backToLive()
{
    m_replay->setAt(std::nullopt);
}

void IncidentView::zoomGanttToFit()
{
    m_gantt->zoomToFit();
}

void IncidentView::exportGanttChart()
{
    m_gantt->exportChart();
}

void IncidentView::setGanttFollowNow(bool follow)
{
    m_gantt->setFollowNow(follow);
}

void IncidentView::applyReplay(std::optional<qint64> elapsedMs)
{
    // The checklist model is the core's and keeps the moment it folds to; the filter and the
    // chart read this page's ReplayTime.
    m_checklistModel->setReplayTime(elapsedMs);
    m_header->setReplayTime(elapsedMs);
    m_escapeReplay->setEnabled(elapsedMs.has_value());
    // The step panel's and the notes' enabling is IncidentActions' (replay, a closed incident,
    // lost storage); this page only follows the moment. The filter is brought to it before the
    // scroll, or the table would stop short of the rows the moment lets back in.
    m_filter->followReplay();
    m_timelineView->scrollToBottom();
}

} // namespace warroom
