#include "FacilitatedDrill.h"

#include "ui/actions/FacilitationActions.h"
#include "ui/facilitation/FacilitatorWindow.h"
#include "ui/main/MainWindow.h"

#include "store/TimelineStore.h"
#include "util/TimeFormat.h"

#include <QFile>
#include <QTest>

namespace warroom::test {

FacilitatedDrill::FacilitatedDrill()
    : m_store(std::make_unique<TimelineStore>())
{
    const QString db = m_dir.filePath(
        QStringLiteral("facil-%1.db").arg(QString::fromUtf8(QTest::currentTestFunction())));
    if (!m_store->open(db, &m_error))
        return;
    m_console = std::make_unique<MainWindow>(*m_store, QStringList{});
    m_actions = new FacilitationActions(*m_console, {});
    m_console->show();
}

FacilitatedDrill::~FacilitatedDrill()
{
    m_console.reset(); // takes the actions and the facilitator's window with it
    m_store.reset();
}

QString FacilitatedDrill::writeScenario(const QByteArray &deadline, const QByteArray &commander,
                                        const QByteArray &injects, const QByteArray &expect)
{
    const QByteArray named
        = commander.isEmpty() ? QByteArray() : R"("commander": ")" + commander + R"(", )";
    const QByteArray json
        = R"({"scenario": 1, "id": "facil", "title": "Facilitated drill", )" + named + R"(
        "objectives": ["Hear the inject"], "checklist": ")"
          + QByteArray(WARROOM_CHECKLISTS) + R"(/rollback-eight-step.json",
        "backend": {"kind": "external"}, "drill_speed": 1, "deadline": ")"
          + deadline + R"(",
        "injects": )"
          + (injects.isEmpty() ? R"([
          {"id": "hello", "at": "T+1:00:00", "message": "Support reports checkout errors.", "to": "comms"},
          {"id": "later", "at": "T+2:00:00", "message": "The status page is stale."}
        ])"
                               : injects)
          + R"(,
        "expect": )"
          + (expect.isEmpty()
                 ? QByteArray(R"([{"id": "scope-soon", "step": "scope", "done_by": "T+0:30:00"}])")
                 : expect)
          + R"(,
        "capabilities": [{"id": "scope-and-class", "name": "Scope the incident and its class",
                          "steps": ["scope", "execute"]}]})";
    const QString path = m_dir.filePath(QStringLiteral("facil.json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size())
        return {};
    return path;
}

bool FacilitatedDrill::start(const QByteArray &deadline)
{
    const QString path = writeScenario(deadline);
    if (path.isEmpty())
        return false;
    QString error;
    if (!m_actions->startDrill(path, QStringLiteral("Mara Quinn"), &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    m_window = m_actions->showFacilitator();
    m_window->activateWindow();
    return QTest::qWaitForWindowActive(m_window);
}

qint64 clockMs(const QString &text)
{
    return parseElapsed(text.section(u' ', 0, 0)).value_or(-1);
}

} // namespace warroom::test
