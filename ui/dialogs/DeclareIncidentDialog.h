#pragma once

#include "checklist/Checklist.h"
#include "history/ChecklistHistory.h"
#include "session/IncidentSession.h"

#include <QDialog>
#include <QMap>

#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace warroom {

class EnterKeyGuard;
class TimelineStore;

// Declares an incident: title, checklist, commander, LIVE or DRILL, and the checklist's
// variables. A checklist that does not parse shows its diagnostics here and cannot be used.
class DeclareIncidentDialog : public QDialog
{
    Q_OBJECT

public:
    // checklistPaths: files offered besides the built-in checklist (e.g. from --checklist).
    // store: when given, the chosen checklist's measured duration is shown under it.
    explicit DeclareIncidentDialog(const QStringList &checklistPaths, QWidget *parent = nullptr,
                                   const TimelineStore *store = nullptr);

    IncidentDeclaration declaration() const;
    const std::optional<Checklist> &checklist() const { return m_checklist; }

    static QString builtinChecklistPath();
    // Values that replace the checklist's defaults in every declaration dialog of this process
    // (`warroom --var NAME=VALUE`); a name the checklist does not declare is ignored.
    static void setPrefilledVariables(const QMap<QString, QString> &values);
    // What is missing before the incident can be declared (empty when nothing is); Enter on a
    // disabled Declare shows it in the dialog.
    QString whyNotDeclare() const;

private:
    void nameParts();
    QFormLayout *buildForm(QPushButton *browse);
    void loadChecklist(int index);
    void browse();
    void updateOk();
    void showHistory(); // DeclareIncidentHistory.cpp
    // DeclareIncidentRoom.cpp: who holds which role from the start, and when the impact started
    // and was detected (both optional, UTC).
    QWidget *buildRoomBox();
    void fillRoles();
    QString roomProblem() const;
    void addRoom(IncidentDeclaration &d) const;

public:
    // "2026-11-30 01:20Z", "2026-11-30T01:20:05Z" or "01:20" (today, UTC) as UTC ms since the
    // epoch; nullopt when it is none of these.
    static std::optional<qint64> parseUtcTime(const QString &text, qint64 nowUtcMs);

private:

    QLineEdit *m_title;
    QComboBox *m_checklistCombo;
    QLineEdit *m_commander;
    QRadioButton *m_live;
    QRadioButton *m_drill;
    QFormLayout *m_variablesForm;
    QWidget *m_variablesBox;
    QLabel *m_problems;
    QPushButton *m_ok;
    EnterKeyGuard *m_guard = nullptr;
    QList<QPair<QString, QLineEdit *>> m_variableEdits;
    // What was typed into a variable's field, by name: kept when another checklist is chosen,
    // whose variable of the same name starts with it instead of its default.
    QMap<QString, QString> m_typedVariables;
    std::optional<Checklist> m_checklist;
    const TimelineStore *m_store = nullptr;
    QLabel *m_history = nullptr;
    std::optional<QList<ChecklistHistory>> m_histories; // read once, when first shown
    QWidget *m_roomBox = nullptr;
    QFormLayout *m_rolesForm = nullptr;
    QLineEdit *m_impactStarted = nullptr;
    QLineEdit *m_detected = nullptr;
    struct RoleEdit
    {
        QString roleId;
        QLineEdit *person;
        QLineEdit *fallback;
    };
    QList<RoleEdit> m_roleEdits;
};

} // namespace warroom
