#pragma once

#include "report/PostmortemReport.h"

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
    {}

    void write();

private:
    void key(const char *name); // every key but the first follows another member
    void string(const QString &value);
    void nullable(const QString &value);
    void content(const TimelineEvent &e);
    QString textOf(qint64 seq);

    const PostmortemReport &m_r;
    ChunkedOutput &m_out;
    qsizetype m_nextRow = 0;
    QByteArray m_utf8; // one field's UTF-8, reused for every field
};

} // namespace warroom
