#include "report/formats/DocumentText.h"

#include "report/EventFormatter.h"
#include "util/OneLine.h"

#include <algorithm>

namespace warroom {

namespace {

// C0 and C1 controls and DEL, but a line break (each format folds or keeps those) and a tab.
bool isControl(char16_t c)
{
    return (c < 0x20 && c != u'\n' && c != u'\r' && c != u'\t') || (c >= 0x7f && c <= 0x9f);
}

QString shown(char16_t c)
{
    return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
}

} // namespace

qsizetype DocumentText::longest()
{
    return EventFormatter::longestShown;
}

QString DocumentText::cut(const QString &text, qsizetype units)
{
    return OneLine::shownStart(text, units, EventFormatter::keptWhole);
}

QString DocumentText::joined(const QStringList &items, QStringView separator)
{
    qsizetype total = separator.size() * std::max<qsizetype>(0, items.size() - 1);
    for (const QString &item : items)
        total += item.size();
    if (total <= longest())
        return items.join(separator);
    // Past a few hundred items each keeps its start and its count, and the whole is cut again.
    const qsizetype share = std::max<qsizetype>(
        200, (longest() - separator.size() * (items.size() - 1)) / items.size());
    QStringList cutItems;
    cutItems.reserve(items.size());
    for (const QString &item : items)
        cutItems << cut(item, share);
    return cutItems.join(separator);
}

QString DocumentText::markdown(QString text)
{
    if (text.size() > EventFormatter::longestShown)
        text = cut(text);
    const auto special = [](QChar c) {
        return c == u'\\' || c == u'|' || c == u'\n' || c == u'\r' || c == u'\t'
               || isControl(c.unicode());
    };
    if (std::none_of(text.cbegin(), text.cend(), special))
        return text; // most cells: nothing to escape, no copy
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'|', QStringLiteral("\\|"));
    text.replace(QLatin1String("\r\n"), QLatin1String(" "));
    // A tab pasted from a terminal or a sheet is a space, as a line break is.
    for (const QChar folded : {QChar(u'\n'), QChar(u'\r'), QChar(u'\t')})
        text.replace(folded, u' ');
    if (std::none_of(text.cbegin(), text.cend(), [](QChar c) { return isControl(c.unicode()); }))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : std::as_const(text)) {
        if (isControl(c.unicode()))
            out += shown(c.unicode());
        else
            out += c;
    }
    return out;
}

QString DocumentText::html(const QString &text)
{
    QString h;
    appendHtml(h, text);
    return h;
}

void DocumentText::appendHtml(QString &h, const QString &text)
{
    if (text.size() > EventFormatter::longestShown) {
        appendHtml(h, cut(text));
        return;
    }
    qsizetype from = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        const QLatin1String entity = c == u'<'   ? QLatin1String("&lt;")
                                     : c == u'>' ? QLatin1String("&gt;")
                                     : c == u'&' ? QLatin1String("&amp;")
                                     : c == u'"' ? QLatin1String("&quot;")
                                                 : QLatin1String();
        if (entity.isEmpty() && !isControl(c))
            continue;
        h += QStringView(text).mid(from, i - from);
        if (entity.isEmpty())
            h += shown(c);
        else
            h += entity;
        from = i + 1;
    }
    h += QStringView(text).mid(from);
}

} // namespace warroom
