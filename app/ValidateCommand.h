#pragma once

#include <QStringList>

namespace warroom {

// `warroom validate FILE...`: checklists and drill scenarios checked, one verdict a file.
int runValidate(const QStringList &files);

} // namespace warroom
