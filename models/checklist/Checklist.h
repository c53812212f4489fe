#pragma once

#include "checklist/Automation.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace warroom {

enum class ItemKind {
    Confirm, // open-loop: a person checks and confirms
    Choice,  // a person picks one of the listed options (e.g. the rollback class)
    Action,  // sends a request (and may poll a job); done when it succeeds
    Check,   // closed-loop: done when a measured value passes its threshold
    Ramp,    // shifts traffic back in stages, holding and checking at each
};

QString itemKindName(ItemKind kind);

struct ChoiceOption
{
    QString value;
    QString label;
};

struct ChecklistItem
{
    QString id;
    ItemKind kind = ItemKind::Confirm;
    QString text;
    QString detail; // Markdown, optional
    QList<ChoiceOption> options;
    ActionSpec action; // for Action
    CheckSpec check;   // for Check
    RampSpec ramp;     // for Ramp
    // Format 3. The roles polled GO / NO-GO, in this order, before the item may be resolved (an
    // irreversible action, a committing step): every one must say GO in the current poll.
    QStringList poll;
    // Format 3. Where the item comes back when deferred: a later step's id, or followUpsTarget.
    // Empty: the person deferring chooses.
    QString deferTo;

    const ChoiceOption *option(const QString &value) const;
    // Done by what the app does and measures rather than by a person's word alone.
    bool isAutomated() const
    {
        return kind == ItemKind::Action || kind == ItemKind::Check || kind == ItemKind::Ramp;
    }
};

struct ChecklistStep
{
    QString id;
    QString title;
    QString guidance; // Markdown
    QString role;
    double expectedMinutes = 0;
    QStringList dependsOn;
    QList<ChecklistItem> items;

    int itemIndex(const QString &itemId) const;
};

struct ChecklistVariable
{
    QString name;
    QString prompt;
    QString defaultValue;
    bool required = true;
};

struct ChecklistRole
{
    QString id;
    QString title;
};

// A moment worth marking on the timeline and the Gantt chart: "rollback start" when a step starts,
// "rollback complete" when one is done. The postmortem measures trigger-to-healthy between them.
struct ChecklistMilestone
{
    enum class When { Started, Done };
    QString id;
    QString label;
    QString stepId;
    When when = When::Started;
};

// A parsed, validated checklist. Instances only come out of ChecklistParser, so code that holds
// one may rely on ids being unique, dependencies existing and being acyclic, and every
// {{variable}} being declared.
struct Checklist
{
    // 2: action, check and ramp items; 3: polls, deferral targets and the commander rotation.
    static constexpr int currentFormat = 3;
    static constexpr int defaultRotationMinutes = 180;
    // The longest title of the checklist, a step or a role, or a milestone's label, in characters:
    // a name read on the wall and in the chart (the shipped checklist's longest is 61).
    static constexpr int maxNameCharacters = 200;
    // A checklist of 22,008 steps validated, and every screen, drill and export of it then
    // crawled. The shipped one has 8 steps of at most 6 items; these leave room to spare (200
    // steps is the chart's benchmark, bench_gantt).
    static constexpr std::size_t maxSteps = 200;
    static constexpr std::size_t maxItemsPerStep = 50;
    // The longest value a variable may have (its default, or as declared), in characters.
    static constexpr int maxValueCharacters = 1000;

    int format = currentFormat;
    QString id;
    QString title;
    QString revision;
    QString description;
    QList<ChecklistRole> roles;
    QList<ChecklistVariable> variables;
    QList<ChecklistStep> steps;
    QList<ChecklistMilestone> milestones;
    // After this long in command, the console suggests a handover (never blocks).
    int rotationMinutes = defaultRotationMinutes;

    QByteArray source;       // the exact bytes parsed, kept as the copy "as run"
    QByteArray sourceSha256; // hex digest of source

    int stepIndex(const QString &stepId) const;
    const ChecklistStep *step(const QString &stepId) const;
    QString roleTitle(const QString &roleId) const;
};

// The deferral target that is no step: the follow-ups that outlive the incident (shown with the
// last step, and in the postmortem's action items when still open at close).
inline constexpr QLatin1StringView followUpsTarget{"follow-ups"};

// Names a checklist may use without declaring them: facts of the incident itself.
QStringList builtinVariableNames();

// Replaces {{name}} with values[name]; unknown names are left visible rather than dropped, so a
// gap shows on screen instead of silently vanishing.
QString expandVariables(const QString &text, const QMap<QString, QString> &values);

// A name as shown (a step's title with its variables filled in): at most shownNameCharacters,
// cut with an ellipsis, its line breaks shown as spaces. A file's names are one short line
// (Checklist::maxNameCharacters), but a variable's value may hold 1,000 characters, an extracted
// one anything, and a checklist recorded by an older build any name: a step titled with 100,000
// characters took 21 s to export as a PDF, one of 50,000 lines 2 min 32 s.
inline constexpr qsizetype shownNameCharacters = 300;
QString expandName(const QString &text, const QMap<QString, QString> &values);

} // namespace warroom
