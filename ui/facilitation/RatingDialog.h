#pragma once

#include "drill/Scenario.h"
#include "facilitation/FacilitatorLog.h"

#include <QDialog>

#include <functional>

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;

namespace warroom {

struct Checklist;

// The facilitator rates how the room performed a step, or a capability the scenario names,
// HSEEP's P / S / M / U with a note, during the drill or after it. The list offers the step the
// room is on first, then the capabilities it exercises (Up and Down reach them), then the rest.
// All by keyboard: P, S, M, U (Alt with it, or alone outside the note) choose and move on to the
// note, whatever is typed next is the note, Enter presses Rate. A rating the record refuses, or
// none chosen, keeps the dialog open with the reason: nothing is dropped without a word.
class RatingDialog : public QDialog
{
    Q_OBJECT

public:
    // Writes the rating (FacilitationSession::rate): false with the reason.
    using Submit = std::function<bool(const QString &stepId, PerformanceRating rating,
                                      const QString &note, QString *error)>;

    RatingDialog(const Checklist &checklist, const QList<DrillCapability> &capabilities,
                 const FacilitatorLog &log, const QString &stepId, Submit submit,
                 QWidget *parent = nullptr);

    // The step's id, or the capability's.
    QString stepId() const;
    QString problem() const;

public slots:
    void accept() override;

protected:
    // P, S, M or U (Alt with it, or alone outside the note) chooses that rating (pick).
    void keyPressEvent(QKeyEvent *event) override;
    // Up and Down on a rating choose the subject: a radio button took them, and the second Down
    // after choosing a capability checked the next rating instead of moving on.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Checks `rating` and moves on to the note.
    void pick(QAbstractButton *rating);
    // The next (or previous, `by` -1) subject in the list, past its separator.
    void moveSubject(int by);
    void fillSubjects(const Checklist &checklist, const QList<DrillCapability> &capabilities,
                      const QString &stepId);
    void showRating();

    const FacilitatorLog &m_log;
    Submit m_submit;
    QComboBox *m_step;
    QButtonGroup *m_ratings;
    QLineEdit *m_note;
    QLabel *m_problem;
};

} // namespace warroom
