#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace warroom {

struct Debrief;

// The debrief's content once, in words and tables; Markdown, HTML and PDF only lay it out.
struct DebriefSection
{
    QString title;
    QStringList paragraphs;
    QStringList bullets;
    QStringList headers; // a table when not empty
    QList<QStringList> rows;
    QString afterTable; // a paragraph under the table
    // The Gantt chart goes here, before the table (which is its legend): drawn in HTML and
    // PDF; the Markdown says so and gives the table alone.
    bool chart = false;
};

QList<DebriefSection> debriefSections(const Debrief &d);
QString debriefTitle(const Debrief &d);

} // namespace warroom
