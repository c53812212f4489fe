// The declare dialog's people and times: a person (and a fallback) for each of the checklist's
// roles, recorded as role.assigned events right after the declaration, and when the impact
// started and was detected, written into the declaration's payload (impact_started_at,
// detected_at) for the history and the plan sheet. All optional: an incident is declared first.
#include "ui/dialogs/DeclareIncidentDialog.h"

#include "engine/CrewState.h"
#include "util/TimeFormat.h"

#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTimeZone>

namespace warroom {

namespace {

// The keys the drill engineer's history and plan sheet read.
constexpr QLatin1StringView impactStartedKey{"impact_started_at"};
constexpr QLatin1StringView detectedKey{"detected_at"};

QLineEdit *timeEdit(const char *name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(DeclareIncidentDialog::tr("optional: 2026-11-30 01:20Z, or 01:20 "
                                                       "for today (UTC)"));
    return edit;
}

} // namespace

std::optional<qint64> DeclareIncidentDialog::parseUtcTime(const QString &text, qint64 nowUtcMs)
{
    QString t = text.trimmed();
    if (t.endsWith(u'Z') || t.endsWith(u'z'))
        t.chop(1);
    t.replace(u'T', u' ');
    for (const QString &format :
         {QStringLiteral("yyyy-MM-dd HH:mm:ss"), QStringLiteral("yyyy-MM-dd HH:mm")}) {
        QDateTime at = QDateTime::fromString(t, format);
        if (at.isValid()) {
            at.setTimeZone(QTimeZone::utc());
            return at.toMSecsSinceEpoch();
        }
    }
    for (const QString &format : {QStringLiteral("HH:mm:ss"), QStringLiteral("HH:mm")}) {
        const QTime time = QTime::fromString(t, format);
        if (time.isValid()) {
            const QDate today = QDateTime::fromMSecsSinceEpoch(nowUtcMs, QTimeZone::utc()).date();
            return QDateTime(today, time, QTimeZone::utc()).toMSecsSinceEpoch();
        }
    }
    return std::nullopt;
}

QWidget *DeclareIncidentDialog::buildRoomBox()
{
    auto *box = new QGroupBox(tr("People and times (optional; roles can change later)"), this);
    box->setObjectName(QStringLiteral("roomBox"));
    m_roomBox = box;
    m_impactStarted = timeEdit("impactStartedEdit", box);
    m_detected = timeEdit("detectedEdit", box);
    m_rolesForm = new QFormLayout(box);
    m_rolesForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_rolesForm->addRow(tr("&Impact started:"), m_impactStarted);
    m_rolesForm->addRow(tr("D&etected:"), m_detected);
    connect(m_impactStarted, &QLineEdit::textChanged, this, &DeclareIncidentDialog::updateOk);
    connect(m_detected, &QLineEdit::textChanged, this, &DeclareIncidentDialog::updateOk);
    return box;
}

void DeclareIncidentDialog::fillRoles()
{
    // Rows 0 and 1 are the two times; the roles follow, one row each, for this checklist.
    while (m_rolesForm->rowCount() > 2)
        m_rolesForm->removeRow(2);
    m_roleEdits.clear();
    QWidget *previous = m_variableEdits.isEmpty() ? static_cast<QWidget *>(m_drill)
                                                  : m_variableEdits.constLast().second;
    setTabOrder(previous, m_impactStarted);
    setTabOrder(m_impactStarted, m_detected);
    previous = m_detected;
    if (!m_checklist)
        return;
    for (const ChecklistRole &role : m_checklist->roles) {
        // The commander is the declaration's own field; it changes only by a handover.
        if (role.id == commanderRoleId)
            continue;
        auto *person = new QLineEdit(m_roomBox);
        person->setObjectName(QStringLiteral("role_") + role.id);
        person->setPlaceholderText(tr("name"));
        auto *fallback = new QLineEdit(m_roomBox);
        fallback->setObjectName(QStringLiteral("fallback_") + role.id);
        fallback->setPlaceholderText(tr("fallback (optional)"));
        auto *row = new QHBoxLayout;
        row->addWidget(person, 3);
        row->addWidget(fallback, 2);
        m_rolesForm->addRow(role.title + u':', row);
        connect(person, &QLineEdit::textChanged, this, &DeclareIncidentDialog::updateOk);
        connect(fallback, &QLineEdit::textChanged, this, &DeclareIncidentDialog::updateOk);
        setTabOrder(previous, person);
        setTabOrder(person, fallback);
        previous = fallback;
        m_roleEdits.append({role.id, person, fallback});
    }
}

QString DeclareIncidentDialog::roomProblem() const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::optional<qint64> times[2];
    const QLineEdit *edits[2] = {m_impactStarted, m_detected};
    const QString names[2] = {tr("the impact's start"), tr("the detection time")};
    for (int i = 0; i < 2; ++i) {
        if (edits[i]->text().trimmed().isEmpty())
            continue;
        times[i] = parseUtcTime(edits[i]->text(), now);
        if (!times[i])
            return tr("Not declared yet: write %1 as 2026-11-30 01:20Z, or 01:20 for today "
                      "(UTC), or leave it empty.")
                .arg(names[i]);
        if (*times[i] > now + 60'000)
            return tr("Not declared yet: %1 (%2) is in the future.")
                .arg(names[i], formatUtc(*times[i]));
    }
    if (times[0] && times[1] && *times[1] < *times[0])
        return tr("Not declared yet: the impact was detected (%1) before it started (%2).")
            .arg(formatUtc(*times[1]), formatUtc(*times[0]));
    for (const RoleEdit &r : m_roleEdits)
        if (r.person->text().trimmed().isEmpty() && !r.fallback->text().trimmed().isEmpty())
            return tr("Not declared yet: %1 has a fallback but nobody holding it.")
                .arg(m_checklist->roleTitle(r.roleId));
    return {};
}

void DeclareIncidentDialog::addRoom(IncidentDeclaration &d) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const auto at = parseUtcTime(m_impactStarted->text(), now))
        d.extraPayload.insert(impactStartedKey, formatUtc(*at));
    if (const auto at = parseUtcTime(m_detected->text(), now))
        d.extraPayload.insert(detectedKey, formatUtc(*at));
    for (const RoleEdit &r : m_roleEdits)
        if (const QString person = r.person->text().trimmed(); !person.isEmpty())
            d.roles.append({r.roleId, person, r.fallback->text().trimmed()});
}

} // namespace warroom
