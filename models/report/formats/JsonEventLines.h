#pragma once

#include "report/PostmortemReport.h"
#include "report/TimelineRows.h"

namespace warroom {

class ChunkedOutput;

// The JSON export's events, one compact object a line, written by hand into the output as they
// are walked: building a JSON tree of 100,000 events and dumping it takes seconds, and building the
// 40 MB text whole before writing it cost a fifth of the export in page faults and copies.
class JsonEventLines
{
public:
    JsonEventLines(const PostmortemReport &report, ChunkedOutput &out)
        : m_r(report)
        , m_out(out)
        , m_rows(report)
    {}

    // The lines of events [from, to): the first event's line opens the list, every other one
    // follows a comma.
    void write(qsizetype from, qsizetype to);

private:
    void key(const char *name); // every key but the first follows another member
    void string(const QString &value);
    void nullable(const QString &value);
    void content(const TimelineEvent &e);

    const PostmortemReport &m_r;
    ChunkedOutput &m_out;
    TimelineRows m_rows; // each event's sentence, made as it is written
    QByteArray m_utf8;   // one field's UTF-8, reused for every field
};

} // namespace warroom
