#pragma once

#include <QRectF>
#include <QString>

class QTextDocument;

namespace warroom {

// Where a laid-out text document put the inline image named `name` (its resource URL), in the
// document's coordinates, `scale` device units to its 96-dpi pixels; empty when it has none. The
// PDF draws its chart there, in the place a blank image of its size keeps in the flow.
QRectF inlineImagePlace(const QTextDocument &doc, const QString &name, qreal scale);

} // namespace warroom
