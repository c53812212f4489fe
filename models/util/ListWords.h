#pragma once

#include <QStringList>

namespace warroom {

// Parts of a sentence joined as people list them: "A", "A and B", "A, B and C"; empty for none.
// The forecast's conditions, the steps left and a request's differing parts each joined their
// own way, and one of them kept a comma before "and" when another did not.
QString joinAsList(const QStringList &parts);

} // namespace warroom
