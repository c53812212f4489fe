#pragma once

// The incident the export and tamper suites read: a whole drill of the shipped checklist on a
// fixed clock, so its exports are byte for byte the golden files in tests/data/export.

#include "report/PostmortemReport.h"
#include "store/TimelineStore.h"

#include <QTemporaryDir>
#include <QtGlobal>

namespace warroom::test {

inline constexpr qint64 t0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
inline constexpr qint64 minute = 60'000;
inline constexpr qint64 day = 24 * 60 * minute;

// The drill, with a private note, an override and text that tests every format's escaping,
// declared and closed in `store`; returns its id.
qint64 scriptedIncident(TimelineStore &store);
// Its postmortem as generated an hour after it began, with `options` otherwise.
PostmortemReport scriptedReport(const TimelineStore &store, qint64 id,
                                const ExportOptions &options = {});

// A base for the suites' test classes (beside QObject) that read the drill: their initTestCase()
// calls QVERIFY(declareScriptedIncident(...)).
class ScriptedIncidentFixture
{
protected:
    // Opens m_store as `file` in m_dir and declares the drill into m_id; false, with a warning
    // saying why, when the store does not open (the drill itself stops the test if refused).
    bool declareScriptedIncident(const QString &file)
    {
        QString error;
        if (!m_store.open(m_dir.filePath(file), &error)) {
            qWarning("%s: %s", qPrintable(file), qPrintable(error));
            return false;
        }
        m_id = scriptedIncident(m_store);
        return true;
    }
    PostmortemReport report(const ExportOptions &options = {}) const
    {
        return scriptedReport(m_store, m_id, options);
    }

    QTemporaryDir m_dir;
    TimelineStore m_store;
    qint64 m_id = 0;
};

} // namespace warroom::test
