#pragma once

// A UI suite's windows remember things between windows (zoom, placement, who is acting as whom)
// through QSettings: in the suite's own folder, never in the settings of whoever runs the tests,
// and never carried from one run into the next.

#include <QSettings>
#include <QString>

namespace warroom::test {

// Every user-scope setting of this process in `folder` (the suite's temporary directory). Both
// formats: they are one file on Linux, but a suite that writes an INI file of its own must land
// in the same place as the app's native settings on any platform.
inline void useOwnSettings(const QString &folder)
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, folder);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
}

} // namespace warroom::test
