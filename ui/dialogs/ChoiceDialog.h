#pragma once

#include <QDialog>

#include <optional>

class QListWidget;
class QPushButton;

namespace warroom {

// Asks which option of a choice item was decided (the rollback class). Nothing is chosen at
// first: a list that opened on its first option recorded it on Enter, a decision nobody made.
// OK stays disabled until an option is picked, and Enter before that says so in the dialog.
class ChoiceDialog : public QDialog
{
    Q_OBJECT

public:
    ChoiceDialog(const QString &question, const QStringList &options, QWidget *parent = nullptr);

    // The index of the option picked; -1 until one is.
    int chosen() const;

    static std::optional<int> ask(QWidget *parent, const QString &question,
                                  const QStringList &options);

private:
    QListWidget *m_options;
    QPushButton *m_ok;
};

} // namespace warroom
