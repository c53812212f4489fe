#include "ui/main/WelcomePage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace warroom {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("No incident is open"), this);
    title->setObjectName(QStringLiteral("incidentTitle"));
    auto *hint = new QLabel(tr("Declare an incident to start the rollback checklist, or open one "
                               "from the timeline database."),
                            this);
    hint->setObjectName(QStringLiteral("muted"));
    auto *declare = new QPushButton(tr("Declare incident (Ctrl+N)"), this);
    declare->setObjectName(QStringLiteral("welcomeDeclare"));
    auto *open = new QPushButton(tr("Open incident (Ctrl+O)"), this);
    connect(declare, &QPushButton::clicked, this, &WelcomePage::declareRequested);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(declare);
    buttons->addWidget(open);
    buttons->addStretch(1);
    layout->addStretch(1);
    layout->addWidget(title, 0, Qt::AlignHCenter);
    layout->addWidget(hint, 0, Qt::AlignHCenter);
    layout->addLayout(buttons);
    layout->addStretch(2);
}

} // namespace warroom
