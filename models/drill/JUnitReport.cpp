#include "drill/JUnitReport.h"

#include "util/TimeFormat.h"

#include <QDateTime>
#include <QXmlStreamWriter>

namespace warroom {

namespace {

QString seconds(qint64 ms)
{
    return QString::number(double(std::max<qint64>(ms, 0)) / 1000.0, 'f', 3);
}

void property(QXmlStreamWriter &w, const QString &name, const QString &value)
{
    w.writeStartElement(QStringLiteral("property"));
    w.writeAttribute(QStringLiteral("name"), name);
    w.writeAttribute(QStringLiteral("value"), value);
    w.writeEndElement();
}

void properties(QXmlStreamWriter &w, const DrillResult &r)
{
    w.writeStartElement(QStringLiteral("properties"));
    property(w, QStringLiteral("incident.id"), QString::number(r.incidentId));
    property(w, QStringLiteral("incident.uuid"), r.incidentUuid);
    property(w, QStringLiteral("database"), r.databasePath);
    property(w, QStringLiteral("checklist.id"), r.checklistId);
    property(w, QStringLiteral("checklist.revision"), r.checklistRevision);
    property(w, QStringLiteral("scenario"),
             r.scenarioFile.isEmpty() ? r.scenarioId : r.scenarioFile);
    property(w, QStringLiteral("backend"), r.backend);
    property(w, QStringLiteral("drill.speed"), QString::number(r.speed));
    property(w, QStringLiteral("drill.clock"), formatElapsed(r.drillMs));
    property(w, QStringLiteral("drill.outcome"), r.outcome);
    if (!r.stopReason.isEmpty())
        property(w, QStringLiteral("drill.stop_reason"), r.stopReason);
    for (qsizetype i = 0; i < r.injects.size(); ++i)
        property(w, QStringLiteral("inject.%1").arg(i + 1), r.injects.at(i));
    w.writeEndElement();
}

void stepCase(QXmlStreamWriter &w, const DrillResult &r, const DrillStepResult &s)
{
    w.writeStartElement(QStringLiteral("testcase"));
    w.writeAttribute(QStringLiteral("classname"),
                     QStringLiteral("drill.%1.steps").arg(r.checklistId));
    w.writeAttribute(QStringLiteral("name"),
                     QStringLiteral("step %1 %2: %3").arg(s.number).arg(s.id, s.title));
    w.writeAttribute(QStringLiteral("time"), seconds(s.wallMs));
    if (!s.failure.isEmpty()) {
        w.writeStartElement(QStringLiteral("failure"));
        w.writeAttribute(QStringLiteral("type"), s.outcomeUnknown ? QStringLiteral("OutcomeUnknown")
                                                                  : QStringLiteral("StepFailed"));
        w.writeAttribute(QStringLiteral("message"), s.failure);
        w.writeCharacters(s.failure);
        w.writeEndElement();
    } else if (!s.notReached.isEmpty()) {
        w.writeStartElement(QStringLiteral("skipped"));
        w.writeAttribute(QStringLiteral("message"), s.notReached);
        w.writeEndElement();
    }
    QString out = QStringLiteral("state %1").arg(s.state);
    if (s.startedDrillMs >= 0)
        out += QStringLiteral("; started %1").arg(formatElapsed(s.startedDrillMs));
    if (s.endedDrillMs >= 0)
        out += QStringLiteral("; ended %1").arg(formatElapsed(s.endedDrillMs));
    out += QStringLiteral(" (drill clock, \u00D7%1)").arg(r.speed);
    if (!s.note.isEmpty())
        out += QStringLiteral("\n") + s.note;
    w.writeTextElement(QStringLiteral("system-out"), out);
    w.writeEndElement();
}

void expectationCase(QXmlStreamWriter &w, const DrillResult &r, const DrillExpectationResult &e)
{
    w.writeStartElement(QStringLiteral("testcase"));
    w.writeAttribute(QStringLiteral("classname"),
                     QStringLiteral("drill.%1.expectations").arg(r.checklistId));
    w.writeAttribute(QStringLiteral("name"),
                     QStringLiteral("expect %1: %2").arg(e.id, e.description));
    w.writeAttribute(QStringLiteral("time"), QStringLiteral("0.000"));
    if (!e.passed) {
        w.writeStartElement(QStringLiteral("failure"));
        w.writeAttribute(QStringLiteral("type"), QStringLiteral("ExpectationMissed"));
        w.writeAttribute(QStringLiteral("message"), e.message);
        w.writeCharacters(QStringLiteral("%1\nmeasured: %2\nthreshold: %3")
                              .arg(e.message, e.measured, e.threshold));
        w.writeEndElement();
    }
    w.writeTextElement(QStringLiteral("system-out"),
                       QStringLiteral("measured: %1; threshold: %2").arg(e.measured, e.threshold));
    w.writeEndElement();
}

void problemCase(QXmlStreamWriter &w, const DrillResult &r, int index, const QString &problem)
{
    w.writeStartElement(QStringLiteral("testcase"));
    w.writeAttribute(QStringLiteral("classname"),
                     QStringLiteral("drill.%1.run").arg(r.checklistId));
    w.writeAttribute(QStringLiteral("name"), QStringLiteral("drill problem %1").arg(index));
    w.writeAttribute(QStringLiteral("time"), QStringLiteral("0.000"));
    w.writeStartElement(QStringLiteral("error"));
    w.writeAttribute(QStringLiteral("type"), QStringLiteral("DrillProblem"));
    w.writeAttribute(QStringLiteral("message"), problem);
    w.writeEndElement();
    w.writeEndElement();
}

} // namespace

QByteArray JUnitReport::render(const DrillResult &r, qint64 startedUtcMs)
{
    int failures = 0;
    int skipped = 0;
    for (const DrillStepResult &s : r.steps) {
        failures += s.failure.isEmpty() ? 0 : 1;
        skipped += s.failure.isEmpty() && !s.notReached.isEmpty() ? 1 : 0;
    }
    for (const DrillExpectationResult &e : r.expectations)
        failures += e.passed ? 0 : 1;
    const int errors = static_cast<int>(r.problems.size());
    const QString tests = QString::number(r.steps.size() + r.expectations.size() + errors);
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("testsuites"));
    w.writeAttribute(QStringLiteral("name"), QStringLiteral("warroom drill"));
    w.writeAttribute(QStringLiteral("tests"), tests);
    w.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    w.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    w.writeAttribute(QStringLiteral("time"), seconds(r.wallMs));
    w.writeStartElement(QStringLiteral("testsuite"));
    w.writeAttribute(QStringLiteral("name"),
                     QStringLiteral("drill %1: %2").arg(r.scenarioId, r.checklistTitle));
    w.writeAttribute(QStringLiteral("tests"), tests);
    w.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    w.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    w.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
    w.writeAttribute(QStringLiteral("time"), seconds(r.wallMs));
    w.writeAttribute(QStringLiteral("timestamp"),
                     QDateTime::fromMSecsSinceEpoch(startedUtcMs, Qt::UTC).toString(Qt::ISODate));
    w.writeAttribute(QStringLiteral("hostname"), QStringLiteral("localhost"));
    properties(w, r);
    for (const DrillStepResult &s : r.steps)
        stepCase(w, r, s);
    for (const DrillExpectationResult &e : r.expectations)
        expectationCase(w, r, e);
    for (qsizetype i = 0; i < r.problems.size(); ++i)
        problemCase(w, r, static_cast<int>(i + 1), r.problems.at(i));
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return xml;
}

} // namespace warroom
