#pragma once

#include <QObject>

#include <functional>

class QBoxLayout;
class QDialog;
class QLabel;
class QPushButton;

namespace warroom {

// Enter in a dialog presses its default button, and Qt does nothing at all when that button is
// disabled: a person who typed a name and pressed Enter sees nothing happen and cannot tell why.
// The guard makes `button` the dialog's default and, when Enter meets it disabled, keeps the
// dialog open and puts the reason in `label`, in the dialog. The label hides again as soon as
// the button is enabled.
class EnterKeyGuard : public QObject
{
    Q_OBJECT

public:
    EnterKeyGuard(QDialog *dialog, QPushButton *button, QLabel *label,
                  std::function<QString()> whyNot);
    // The end of a dialog that asks for one thing, added to `layout`: the line where a refusal
    // is said, then OK (disabled until the caller enables it) and Cancel, which accept and reject
    // the dialog. OK is the guard's button().
    static EnterKeyGuard *okCancel(QDialog *dialog, QBoxLayout *layout,
                                   std::function<QString()> whyNot);
    QPushButton *button() const { return m_button; }

    // Shows the reason now (what Enter on the disabled button does).
    void explain();
    // After the dialog's input changed: a reason on show is brought up to date, and goes once
    // the button is enabled.
    void refresh();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QDialog *m_dialog;
    QPushButton *m_button;
    QLabel *m_label;
    std::function<QString()> m_whyNot;
};

} // namespace warroom
