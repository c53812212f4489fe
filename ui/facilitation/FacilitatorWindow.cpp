#include "ui/facilitation/FacilitatorWindow.h"

#include "ui/facilitation/FacilitationSession.h"

#include "drill/DrillRunner.h"
#include "util/TimeFormat.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace warroom {

namespace {

// The drill backend's faults (POST /api/faults), as the facilitator picks them: the key, what it
// does, and its parameter (0 for a switch).
struct FaultKind
{
    const char *key;
    const char *label;
    int defaultValue;
    int maximum;
    const char *unit;
};

constexpr FaultKind faultKinds[] = {
    {"flapping_error_rate", "Error rate flaps (on/off)", 0, 0, ""},
    {"job_fails", "Rollback job fails", 0, 0, ""},
    {"latency_ms", "Latency on every answer", 400, 60000, " ms"},
    {"stall_next", "Stall the next N requests", 3, 1000, " requests"},
    {"fail_next", "Answer the next N calls 503", 3, 1000, " calls"},
    {"error_responses", "Share of calls answered 503", 30, 100, " %"},
};

} // namespace

FacilitatorWindow::FacilitatorWindow(FacilitationSession &session, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_session(session)
    , m_title(new QLabel(this))
    , m_clock(new QLabel(this))
    , m_next(new QLabel(this))
    , m_status(new QLabel(this))
    , m_pause(new QPushButton(this))
    , m_end(new QPushButton(tr("End drill\u2026 (Ctrl+Shift+X)"), this))
{
    setObjectName(QStringLiteral("facilitatorWindow"));
    setWindowTitle(tr("Facilitator \u2014 Rollback War Room"));
    // A top-level QWidget gets no background from the console's style sheet (it styles
    // QMainWindow and QDialog): the same dark ground, so the light text stays readable.
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#facilitatorWindow { background: #12161c; }"
                                 "#facilitatorWindow QGroupBox { font-weight: bold; }"
                                 "#facilitatorStatus[problem=\"true\"] { color: #ff8a80; }"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildClock());
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(buildInjects(), 3);
    leftLayout->addWidget(buildUnscheduled());
    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(buildExpectations(), 2);
    rightLayout->addWidget(buildRatings(), 2);
    rightLayout->addWidget(buildObservations(), 3);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    m_status->setObjectName(QStringLiteral("facilitatorStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    // Keys a QLineEdit does not take for itself on X11 (it keeps Ctrl+D, Ctrl+U, Ctrl+E, Ctrl+K).
    addShortcut(tr("Ctrl+P"), &FacilitatorWindow::togglePause);
    addShortcut(tr("Ctrl+F"), &FacilitatorWindow::fireNow);
    addShortcut(tr("Ctrl+S"), &FacilitatorWindow::skip);
    addShortcut(tr("Ctrl+L"), &FacilitatorWindow::delay);
    addShortcut(tr("Ctrl+I"), m_injects);
    addShortcut(tr("Ctrl+T"), m_message);
    addShortcut(tr("Ctrl+B"), m_fault);
    addShortcut(tr("Ctrl+O"), m_observation);
    addShortcut(tr("Ctrl+J"), m_expectations);
    addShortcut(tr("Ctrl+R"), &FacilitatorWindow::rate);
    addShortcut(tr("Ctrl+Shift+S"), &FacilitatorWindow::saveDebrief);
    addShortcut(tr("Ctrl+Shift+X"), &FacilitatorWindow::endDrill);

    connect(&m_session, &FacilitationSession::changed, this, &FacilitatorWindow::refresh);
    connect(&m_session, &FacilitationSession::started, this, &FacilitatorWindow::fillRoles);
    // The countdowns and the clock move each half second; a pause freezes them (drill time).
    m_tick.setInterval(500);
    connect(&m_tick, &QTimer::timeout, this, &FacilitatorWindow::refresh);
    m_tick.start();
    resize(1600, 950);
    fillRoles();
    refresh();
}

void FacilitatorWindow::addShortcut(const QString &keys, QWidget *focus)
{
    auto *s = new QShortcut(QKeySequence(keys), this);
    connect(s, &QShortcut::activated, focus, [focus] { focus->setFocus(Qt::ShortcutFocusReason); });
}

void FacilitatorWindow::addShortcut(const QString &keys, void (FacilitatorWindow::*slot)())
{
    auto *s = new QShortcut(QKeySequence(keys), this);
    connect(s, &QShortcut::activated, this, slot);
}

QWidget *FacilitatorWindow::buildClock()
{
    auto *box = new QWidget(this);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    m_title->setObjectName(QStringLiteral("facilitatorTitle"));
    m_title->setWordWrap(true); // the objectives are long; the clock must stay in view
    m_clock->setObjectName(QStringLiteral("facilitatorClock"));
    QFont big = m_clock->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_clock->setFont(big);
    m_next->setObjectName(QStringLiteral("facilitatorNext"));
    m_pause->setObjectName(QStringLiteral("facilitatorPause"));
    m_pause->setToolTip(tr("Pause or resume the drill (Ctrl+P): the drill clock, the injects and "
                           "every countdown stand still; the pause is left out of durations"));
    connect(m_pause, &QPushButton::clicked, this, &FacilitatorWindow::togglePause);
    row->addWidget(m_title, 1);
    row->addSpacing(24);
    // The speed and the real time under the T+, in the words the console and the wall use.
    m_clockScale = new QLabel(box);
    m_clockScale->setObjectName(QStringLiteral("facilitatorClockScale"));
    m_clockScale->setAlignment(Qt::AlignRight | Qt::AlignTop);
    m_clockScale->hide();
    auto *clockColumn = new QVBoxLayout;
    clockColumn->setSpacing(0);
    clockColumn->addWidget(m_clock);
    clockColumn->addWidget(m_clockScale);
    // Under the clock it counts down from: beside the title, "Next: heads-up in 00:00:19" read
    // as part of the objectives' sentence it sat in the middle of.
    m_next->setAlignment(Qt::AlignRight | Qt::AlignTop);
    clockColumn->addWidget(m_next);
    row->addLayout(clockColumn);
    row->addWidget(m_pause);
    m_end->setObjectName(QStringLiteral("facilitatorEnd"));
    m_end->setToolTip(tr("End the drill now, before its deadline (Ctrl+Shift+X): every screen's "
                         "clock stops and the drill is judged on what the room did so far"));
    connect(m_end, &QPushButton::clicked, this, &FacilitatorWindow::endDrill);
    row->addWidget(m_end);
    return box;
}

QWidget *FacilitatorWindow::buildInjects()
{
    auto *box = new QGroupBox(tr("Injects on the drill clock (Ctrl+I)"), this);
    auto *layout = new QVBoxLayout(box);
    m_injects = new QTreeWidget(box);
    m_injects->setObjectName(QStringLiteral("facilitatorInjects"));
    m_injects->setRootIsDecorated(false);
    m_injects->setHeaderLabels(
        {tr("Inject"), tr("Due / fired"), tr("State"), tr("Acknowledged"), tr("What")});
    m_injects->header()->setSectionResizeMode(4, QHeaderView::Stretch);
    layout->addWidget(m_injects);
    auto *buttons = new QHBoxLayout;
    const auto button = [&](const char *name, const QString &text, const QString &tip,
                            void (FacilitatorWindow::*slot)()) {
        auto *b = new QPushButton(text, box);
        b->setObjectName(QLatin1StringView(name));
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        m_outgoing << b;
    };
    button("facilitatorFireNow", tr("Fire now (Ctrl+F)"),
           tr("Fire the selected inject (else the next) now"), &FacilitatorWindow::fireNow);
    button("facilitatorSkip", tr("Skip (Ctrl+S)"), tr("The selected inject will not fire"),
           &FacilitatorWindow::skip);
    button("facilitatorDelay", tr("Delay 1 min (Ctrl+L)"),
           tr("The selected inject fires one drill minute later"), &FacilitatorWindow::delay);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    return box;
}

QWidget *FacilitatorWindow::buildUnscheduled()
{
    auto *box = new QGroupBox(tr("Unscheduled inject"), this);
    auto *form = new QFormLayout(box);
    m_role = new QComboBox(box);
    m_role->setObjectName(QStringLiteral("facilitatorRole"));
    m_message = new QLineEdit(box);
    m_message->setObjectName(QStringLiteral("facilitatorMessage"));
    m_message->setPlaceholderText(tr("A message to the room, announced on console and wall "
                                     "(Ctrl+T, Return sends)"));
    connect(m_message, &QLineEdit::returnPressed, this, &FacilitatorWindow::sendMessage);
    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_role);
    messageRow->addWidget(m_message, 1);
    form->addRow(tr("Message to"), messageRow);
    m_fault = new QComboBox(box);
    m_fault->setObjectName(QStringLiteral("facilitatorFault"));
    for (const FaultKind &k : faultKinds)
        m_fault->addItem(tr(k.label), QString::fromLatin1(k.key));
    m_faultValue = new QSpinBox(box);
    m_faultValue->setObjectName(QStringLiteral("facilitatorFaultValue"));
    const auto showParameter = [this](int index) {
        const FaultKind &k = faultKinds[std::max(0, index)];
        m_faultValue->setVisible(k.maximum > 0); // a switch has no parameter
        m_faultValue->setRange(0, std::max(k.maximum, 1));
        m_faultValue->setValue(k.defaultValue);
        m_faultValue->setSuffix(QString::fromLatin1(k.unit));
    };
    connect(m_fault, &QComboBox::currentIndexChanged, this, showParameter);
    showParameter(0);
    auto *send = new QPushButton(tr("Send fault"), box);
    send->setObjectName(QStringLiteral("facilitatorSendFault"));
    send->setToolTip(tr("Not announced: the players must notice it, as in reality"));
    connect(send, &QPushButton::clicked, this, &FacilitatorWindow::sendFault);
    m_outgoing << m_role << m_message << m_fault << m_faultValue << send;
    auto *faultRow = new QHBoxLayout;
    faultRow->addWidget(m_fault, 1);
    faultRow->addWidget(m_faultValue);
    faultRow->addWidget(send);
    form->addRow(tr("Backend fault (Ctrl+B)"), faultRow);
    return box;
}

QWidget *FacilitatorWindow::buildObservations()
{
    auto *box = new QGroupBox(tr("Observations \u2014 for the debrief, never shown to players"),
                              this);
    auto *layout = new QVBoxLayout(box);
    m_observation = new QLineEdit(box);
    m_observation->setObjectName(QStringLiteral("facilitatorObservation"));
    m_observation->setPlaceholderText(tr("What you see, tied to this moment and step (Ctrl+O, "
                                         "Return adds)"));
    connect(m_observation, &QLineEdit::returnPressed, this, &FacilitatorWindow::addObservation);
    m_observations = new QListWidget(box);
    m_observations->setObjectName(QStringLiteral("facilitatorObservations"));
    m_observations->setWordWrap(true);
    m_lines = new QListWidget(box);
    m_lines->setObjectName(QStringLiteral("facilitatorLines"));
    // Wrapped, as the observations are: its lines ran off the right edge behind a scroll bar.
    m_lines->setWordWrap(true);
    m_lines->setResizeMode(QListView::Adjust);
    m_lines->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_observation);
    layout->addWidget(m_observations, 2);
    layout->addWidget(new QLabel(tr("What the drill did"), box));
    layout->addWidget(m_lines, 1);
    return box;
}

QWidget *FacilitatorWindow::buildExpectations()
{
    auto *box = new QGroupBox(tr("Expectations, live (Ctrl+J)"), this);
    auto *layout = new QVBoxLayout(box);
    m_expectations = new QTreeWidget(box);
    m_expectations->setObjectName(QStringLiteral("facilitatorExpectations"));
    m_expectations->setRootIsDecorated(false);
    // What changes first (status, time left), the scenario's words last: they may be cut.
    m_expectations->setHeaderLabels({tr("Status"), tr("Now"), tr("Expectation")});
    m_expectations->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_expectations->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(m_expectations);
    return box;
}

void FacilitatorWindow::report(bool ok, const QString &done, const QString &error)
{
    m_status->setText(ok ? done : tr("Not done: %1").arg(error));
    m_status->setProperty("problem", !ok);
    m_status->style()->unpolish(m_status);
    m_status->style()->polish(m_status);
}

void FacilitatorWindow::togglePause()
{
    QString error;
    const bool ok = m_session.togglePause(&error);
    report(ok, m_session.isPaused() ? tr("Drill paused.") : tr("Drill resumed."), error);
}

void FacilitatorWindow::endDrill()
{
    QString error;
    const DrillRunner *runner = m_session.runner();
    if (!runner || runner->isFinished()) {
        report(m_session.endDrill(&error), {}, error); // says why there is nothing to end
        return;
    }
    QMessageBox box(QMessageBox::Question, tr("End the drill"),
                    tr("End the drill now? Its clock read %1 as this asked, and runs on until "
                       "you answer.")
                        .arg(formatElapsed(runner->drillNow())),
                    QMessageBox::NoButton, this);
    // What the room does afterwards is its own: the box said "nothing more goes out to the
    // backend" while the console still sent the room's request.
    box.setInformativeText(tr("Every screen's clock stops at your answer, and no inject or fault "
                              "goes out any more. The drill is judged on what the room did so "
                              "far: a step or an expectation not reached is missed. The incident "
                              "stays open until the room closes it; what the room does until "
                              "then is recorded, after the drill's end."));
    QPushButton *end = box.addButton(tr("End the drill"), QMessageBox::DestructiveRole);
    box.addButton(tr("Keep it running"), QMessageBox::RejectRole);
    box.setDefaultButton(end);
    box.exec();
    if (box.clickedButton() != end) {
        report(true, tr("The drill goes on."), {});
        return;
    }
    const bool ok = m_session.endDrill(&error);
    report(ok, tr("Drill ended at %1.").arg(formatElapsed(m_session.drillNow())), error);
}

void FacilitatorWindow::sendFault()
{
    const FaultKind &k = faultKinds[std::max(0, m_fault->currentIndex())];
    QJsonObject fault;
    if (k.maximum == 0)
        fault.insert(QString::fromLatin1(k.key), true);
    else if (QLatin1String(k.key) == QLatin1String("error_responses"))
        fault.insert(QString::fromLatin1(k.key), m_faultValue->value() / 100.0);
    else
        fault.insert(QString::fromLatin1(k.key), m_faultValue->value());
    QString error;
    const bool ok = m_session.sendFault(fault, &error);
    // Queued, not yet sent: the runner sends it on its next tick (none while paused) and notes
    // it then, and a refusal comes back as a note of its own, so "sent" here would be a guess.
    report(ok,
           m_session.isPaused()
               ? tr("Fault queued (not announced): it goes to the drill backend when the drill "
                    "resumes. The timeline notes it when sent, and a refusal if the backend "
                    "does not take it.")
               : tr("Fault queued (not announced): it goes to the drill backend on the drill's "
                    "next tick. The timeline notes it when sent, and a refusal if the backend "
                    "does not take it."),
           error);
}

} // namespace warroom
