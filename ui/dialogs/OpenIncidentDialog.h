#pragma once

#include <QDialog>

#include <optional>

class QTableView;
class QPushButton;

namespace warroom {

class IncidentListModel;
class TimelineStore;

// Lists the incidents in the timeline database, newest first, and opens the chosen one.
class OpenIncidentDialog : public QDialog
{
    Q_OBJECT

public:
    explicit OpenIncidentDialog(const TimelineStore &store, QWidget *parent = nullptr);

    std::optional<qint64> selectedIncident() const;

private:
    IncidentListModel *m_model;
    QTableView *m_view;
    QPushButton *m_open;
};

} // namespace warroom
