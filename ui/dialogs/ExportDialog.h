#pragma once

#include "report/PostmortemExporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTextBrowser;

namespace warroom {

class IncidentSession;

// File > Export postmortem: choose a format, a time slice and whether private notes go in, see a
// preview of the document, then save it.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const IncidentSession &session, QWidget *parent = nullptr);

    ExportFormat format() const;
    // Writes the export with the dialog's settings; the Save button asks for the path first.
    bool saveTo(const QString &path, QString *error);
    QString previewText() const;
    // Where the Save button wrote the export; empty until it has.
    const QString &savedPath() const { return m_savedPath; }

private:
    std::optional<ExportOptions> options(QString *problem) const;
    void updatePreview();
    void save();

    const IncidentSession &m_session;
    QComboBox *m_format;
    QCheckBox *m_private;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QLabel *m_problem;
    QTextBrowser *m_preview;
    QString m_savedPath;
};

} // namespace warroom
