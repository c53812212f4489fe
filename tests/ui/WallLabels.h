#pragma once

#include <QLabel>
#include <QStringList>
#include <QWidget>

namespace warroom::test {

// A wall's label by its object name ("wallTitle"), for the wall's tests.
inline QLabel *label(const QWidget &wall, const char *name)
{
    return wall.findChild<QLabel *>(QLatin1String(name));
}

// The texts of the wall's visible labels of that name ("wallAnnouncement"), in order.
inline QStringList texts(const QWidget &wall, const char *name)
{
    QStringList out;
    for (const QLabel *l : wall.findChildren<QLabel *>(QLatin1String(name)))
        if (l->isVisible())
            out << l->text();
    return out;
}

} // namespace warroom::test
