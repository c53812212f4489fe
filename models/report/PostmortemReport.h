#pragma once

#include "chain/ChainVerifier.h"
#include "checklist/Checklist.h"
#include "gantt/GanttGeometry.h"
#include "report/KeyMoments.h"
#include "report/PostmortemRoom.h"
#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

#include <QRectF>
#include <QSet>

#include <future>
#include <optional>

namespace warroom {

struct ExportOptions
{
    std::optional<qint64> fromMs; // a slice of the timeline, in ms since the declaration
    std::optional<qint64> toMs;
    bool includePrivateNotes = false;
    // Markdown, HTML and PDF fold a run's job polls and check samples into one row; this lists
    // every one of them instead. JSON and CSV always keep every event.
    bool allEvents = false;
    // What the report is built for. Document (Markdown, HTML, PDF): everything. Data (JSON, CSV,
    // CDEvents, a history's facts): no folded rows, key moments, audit evidence or chart, which
    // none of those writes: the evidence and the chart alone were 16 of the 61 ms of a
    // 100,000-event JSON export's report.
    // JSON and CSV make each event's row as they write it (TimelineRows).
    enum class Parts { Document, Data };
    Parts parts = Parts::Document;
    qint64 generatedUtcMs = 0; // when the export was made; injectable for golden files
};

// Everything a postmortem export says, computed once from the incident, its checklist as run and
// its timeline; the writers for each format only lay it out.
struct PostmortemReport
{
    struct TimelineRow
    {
        qint64 seq = 0;
        qint64 utcMs = 0;
        qint64 elapsedMs = 0;
        QString actor;
        int stepNumber = 0; // 0 for incident-level events
        QString kind;
        QString text;
        bool isOverride = false;
        int folded = 0; // > 0: this row stands for that many routine events of one run
    };
    // A line of "Key moments": what went wrong or went against the checklist, and when.
    struct KeyMomentRow
    {
        qint64 seq = 0;
        qint64 elapsedMs = 0;
        QString actor;
        KeyMoment kind = KeyMoment::None;
        QString text;
    };
    // Everyone who acted; the checklist's roles, handovers and polls add to this.
    struct Person
    {
        QString name;
        int eventsSigned = 0;
        QStringList secondPersonFor; // the irreversible actions this person looked at
        // The roles this person held, and those they were the fallback for (titles): a role
        // holder may sign nothing ("whoever took a role"), and was left out of People then.
        QStringList held;
        QStringList fallbackFor;
    };
    struct StepRow
    {
        int number = 0;
        QString id;
        QString title;
        QString role;
        QString state;
        qint64 plannedMs = 0;
        qint64 actualMs = -1; // -1: never started
        qint64 startedMs = -1;
        qint64 endedMs = -1;
        bool critical = false;
        QStringList confirmedBy;
        QStringList overrides; // reasons, one per override or skip
        // How a step "done" was done when not every item was done by the book ("2 items
        // skipped, 1 confirmed by hand"): the documents say it beside the state.
        QString stateNote;
        QString stateText() const
        {
            return stateNote.isEmpty() ? state : state + QStringLiteral(" (") + stateNote + u')';
        }
    };
    // One action, check or ramp item: what its runs did and how the item ended.
    struct RunRow
    {
        int stepNumber = 0;
        QString item;
        QString kind;    // action, check, ramp
        QString outcome; // "confirmed by its run", "confirmed BY HAND: reason", "open: failed"...
        int runs = 0;
        int requests = 0;
        QString lastValue; // the last measured value with its threshold, for checks and ramps
        QString lastResult;
        bool byHand = false;
    };
    struct Decision
    {
        QString question;
        QString answer;
        QString actor;
        qint64 atMs = 0;
    };

    IncidentRecord incident;
    Checklist checklist;
    ExportOptions options;
    qsizetype exportedEvents = 0; // how many events the slice holds (those not in `omitted`)
    // The slice's rows with routine events folded (Parts::Document): Markdown, HTML, PDF. JSON and
    // CSV make a row of every event in the slice as they write it (TimelineRows).
    QList<TimelineRow> documentRows;
    QList<KeyMomentRow> keyMoments;
    QList<Person> persons;
    QList<StepRow> steps;
    QList<Decision> decisions;
    QList<RunRow> runs;
    QStringList people;    // everyone who signed an event or was named as a second person
    double drillSpeed = 1; // ×N: a drill's runs were accelerated N times (time_scale 1/N)
    qint64 awayMs = 0;     // how long warroom was not running, summed over its restarts
    // Each stop of warroom: elapsed from the last event before it to the reopening.
    QList<QPair<qint64, qint64>> stops;
    // The incident's variables and every value its actions extracted ({{job_id}}), as they stood
    // at the end of the whole timeline: what each sentence is made with, whatever the slice.
    QMap<QString, QString> textVariables;
    PostmortemRoom room;       // roles, command periods, polls, deferrals (PostmortemRoom::collect)
    QStringList notifications; // webhook posts and their answers (AuditEvidence)
    QStringList validations;   // check runs and ramp gates against their thresholds
    std::optional<qint64> rollbackStartMs;
    std::optional<qint64> rollbackCompleteMs;
    qint64 durationMs = 0; // declaration to close, or to the last event
    bool closed = false;
    qint64 privateNotesLeftOut = 0;
    // The whole chain, as stored; events outside the slice or private are exported as
    // placeholders (sequence and hashes only) so that the chain still verifies.
    TimelineEvents events;
    QSet<qint64> omitted;
    ChainReport chain;
    GanttGeometry gantt; // the chart of steps planned against actual (report/ReportChart)

    bool isDocument() const { return options.parts == ExportOptions::Parts::Document; }
    bool isDrill() const { return incident.mode == IncidentMode::Drill; }
    QString modeWord() const
    {
        return isDrill() ? QStringLiteral("DRILL") : QStringLiteral("LIVE");
    }

    // `checking`, if valid: the chain of exactly these events, being checked since the caller
    // read them (an export: IncidentSnapshot::Payloads::ParsedAndChecked); else it is checked
    // here.
    static PostmortemReport build(const IncidentRecord &incident, const Checklist &checklist,
                                  const TimelineEvents &events, const ExportOptions &options,
                                  const std::shared_future<ChainReport> &checking = {});
};

} // namespace warroom
