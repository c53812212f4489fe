#include "support/GanttStory.h"

#include "gantt/GanttBuilder.h"
#include "gantt/SchedulePlanner.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

namespace warroom::test {

GanttGeometry ganttStory()
{
    static const Checklist checklist = parallelChecklist();
    static const QMap<QString, QString> vars{{s("service"), s("api")}};
    const QString ic = QStringLiteral("ic");
    TestTimeline t(checklist);
    ChecklistEngine &e = t.engine();
    t.commit(e.planConfirmItem(s("a"), s("a1"), ic), 0);
    t.commit(e.planConfirmItem(s("a"), s("a2"), ic, s("x")), 60'000);
    t.commit(e.planConfirmItem(s("b"), s("b1"), ic), 70'000);
    t.commit(e.planStartStep(s("c"), ic), 80'000);
    t.commit(e.planConfirmItem(s("c"), s("c1"), ic), 400'000);
    t.commit(e.planStartStep(s("d"), ic, s("override")), 420'000);
    return GanttBuilder(checklist, vars, SchedulePlanner::plan(checklist))
        .build(t.events(), 500'000, 0);
}

} // namespace warroom::test
