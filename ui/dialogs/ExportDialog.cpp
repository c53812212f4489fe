#include "ui/dialogs/ExportDialog.h"

#include "report/ReportChart.h"
#include "report/formats/HtmlExport.h"
#include "session/IncidentSession.h"
#include "util/TimeFormat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>

namespace warroom {

namespace {

// The preview's links, in the window's light blue: the default dark blue was unreadable on its
// dark ground. One colour for the palette, the HTML's style sheet and the Markdown's links.
QColor linkColour()
{
    return QColor(0x7f, 0xb8, 0xff);
}

} // namespace

ExportDialog::ExportDialog(const IncidentSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_format(new QComboBox(this))
    , m_private(new QCheckBox(tr("Include private notes"), this))
    , m_from(new QLineEdit(this))
    , m_to(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_preview(new QTextBrowser(this))
{
    setWindowTitle(tr("Export postmortem"));
    setObjectName(QStringLiteral("exportDialog"));
    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_format->addItem(tr("Markdown (postmortem template)"), int(ExportFormat::Markdown));
    m_format->addItem(tr("HTML (one self-contained file)"), int(ExportFormat::Html));
    m_format->addItem(tr("PDF"), int(ExportFormat::Pdf));
    m_format->addItem(tr("JSON (everything, verifiable)"), int(ExportFormat::Json));
    m_format->addItem(tr("CSV (timeline)"), int(ExportFormat::Csv));
    m_format->addItem(tr("CDEvents (CloudEvents batch, for CD tooling)"),
                      int(ExportFormat::CdEvents));
    m_private->setObjectName(QStringLiteral("includePrivate"));
    m_from->setObjectName(QStringLiteral("fromEdit"));
    m_to->setObjectName(QStringLiteral("toEdit"));
    m_from->setPlaceholderText(tr("from the declaration (or T+0:10:00)"));
    m_to->setPlaceholderText(tr("to the end (or T+0:45:00)"));
    if (session.screenClock().isDrillClock()) {
        // The documents, and so their window, are on real time; the console says a drill's T+
        // on its clock. Said here, so a T+ copied from the header does not pick the wrong rows.
        m_from->setPlaceholderText(tr("from the declaration (or real time: T+0:00:30)"));
        m_to->setPlaceholderText(tr("to the end (or real time: T+0:01:00)"));
        const QString tip = tr("Real time since the declaration, as the postmortem counts it, "
                               "not the drill clock: the timeline's T+ tooltip gives both.");
        m_from->setToolTip(tip);
        m_to->setToolTip(tip);
    }
    m_problem->setObjectName(QStringLiteral("refusal"));
    m_problem->hide();
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_preview->setOpenExternalLinks(false);
    QPalette palette = m_preview->palette();
    palette.setColor(QPalette::Link, linkColour());
    m_preview->setPalette(palette);
    m_preview->document()->setDefaultStyleSheet(
        QStringLiteral("a { color: %1; }").arg(linkColour().name()));

    auto *slice = new QHBoxLayout;
    slice->addWidget(m_from);
    slice->addWidget(new QLabel(tr("to"), this));
    slice->addWidget(m_to);
    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("Time slice:"), slice);
    form->addRow(QString(), m_private);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    QPushButton *saveButton = buttons->button(QDialogButtonBox::Save);
    saveButton->setText(tr("&Save\u2026"));
    saveButton->setObjectName(QStringLiteral("saveButton"));
    // Enter saves; a slice that does not parse is said in the dialog before any file is asked for.
    saveButton->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(new QLabel(tr("Preview:"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);
    resize(1000, 760);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updatePreview);
    connect(m_private, &QCheckBox::toggled, this, &ExportDialog::updatePreview);
    connect(m_from, &QLineEdit::editingFinished, this, &ExportDialog::updatePreview);
    connect(m_to, &QLineEdit::editingFinished, this, &ExportDialog::updatePreview);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updatePreview();
}

ExportFormat ExportDialog::format() const
{
    return static_cast<ExportFormat>(m_format->currentData().toInt());
}

std::optional<ExportOptions> ExportDialog::options(QString *problem) const
{
    ExportOptions o;
    o.includePrivateNotes = m_private->isChecked();
    o.generatedUtcMs = QDateTime::currentMSecsSinceEpoch();
    for (const auto &[edit, target] : {std::pair{m_from, &o.fromMs}, std::pair{m_to, &o.toMs}}) {
        if (edit->text().trimmed().isEmpty())
            continue;
        *target = parseElapsed(edit->text());
        if (!*target) {
            *problem = tr("'%1' is not a time since the declaration: write T+0:10:00, 10:00 or 10 "
                          "(minutes).")
                           .arg(edit->text());
            return std::nullopt;
        }
    }
    if (o.fromMs && o.toMs && *o.fromMs > *o.toMs) {
        *problem = tr("The slice starts after it ends.");
        return std::nullopt;
    }
    return o;
}

namespace {

// Qt's Markdown reader colours links with the application palette's dark blue, whatever the
// widget's palette: unreadable on the preview's dark ground.
void lightenLinks(QTextDocument &doc)
{
    QTextCharFormat light;
    light.setForeground(linkColour());
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (!f.charFormat().isAnchor())
                continue;
            QTextCursor c(&doc);
            c.setPosition(f.position());
            c.setPosition(f.position() + f.length(), QTextCursor::KeepAnchor);
            c.mergeCharFormat(light);
        }
    }
}

} // namespace

void ExportDialog::updatePreview()
{
    QString problem;
    const auto o = options(&problem);
    m_problem->setText(problem);
    m_problem->setVisible(!o);
    if (!o)
        return;
    const PostmortemReport report = PostmortemReport::build(
        m_session.incident(), m_session.checklist(), m_session.events(), *o);
    switch (format()) {
    case ExportFormat::Markdown:
        m_preview->setMarkdown(QString::fromUtf8(PostmortemExporter::render(report, format())));
        lightenLinks(*m_preview->document());
        break;
    case ExportFormat::Html:
    case ExportFormat::Pdf:
        // The chart as an image where the document keeps its place (it showed as a broken image).
        if (!report.gantt.rows.isEmpty()) {
            QFont font = m_preview->font();
            font.setPointSizeF(8.5);
            const int width = std::max(480, m_preview->viewport()->width() - 24);
            const ReportChart chart
                = ReportChart::ofPostmortem(ReportChart::postmortem(report), font);
            // A chart taller than a few screens (step names of thousands of lines) is left out
            // of the preview rather than drawn on the window's thread; the file has it.
            if (chart.heightFor(width, m_preview) <= 4 * m_preview->screen()->size().height())
                m_preview->document()->addResource(QTextDocument::ImageResource,
                                                   QUrl(HtmlExport::chartPlaceholder()),
                                                   chart.image(width, logicalDpiX()));
        }
        m_preview->setHtml(HtmlExport::write(report, HtmlExport::Flavour::TextDocument));
        break;
    case ExportFormat::Json:
    case ExportFormat::Csv:
    case ExportFormat::CdEvents:
        m_preview->setPlainText(QString::fromUtf8(PostmortemExporter::render(report, format())));
        break;
    }
}

QString ExportDialog::previewText() const
{
    return m_preview->toPlainText();
}

bool ExportDialog::saveTo(const QString &path, QString *error)
{
    auto o = options(error);
    if (!o)
        return false;
    const PostmortemReport report = PostmortemReport::build(
        m_session.incident(), m_session.checklist(), m_session.events(), *o);
    return PostmortemExporter::write(report, format(), path, error);
}

void ExportDialog::save()
{
    // The slice checked, not the preview built again: that took two seconds on a long incident
    // before the file dialog came (the file is made from the options, not from the preview).
    QString problem;
    const bool valid = options(&problem).has_value();
    m_problem->setText(problem);
    m_problem->setVisible(!valid);
    if (!valid)
        return;
    // CDEvents are JSON: "…-cdevents.json", which any JSON tool opens.
    const bool cdevents = format() == ExportFormat::CdEvents;
    const QString suffix = cdevents ? QStringLiteral("json") : exportFormatSuffix(format());
    QString name = m_session.incident().title.toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    name.remove(QRegularExpression(QStringLiteral("^-|-$"))); // "(trouble drill)" left "--"
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save postmortem"),
        name + (cdevents ? QStringLiteral("-cdevents.") : QStringLiteral("-postmortem.")) + suffix,
        QStringLiteral("*.") + suffix);
    if (path.isEmpty())
        return;
    QString error;
    if (!saveTo(path, &error)) {
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    m_savedPath = path;
    accept();
}

} // namespace warroom
