#include "ui/dialogs/OpenIncidentDialog.h"

#include "ui/dialogs/EnterKeyGuard.h"

#include "itemmodels/IncidentListModel.h"
#include "store/TimelineStore.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace warroom {

OpenIncidentDialog::OpenIncidentDialog(const TimelineStore &store, QWidget *parent)
    : QDialog(parent)
    , m_model(new IncidentListModel(this))
    , m_view(new QTableView(this))
{
    setWindowTitle(tr("Open incident"));
    QString readError;
    const bool listed = m_model->reload(store, &readError);
    m_view->setObjectName(QStringLiteral("incidentTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    // Every column but the title as wide as its header and its longest value: at fixed widths
    // "Commander", "Declared (UTC)" and the times were cut ("eclared (UT", "2026-12-0…").
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(IncidentListModel::TitleColumn,
                                                     QHeaderView::Stretch);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    m_open = buttons->button(QDialogButtonBox::Open);
    m_open->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    // A list that could not be read says so instead of looking like an empty database.
    auto *where = new QLabel(listed ? tr("Incidents in %1").arg(store.path())
                                    : tr("Cannot list the incidents: %1").arg(readError),
                             this);
    where->setObjectName(listed ? QStringLiteral("muted") : QStringLiteral("refusal"));
    where->setWordWrap(true);
    layout->addWidget(where);
    layout->addWidget(m_view, 1);
    auto *why = new QLabel(this);
    why->setObjectName(QStringLiteral("refusal"));
    layout->addWidget(why);
    layout->addWidget(buttons);
    new EnterKeyGuard(this, m_open, why, [this] {
        return m_model->rowCount() == 0 ? tr("There is no incident in this database to open.")
                                        : tr("Choose an incident in the list first.");
    });
    resize(1100, 460);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_open->setEnabled(selectedIncident().has_value()); });
    connect(m_view, &QTableView::activated, this, &QDialog::accept);
    if (m_model->rowCount() > 0)
        m_view->selectRow(0);
}

std::optional<qint64> OpenIncidentDialog::selectedIncident() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->data(rows.first(), IncidentListModel::IncidentIdRole).toLongLong();
}

} // namespace warroom
