#include "ui/facilitation/RatingDialog.h"

#include "checklist/Checklist.h"
#include "util/BidiControls.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace warroom {

namespace {

constexpr PerformanceRating order[] = {PerformanceRating::Performed,
                                       PerformanceRating::SomeChallenges,
                                       PerformanceRating::MajorChallenges,
                                       PerformanceRating::Unable};

} // namespace

RatingDialog::RatingDialog(const Checklist &checklist,
                           const QList<DrillCapability> &capabilities, const FacilitatorLog &log,
                           const QString &stepId, Submit submit, QWidget *parent)
    : QDialog(parent)
    , m_log(log)
    , m_submit(std::move(submit))
    , m_step(new QComboBox(this))
    , m_ratings(new QButtonGroup(this))
    , m_note(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("ratingDialog"));
    setWindowTitle(capabilities.isEmpty() ? tr("Rate a step (P / S / M / U)")
                                          : tr("Rate a step or capability (P / S / M / U)"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_step->setObjectName(QStringLiteral("ratingStep"));
    fillSubjects(checklist, capabilities, stepId);
    form->addRow(capabilities.isEmpty() ? tr("S&tep") : tr("S&tep or capability"), m_step);
    auto *choices = new QVBoxLayout;
    for (PerformanceRating r : order) {
        const QString letter = FacilitatorLog::letter(r);
        auto *button = new QRadioButton(QStringLiteral("%1 \u2014 %2   (Alt+%1)")
                                            .arg(letter, FacilitatorLog::meaning(r)),
                                        this);
        button->setObjectName(QStringLiteral("rating") + letter);
        button->installEventFilter(this);
        m_ratings->addButton(button, int(r));
        choices->addWidget(button);
        // Checked at once (a mnemonic would click it as an animation, later).
        auto *key = new QShortcut(QKeySequence(QStringLiteral("Alt+") + letter), this);
        connect(key, &QShortcut::activated, button, [this, button] { pick(button); });
    }
    form->addRow(tr("Rating"), choices);
    m_note->setObjectName(QStringLiteral("ratingNote"));
    m_note->setPlaceholderText(tr("Why: what went well, what held the room up"));
    form->addRow(tr("&Note"), m_note);
    layout->addLayout(form);
    m_problem->setObjectName(QStringLiteral("ratingProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #ff8a80;"));
    m_problem->hide();
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *rate = buttons->button(QDialogButtonBox::Ok);
    rate->setText(tr("Rate (Enter)"));
    rate->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel (Esc)"));
    connect(buttons, &QDialogButtonBox::accepted, this, &RatingDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RatingDialog::reject);
    layout->addWidget(buttons);
    connect(m_step, &QComboBox::currentIndexChanged, this, &RatingDialog::showRating);
    showRating();
}

// The current step, its capabilities, then every other step and capability, so that the keys
// the facilitator needs most (Up, Down) are the nearest.
void RatingDialog::fillSubjects(const Checklist &checklist,
                                const QList<DrillCapability> &capabilities, const QString &stepId)
{
    // From the checklist and scenario files: a bidirectional control is shown, not obeyed.
    auto stepText = [&](int i) {
        return QStringLiteral("%1. %2").arg(i + 1).arg(
            BidiControls::shown(checklist.steps.at(i).title));
    };
    auto capabilityText = [](const DrillCapability &c) {
        return tr("Capability: %1").arg(BidiControls::shown(c.name));
    };
    const int current = checklist.stepIndex(stepId);
    if (current >= 0) {
        m_step->addItem(stepText(current), stepId);
        for (const DrillCapability &c : capabilities) {
            if (c.steps.contains(stepId))
                m_step->addItem(capabilityText(c), c.id);
        }
        m_step->insertSeparator(m_step->count());
    }
    for (int i = 0; i < int(checklist.steps.size()); ++i) {
        if (i != current)
            m_step->addItem(stepText(i), checklist.steps.at(i).id);
    }
    for (const DrillCapability &c : capabilities) {
        if (current < 0 || !c.steps.contains(stepId))
            m_step->addItem(capabilityText(c), c.id);
    }
    // The current step, or a capability given as the subject (rated again from the list).
    m_step->setCurrentIndex(std::max(0, m_step->findData(stepId)));
}

// A step rated before shows its rating and note: rating it again replaces them.
void RatingDialog::showRating()
{
    const StepRating *r = m_log.rating(stepId());
    m_ratings->setExclusive(false);
    for (QAbstractButton *b : m_ratings->buttons())
        b->setChecked(r && m_ratings->id(b) == int(r->rating));
    m_ratings->setExclusive(true);
    m_note->setText(r ? r->note : QString());
    QAbstractButton *focus = r ? m_ratings->button(int(r->rating)) : m_ratings->buttons().first();
    focus->setFocus(Qt::OtherFocusReason);
}

void RatingDialog::keyPressEvent(QKeyEvent *event)
{
    const bool typing = qobject_cast<QLineEdit *>(focusWidget()) != nullptr;
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if (mods == Qt::AltModifier || (mods == Qt::NoModifier && !typing)) {
        for (PerformanceRating r : order) {
            if (event->key() == FacilitatorLog::letter(r).at(0).unicode()) {
                pick(m_ratings->button(int(r)));
                return;
            }
        }
    }
    QDialog::keyPressEvent(event);
}

bool RatingDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && qobject_cast<QRadioButton *>(watched)) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)
            && (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
            moveSubject(key->key() == Qt::Key_Down ? 1 : -1);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void RatingDialog::moveSubject(int by)
{
    for (int i = m_step->currentIndex() + by; i >= 0 && i < m_step->count(); i += by) {
        if (m_step->itemData(i).isValid()) { // a separator has none
            m_step->setCurrentIndex(i);
            return;
        }
    }
}

void RatingDialog::pick(QAbstractButton *rating)
{
    rating->setChecked(true);
    // On to the note: with the focus left on the ratings, "P" then "quick and clean" re-rated the
    // step U at its "u" and the note stayed empty. Letters typed after a rating are its note.
    // A step rated again shows its note selected, so that what is typed replaces it (it ran on
    // after the old one); a note being typed keeps its words and its cursor.
    m_note->setFocus(Qt::ShortcutFocusReason);
    if (m_note->isModified())
        m_note->deselect();
    else
        m_note->selectAll();
}

QString RatingDialog::stepId() const
{
    return m_step->currentData().toString();
}

QString RatingDialog::problem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

void RatingDialog::accept()
{
    QString error;
    if (m_ratings->checkedId() < 0)
        error = tr("choose a rating first: P, S, M or U (Alt+P, Alt+S, Alt+M, Alt+U)");
    else if (m_submit(stepId(), PerformanceRating(m_ratings->checkedId()), m_note->text(), &error))
        return QDialog::accept();
    m_problem->setText(tr("Not rated: %1").arg(error));
    m_problem->show();
}

} // namespace warroom
