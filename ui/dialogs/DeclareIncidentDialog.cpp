#include "ui/dialogs/DeclareIncidentDialog.h"

#include "ui/dialogs/EnterKeyGuard.h"

#include "checklist/ChecklistParser.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace warroom {

namespace {

QMap<QString, QString> &prefilled()
{
    static QMap<QString, QString> values;
    return values;
}

} // namespace

void DeclareIncidentDialog::setPrefilledVariables(const QMap<QString, QString> &values)
{
    prefilled() = values;
}

QString DeclareIncidentDialog::builtinChecklistPath()
{
    return QStringLiteral(":/checklists/rollback-eight-step.json");
}

DeclareIncidentDialog::DeclareIncidentDialog(const QStringList &checklistPaths, QWidget *parent,
                                             const TimelineStore *store)
    : QDialog(parent)
    , m_title(new QLineEdit(this))
    , m_checklistCombo(new QComboBox(this))
    , m_commander(new QLineEdit(this))
    , m_live(new QRadioButton(tr("&LIVE incident"), this))
    , m_drill(new QRadioButton(tr("D&RILL (exercise)"), this))
    , m_variablesForm(nullptr)
    , m_variablesBox(new QGroupBox(tr("Checklist variables"), this))
    , m_problems(new QLabel(this))
    , m_store(store)
{
    setWindowTitle(tr("Declare incident"));
    nameParts();
    m_live->setChecked(true);
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_live);
    modes->addButton(m_drill);

    m_checklistCombo->addItem(tr("Rollback war-room checklist (built in)"), builtinChecklistPath());
    for (const QString &p : checklistPaths)
        m_checklistCombo->addItem(QFileInfo(p).fileName(), p);
    auto *browse = new QPushButton(tr("&Browse\u2026"), this);

    QFormLayout *form = buildForm(browse);
    m_variablesForm = new QFormLayout(m_variablesBox);
    // URLs and versions must be readable whole before anyone declares with them.
    m_variablesForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // A prompt too long to stand beside its field goes above it: beside it, it was cut off at a
    // 1400-pixel screen ("Prometheus base URL (the drill backend answers Pro").
    m_variablesForm->setRowWrapPolicy(QFormLayout::WrapLongRows);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Declare"));
    m_ok->setObjectName(QStringLiteral("declareButton"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_variablesBox);
    layout->addWidget(buildRoomBox());
    layout->addWidget(m_problems);
    auto *why = new QLabel(this);
    why->setObjectName(QStringLiteral("refusal"));
    layout->addWidget(why);
    layout->addWidget(buttons);
    m_guard = new EnterKeyGuard(this, m_ok, why, [this] { return whyNotDeclare(); });
    setMinimumWidth(640);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &DeclareIncidentDialog::browse);
    connect(m_checklistCombo, &QComboBox::currentIndexChanged, this,
            &DeclareIncidentDialog::loadChecklist);
    connect(m_title, &QLineEdit::textChanged, this, &DeclareIncidentDialog::updateOk);
    connect(m_commander, &QLineEdit::textChanged, this, &DeclareIncidentDialog::updateOk);
    // A checklist named on the command line is the one the user meant.
    setTabOrder(m_title, m_checklistCombo);
    setTabOrder(m_checklistCombo, browse);
    setTabOrder(browse, m_commander);
    setTabOrder(m_commander, m_live);
    setTabOrder(m_live, m_drill);
    m_title->setFocus();
    m_checklistCombo->setCurrentIndex(static_cast<int>(checklistPaths.isEmpty() ? 0 : 1));
    loadChecklist(m_checklistCombo->currentIndex());
}

void DeclareIncidentDialog::nameParts()
{
    // Names the parts (the style sheet and the tests find them by name) and sets their first state.
    setObjectName(QStringLiteral("declareDialog"));
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(tr("e.g. Payments API 5xx after v1.3.0 deploy"));
    m_commander->setObjectName(QStringLiteral("commanderEdit"));
    m_commander->setPlaceholderText(tr("Your name"));
    m_checklistCombo->setObjectName(QStringLiteral("checklistCombo"));
    m_live->setObjectName(QStringLiteral("liveRadio"));
    m_drill->setObjectName(QStringLiteral("drillRadio"));
    m_problems->setObjectName(QStringLiteral("refusal"));
    m_problems->setTextFormat(Qt::PlainText); // the file's diagnostics quote what it holds
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->hide();
}

QFormLayout *DeclareIncidentDialog::buildForm(QPushButton *browse)
{
    auto *checklistRow = new QHBoxLayout;
    checklistRow->addWidget(m_checklistCombo, 1);
    checklistRow->addWidget(browse);
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_live);
    modeRow->addWidget(m_drill);
    modeRow->addStretch(1);

    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("Checklist:"), checklistRow);
    m_history = new QLabel(this);
    m_history->setObjectName(QStringLiteral("checklistHistory"));
    // Wrapped: the line comes from a worker thread after the dialog has its size, and the longest
    // ("not measured yet — its 2 drills were sped up or played by a script …") ran off its edge.
    m_history->setWordWrap(true);
    form->addRow(QString(), m_history);
    form->addRow(tr("&Commander:"), m_commander);
    form->addRow(tr("Mode:"), modeRow);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

void DeclareIncidentDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a checklist"), {},
                                                      tr("Checklists (*.json)"));
    if (path.isEmpty())
        return;
    m_checklistCombo->addItem(QFileInfo(path).fileName(), path);
    m_checklistCombo->setCurrentIndex(m_checklistCombo->count() - 1);
}

void DeclareIncidentDialog::loadChecklist(int index)
{
    // Typed values outlive the fields: choosing another checklist (or coming back) wiped a
    // service name and a channel typed a moment before.
    for (const auto &[name, edit] : std::as_const(m_variableEdits)) {
        if (edit->isModified())
            m_typedVariables.insert(name, edit->text());
    }
    m_checklist.reset();
    m_variableEdits.clear();
    while (m_variablesForm->rowCount() > 0)
        m_variablesForm->removeRow(0);
    const QString path = m_checklistCombo->itemData(index).toString();
    ChecklistParseResult parsed = ChecklistParser::parseFile(path);
    if (!parsed.ok()) {
        m_problems->setText(tr("This checklist cannot be used:\n")
                            + formatDiagnostics(parsed.diagnostics));
        m_problems->show();
        m_variablesBox->hide();
        updateOk();
        return;
    }
    m_problems->hide();
    m_checklist = std::move(parsed.checklist);
    for (const ChecklistVariable &v : m_checklist->variables) {
        const auto typed = m_typedVariables.constFind(v.name);
        const bool wasTyped = typed != m_typedVariables.cend();
        auto *edit = new QLineEdit(wasTyped ? *typed : prefilled().value(v.name, v.defaultValue),
                                   m_variablesBox);
        edit->setModified(wasTyped); // still typed, if another checklist is chosen again
        edit->setObjectName(QStringLiteral("var_") + v.name);
        // Wide enough for a URL: a truncated endpoint is how a drill ends up pointed at live.
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(QLatin1Char('m')) * 26);
        connect(edit, &QLineEdit::textChanged, this, &DeclareIncidentDialog::updateOk);
        m_variablesForm->addRow(v.prompt + u':', edit);
        m_variableEdits.append({v.name, edit});
    }
    // The fields are made after the dialog's own: without this, Tab from DRILL went to the
    // buttons first and reached the variables in a drill by keyboard only after a detour.
    QWidget *previous = m_drill;
    for (const auto &[name, edit] : std::as_const(m_variableEdits)) {
        setTabOrder(previous, edit);
        previous = edit;
    }
    m_variablesBox->setVisible(!m_variableEdits.isEmpty());
    fillRoles();
    showHistory();
    updateOk();
}

QString DeclareIncidentDialog::whyNotDeclare() const
{
    if (!m_checklist)
        return tr("Not declared: the chosen checklist cannot be used (see above).");
    QStringList missing;
    if (m_title->text().trimmed().isEmpty())
        missing << tr("a title");
    if (m_commander->text().trimmed().isEmpty())
        missing << tr("the commander's name");
    for (int i = 0; i < m_variableEdits.size(); ++i) {
        const ChecklistVariable &v = m_checklist->variables.at(i);
        if (v.required && m_variableEdits.at(i).second->text().trimmed().isEmpty())
            missing << v.prompt;
    }
    if (!missing.isEmpty())
        return tr("Not declared yet: fill in %1.").arg(missing.join(tr(", ")));
    if (const QString room = roomProblem(); !room.isEmpty())
        return room;
    // What the session would refuse, said here while the text can still be corrected.
    return IncidentSession::declarationProblem(*m_checklist, declaration());
}

void DeclareIncidentDialog::updateOk()
{
    m_ok->setEnabled(whyNotDeclare().isEmpty());
    // A reason on show follows the fields: it named a fault already mended until the next Enter.
    if (m_guard)
        m_guard->refresh();
}

IncidentDeclaration DeclareIncidentDialog::declaration() const
{
    IncidentDeclaration d;
    d.title = m_title->text().trimmed();
    d.commander = m_commander->text().trimmed();
    d.mode = m_drill->isChecked() ? IncidentMode::Drill : IncidentMode::Live;
    for (const auto &[name, edit] : m_variableEdits)
        d.variables.insert(name, edit->text().trimmed());
    addRoom(d);
    return d;
}

} // namespace warroom
