#include "report/formats/InlineImagePlace.h"

#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace warroom {

QRectF inlineImagePlace(const QTextDocument &doc, const QString &name, qreal scale)
{
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextImageFormat image = fragment.charFormat().toImageFormat();
            if (!image.isValid() || image.name() != name)
                continue;
            // An inline image stands on its line's baseline; cursorToX counts the line's x.
            const int at = fragment.position() - block.position();
            const QTextLine line = block.layout()->lineForTextPosition(at);
            const QRectF box = doc.documentLayout()->blockBoundingRect(block);
            const QSizeF size(image.width() * scale, image.height() * scale);
            return QRectF(QPointF(box.x() + line.cursorToX(at),
                                  box.y() + line.y() + line.ascent() - size.height()),
                          size);
        }
    }
    return {};
}

} // namespace warroom
