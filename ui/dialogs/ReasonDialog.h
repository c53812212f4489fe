#pragma once

#include <QDialog>

#include <optional>

class QLineEdit;
class QPushButton;

namespace warroom {

// Asks for the reason behind an override or a skip. OK stays disabled until there is text: an
// override without a reason is exactly what the checklist exists to prevent.
class ReasonDialog : public QDialog
{
    Q_OBJECT

public:
    ReasonDialog(const QString &title, const QString &explanation, QWidget *parent = nullptr);

    QString reason() const;

    static std::optional<QString> ask(QWidget *parent, const QString &title,
                                      const QString &explanation);

private:
    QLineEdit *m_reason;
    QPushButton *m_ok;
};

} // namespace warroom
