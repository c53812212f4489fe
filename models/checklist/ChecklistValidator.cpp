#include "checklist/ChecklistValidator.h"

#include "checklist/AutomationReader.h"
#include "checklist/DependencyCycle.h"
#include "checklist/NameRule.h"
#include "checklist/RoomFormatReader.h"
#include "util/JsonWalker.h"
#include "util/OneLine.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <initializer_list>

namespace warroom {

namespace {

class Walker : public JsonWalker
{
public:
    Walker(QString fileName, Checklist &out, bool nameRules)
        : JsonWalker(std::move(fileName))
        , m_out(out)
        , m_nameRules(nameRules)
    {
        m_asRecorded = !nameRules;
    }

    Diagnostics run(const Json &root);

private:
    void checkName(const QString &text, const QString &path, const QString &what,
                   qsizetype most = Checklist::maxNameCharacters);
    void readRoles(const Json &root);
    void readVariables(const Json &root);
    void readSteps(const Json &root);
    void readStep(const Json &j, const QString &path, ChecklistStep &step);
    void readSchedule(const Json &j, const QString &path, ChecklistStep &step);
    void readItems(const Json &j, const QString &path, ChecklistStep &step);
    void readMilestones(const Json &root);
    void readItem(const Json &j, const QString &path, ChecklistItem &item);
    bool readKind(const Json &j, const QString &path, ChecklistItem &item, QString &kind);
    void readSections(const Json &j, const QString &path, ChecklistItem &item);
    void readOptions(const Json &j, const QString &path, ChecklistItem &item);
    void checkDependencies();
    void checkCycles();
    void checkVariableUse();
    void checkText(const QString &text, const QString &path);

    Checklist &m_out;
    bool m_nameRules = true; // off for a checklist recorded with an incident (ChecklistParser)
    QHash<QString, QString> m_stepPaths; // step id -> path of its first definition
    QSet<QString> m_roleIds;
    QList<QPair<QString, QString>> m_texts; // (path, text) that may reference variables
    AutomationReader m_automation{*this, m_texts};
};

Diagnostics Walker::run(const Json &root)
{
    if (!expectObject(root, QStringLiteral("$")))
        return m_diagnostics;
    const QString p = QStringLiteral("$");
    checkKeys(root, p,
              {"$schema", "format", "id", "title", "revision", "description", "roles", "variables",
               "steps", "milestones", "rotation_minutes"});

    if (const Json *format = member(root, "format", p, true)) {
        long long v = 0;
        if (!format->is_number_integer()) {
            error(QStringLiteral("$.format"),
                  QStringLiteral("expected an integer, found ") + jsonTypeName(*format));
        } else if (!integerInRange(*format, 1, Checklist::currentFormat, v)) {
            error(QStringLiteral("$.format"),
                  format->is_number_unsigned() || format->get<long long>() > 0
                      ? QStringLiteral("format %1 is newer than this version of warroom "
                                       "understands (%2); update warroom")
                            .arg(QString::fromStdString(format->dump()))
                            .arg(Checklist::currentFormat)
                      : QStringLiteral("format must be 1 or more"));
        } else {
            m_out.format = static_cast<int>(v);
        }
    }
    readId(root, "id", p, m_out.id);
    if (readString(root, "title", p, m_out.title, true))
        checkName(m_out.title, QStringLiteral("$.title"), QStringLiteral("a title"));
    // The revision is recorded with every incident that runs the checklist and printed in its
    // documents: one line, as a name (a line feed in it was taken until 2026-12-07).
    if (readString(root, "revision", p, m_out.revision, true))
        checkName(m_out.revision, QStringLiteral("$.revision"), QStringLiteral("a revision"));
    readString(root, "description", p, m_out.description, false, true);
    readRoles(root);
    readVariables(root);
    readSteps(root);
    readMilestones(root);
    RoomFormatReader(*this).read(root, m_out);
    checkDependencies();
    checkVariableUse();
    return m_diagnostics;
}

// A name is one line, and short enough to read where it is shown. The checklist's title names a
// drill declared without a scenario's ("Drill: " and the title), and an incident's title is one
// line without controls (IncidentSession::declare): a drill of this checklist would stop at its
// declaration instead of the file being refused here. A step's title, a role's and a milestone's
// label head the wall screen's panels and the chart's rows and lines: a step titled with 100,000
// characters took 21 s to export as a PDF, and one of 50,000 lines 2 min 32 s.
void Walker::checkName(const QString &text, const QString &path, const QString &what,
                       qsizetype most)
{
    const bool title = path == QLatin1String("$.title");
    if (!m_nameRules && !title) // recorded before these rules: read as it was
        return;
    // Only the checklist's title, which becomes a drill's incident title, is refused with a
    // bidirectional control; in a step's or role's name every display shows it.
    const QString problem = nameProblem(
        text, what, most, title ? OneLine::Bidi::Breaks : OneLine::Bidi::Kept, m_nameRules);
    if (!problem.isEmpty())
        error(path, problem);
}

void Walker::readRoles(const Json &root)
{
    const Json *roles = readArray(root, "roles", QStringLiteral("$"), false);
    if (!roles)
        return;
    QSet<QString> seen;
    for (std::size_t i = 0; i < roles->size(); ++i) {
        const QString path = QStringLiteral("$.roles[%1]").arg(i);
        const Json &j = (*roles)[i];
        if (!expectObject(j, path))
            continue;
        checkKeys(j, path, {"id", "title"});
        ChecklistRole role;
        readId(j, "id", path, role.id);
        if (readString(j, "title", path, role.title, true))
            checkName(role.title, path + QStringLiteral(".title"),
                      QStringLiteral("a role's title"));
        if (!role.id.isEmpty() && seen.contains(role.id))
            error(path + QStringLiteral(".id"),
                  QStringLiteral("duplicate role id ") + quoted(role.id));
        seen.insert(role.id);
        m_roleIds.insert(role.id);
        m_out.roles.append(role);
    }
}

void Walker::readVariables(const Json &root)
{
    const Json *vars = readArray(root, "variables", QStringLiteral("$"), false);
    if (!vars)
        return;
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}\\z"));
    QSet<QString> seen;
    for (std::size_t i = 0; i < vars->size(); ++i) {
        const QString path = QStringLiteral("$.variables[%1]").arg(i);
        const Json &j = (*vars)[i];
        if (!expectObject(j, path))
            continue;
        checkKeys(j, path, {"name", "prompt", "default", "required"});
        ChecklistVariable var;
        if (readString(j, "name", path, var.name, true) && !matchesWhole(namePattern, var.name)) {
            error(path + QStringLiteral(".name"),
                  quoted(var.name)
                      + QStringLiteral(" is not a valid variable name: use letters, digits and "
                                       "'_', starting with a letter or '_'"));
        }
        if (readString(j, "prompt", path, var.prompt, true)) // a label beside its field
            checkName(var.prompt, path + QStringLiteral(".prompt"),
                      QStringLiteral("a variable's prompt"));
        // A default is declared as it is unless someone types over it (IncidentSession).
        if (readString(j, "default", path, var.defaultValue, false, true))
            checkName(var.defaultValue, path + QStringLiteral(".default"),
                      QStringLiteral("a variable's default"), Checklist::maxValueCharacters);
        if (const Json *req = member(j, "required", path, false)) {
            if (req->is_boolean())
                var.required = req->get<bool>();
            else
                error(path + QStringLiteral(".required"),
                      QStringLiteral("expected a boolean, found ") + jsonTypeName(*req));
        }
        if (!var.name.isEmpty() && seen.contains(var.name))
            error(path + QStringLiteral(".name"),
                  QStringLiteral("duplicate variable ") + quoted(var.name));
        seen.insert(var.name);
        m_out.variables.append(var);
    }
}

void Walker::readSteps(const Json &root)
{
    const Json *steps = readArray(root, "steps", QStringLiteral("$"), true, Checklist::maxSteps);
    if (!steps)
        return;
    if (steps->empty()) {
        error(QStringLiteral("$.steps"), QStringLiteral("a checklist needs at least one step"));
        return;
    }
    for (std::size_t i = 0; i < steps->size(); ++i) {
        const QString path = QStringLiteral("$.steps[%1]").arg(i);
        ChecklistStep step;
        readStep((*steps)[i], path, step);
        if (!step.id.isEmpty()) {
            const auto first = m_stepPaths.constFind(step.id);
            if (first != m_stepPaths.cend()) {
                error(path + QStringLiteral(".id"),
                      QStringLiteral("duplicate step id ") + quoted(step.id)
                          + QStringLiteral(" (first defined at ") + *first + u')');
            } else {
                m_stepPaths.insert(step.id, path);
            }
        }
        m_out.steps.append(step);
    }
}

void Walker::readMilestones(const Json &root)
{
    const Json *milestones = readArray(root, "milestones", QStringLiteral("$"), false);
    if (!milestones)
        return;
    QSet<QString> seen;
    for (std::size_t i = 0; i < milestones->size(); ++i) {
        const QString path = QStringLiteral("$.milestones[%1]").arg(i);
        const Json &j = (*milestones)[i];
        if (!expectObject(j, path))
            continue;
        checkKeys(j, path, {"id", "label", "step", "when"});
        ChecklistMilestone m;
        readId(j, "id", path, m.id);
        if (readString(j, "label", path, m.label, true))
            checkName(m.label, path + QStringLiteral(".label"),
                      QStringLiteral("a milestone's label"));
        if (readString(j, "step", path, m.stepId, true) && !m_stepPaths.contains(m.stepId))
            error(path + QStringLiteral(".step"), QStringLiteral("unknown step ") + quoted(m.stepId)
                                                      + QStringLiteral(" (no step has this id)"));
        QString when;
        if (readString(j, "when", path, when, true)) {
            if (when == QLatin1String("started"))
                m.when = ChecklistMilestone::When::Started;
            else if (when == QLatin1String("done"))
                m.when = ChecklistMilestone::When::Done;
            else
                error(path + QStringLiteral(".when"),
                      QStringLiteral("unknown value ") + quoted(when)
                          + QStringLiteral(" (expected: started, done)"));
        }
        if (!m.id.isEmpty() && seen.contains(m.id))
            error(path + QStringLiteral(".id"),
                  QStringLiteral("duplicate milestone id ") + quoted(m.id));
        seen.insert(m.id);
        m_out.milestones.append(m);
    }
}

void Walker::readStep(const Json &j, const QString &path, ChecklistStep &step)
{
    if (!expectObject(j, path))
        return;
    checkKeys(j, path,
              {"id", "title", "guidance", "role", "expected_minutes", "depends_on", "items"});
    readId(j, "id", path, step.id);
    if (readString(j, "title", path, step.title, true)) {
        checkName(step.title, path + QStringLiteral(".title"), QStringLiteral("a step's title"));
        m_texts.append({path + QStringLiteral(".title"), step.title});
    }
    if (readString(j, "guidance", path, step.guidance, false, true))
        m_texts.append({path + QStringLiteral(".guidance"), step.guidance});
    if (readString(j, "role", path, step.role, false) && !m_out.roles.isEmpty()) {
        if (!m_roleIds.contains(step.role))
            error(path + QStringLiteral(".role"),
                  QStringLiteral("unknown role ") + quoted(step.role)
                      + QStringLiteral(" (declare it under $.roles)"));
    }
    readSchedule(j, path, step);
    readItems(j, path, step);
}

// When the step may start and how long it is expected to take.
void Walker::readSchedule(const Json &j, const QString &path, ChecklistStep &step)
{
    if (const Json *minutes = member(j, "expected_minutes", path, true)) {
        const QString p = path + QStringLiteral(".expected_minutes");
        if (!minutes->is_number()) {
            error(p, QStringLiteral("expected a number, found ") + jsonTypeName(*minutes));
        } else {
            const double v = minutes->get<double>();
            if (!(v > 0) || !std::isfinite(v) || v > 7 * 24 * 60)
                error(p, QStringLiteral("must be more than 0 and at most one week (10080)"));
            else
                step.expectedMinutes = v;
        }
    }
    if (const Json *deps = readArray(j, "depends_on", path, false)) {
        for (std::size_t d = 0; d < deps->size(); ++d) {
            const QString p = path + QStringLiteral(".depends_on[%1]").arg(d);
            if (!(*deps)[d].is_string()) {
                error(p, QStringLiteral("expected a step id string, found ")
                             + jsonTypeName((*deps)[d]));
                continue;
            }
            step.dependsOn << QString::fromStdString((*deps)[d].get<std::string>());
        }
    }
}

void Walker::readItems(const Json &j, const QString &path, ChecklistStep &step)
{
    const Json *items = readArray(j, "items", path, true, Checklist::maxItemsPerStep);
    if (!items)
        return;
    if (items->empty()) {
        error(path + QStringLiteral(".items"),
              QStringLiteral("a step needs at least one item, or the commander has nothing to "
                             "confirm"));
        return;
    }
    QSet<QString> seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const QString p = path + QStringLiteral(".items[%1]").arg(i);
        ChecklistItem item;
        readItem((*items)[i], p, item);
        if (!item.id.isEmpty() && seen.contains(item.id))
            error(p + QStringLiteral(".id"), QStringLiteral("duplicate item id ") + quoted(item.id)
                                                 + QStringLiteral(" in this step"));
        seen.insert(item.id);
        step.items.append(item);
    }
}

void Walker::readItem(const Json &j, const QString &path, ChecklistItem &item)
{
    if (!expectObject(j, path))
        return;
    checkKeys(j, path,
              {"id", "kind", "text", "detail", "options", "action", "check", "ramp", "poll",
               "defer_to"}); // poll and defer_to: RoomFormatReader
    readId(j, "id", path, item.id);
    QString kind = QStringLiteral("confirm");
    if (!readKind(j, path, item, kind))
        return;
    if (item.isAutomated() && m_out.format < 2)
        error(path + QStringLiteral(".kind"),
              QStringLiteral("item kind %1 needs \"format\": 2").arg(quoted(kind)));
    if (readString(j, "text", path, item.text, true))
        m_texts.append({path + QStringLiteral(".text"), item.text});
    if (readString(j, "detail", path, item.detail, false, true))
        m_texts.append({path + QStringLiteral(".detail"), item.detail});

    readSections(j, path, item);
    readOptions(j, path, item);
}

// False after an unknown kind: nothing else of the item is read then.
bool Walker::readKind(const Json &j, const QString &path, ChecklistItem &item, QString &kind)
{
    if (readString(j, "kind", path, kind, false)) {
        if (kind == QLatin1String("confirm")) {
            item.kind = ItemKind::Confirm;
        } else if (kind == QLatin1String("choice")) {
            item.kind = ItemKind::Choice;
        } else if (kind == QLatin1String("action")) {
            item.kind = ItemKind::Action;
        } else if (kind == QLatin1String("check")) {
            item.kind = ItemKind::Check;
        } else if (kind == QLatin1String("ramp")) {
            item.kind = ItemKind::Ramp;
        } else {
            error(path + QStringLiteral(".kind"),
                  QStringLiteral("unknown item kind ") + quoted(kind)
                      + QStringLiteral(" (known kinds: confirm, choice, action, check, ramp)"));
            return false;
        }
    }
    return true;
}

// Each automated kind has its own section, named like the kind; no other kind may have it.
void Walker::readSections(const Json &j, const QString &path, ChecklistItem &item)
{
    const QList<QPair<const char *, ItemKind>> sections
        = {{"action", ItemKind::Action}, {"check", ItemKind::Check}, {"ramp", ItemKind::Ramp}};
    for (const auto &[key, owner] : sections) {
        const Json *section = member(j, key, path, item.kind == owner);
        const QString sp = path + u'.' + QString::fromLatin1(key);
        if (section && item.kind != owner)
            error(sp,
                  QStringLiteral("only items of kind %1 have %1").arg(quoted(QLatin1String(key))));
        else if (section && owner == ItemKind::Action)
            m_automation.readAction(*section, sp, item.action);
        else if (section && owner == ItemKind::Check)
            m_automation.readCheck(*section, sp, item.check);
        else if (section && owner == ItemKind::Ramp)
            m_automation.readRamp(*section, sp, item.ramp);
    }
}

void Walker::readOptions(const Json &j, const QString &path, ChecklistItem &item)
{
    const Json *options = readArray(j, "options", path, item.kind == ItemKind::Choice);
    if (item.kind != ItemKind::Choice) {
        if (options)
            error(path + QStringLiteral(".options"),
                  QStringLiteral("only items of kind 'choice' have options"));
        return;
    }
    if (!options)
        return;
    if (options->size() < 2) {
        error(path + QStringLiteral(".options"),
              QStringLiteral("a choice needs at least two options"));
    }
    QSet<QString> seen;
    for (std::size_t i = 0; i < options->size(); ++i) {
        const QString p = path + QStringLiteral(".options[%1]").arg(i);
        const Json &o = (*options)[i];
        if (!expectObject(o, p))
            continue;
        checkKeys(o, p, {"value", "label"});
        ChoiceOption option;
        readId(o, "value", p, option.value);
        if (readString(o, "label", p, option.label, true))
            m_texts.append({p + QStringLiteral(".label"), option.label});
        if (!option.value.isEmpty() && seen.contains(option.value))
            error(p + QStringLiteral(".value"),
                  QStringLiteral("duplicate option value ") + quoted(option.value));
        seen.insert(option.value);
        item.options.append(option);
    }
}

void Walker::checkDependencies()
{
    const auto &steps = m_out.steps;
    for (int i = 0; i < steps.size(); ++i) {
        for (int d = 0; d < steps[i].dependsOn.size(); ++d) {
            const QString &target = steps[i].dependsOn[d];
            const QString p = QStringLiteral("$.steps[%1].depends_on[%2]").arg(i).arg(d);
            if (target == steps[i].id)
                error(p, QStringLiteral("step ") + quoted(target)
                             + QStringLiteral(" depends on itself"));
            else if (!m_stepPaths.contains(target))
                error(p, QStringLiteral("unknown step ") + quoted(target)
                             + QStringLiteral(" (no step has this id)"));
        }
    }
    checkCycles();
}

void Walker::checkCycles()
{
    const QStringList cycle = dependencyCycle(m_out.steps);
    if (cycle.isEmpty())
        return;
    error(m_stepPaths.value(cycle.constLast()) + QStringLiteral(".depends_on"),
          (cycle.size() > 12
               ? QStringLiteral("dependency cycle of %1 steps: ").arg(cycle.size() - 1)
               : QStringLiteral("dependency cycle: "))
              + cycle.join(QStringLiteral(" -> ")));
}

void Walker::checkVariableUse()
{
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([^}\\s]*)\\s*\\}\\}"));
    QSet<QString> declared;
    for (const ChecklistVariable &v : std::as_const(m_out.variables))
        declared.insert(v.name);
    for (const QString &b : builtinVariableNames())
        declared.insert(b);
    for (const QString &name : m_automation.extractedNames()) {
        if (declared.contains(name))
            error(QStringLiteral("$.steps"),
                  QStringLiteral("an action extracts {{%1}}, which is also a declared variable; "
                                 "rename one")
                      .arg(name));
        declared.insert(name);
    }
    for (const auto &[path, text] : std::as_const(m_texts)) {
        auto it = re.globalMatch(text);
        while (it.hasNext()) {
            const QString name = it.next().captured(1);
            if (!declared.contains(name))
                error(path, QStringLiteral("undefined variable {{") + name
                                + QStringLiteral("}} (declare it under $.variables)"));
        }
    }
}

} // namespace

Diagnostics ChecklistValidator::validate(const Json &root, const QString &fileName, Checklist &out,
                                         bool nameRules)
{
    return Walker(fileName, out, nameRules).run(root);
}

} // namespace warroom
