#include "util/PersonName.h"

#include <QList>

namespace warroom::PersonName {

namespace {

// Cc: C0 and C1 controls (tab and line feed too: a name is one line). Cf: the invisible format
// characters, among them the bidirectional controls, zero-width spaces and joiners, the soft
// hyphen, the byte order mark and the tag characters.
bool invisible(uint c)
{
    const QChar::Category category = QChar::category(c);
    return category == QChar::Other_Control || category == QChar::Other_Format;
}

QString key(const QString &name)
{
    const QString compatible = name.normalized(QString::NormalizationForm_KC);
    QString visible;
    visible.reserve(compatible.size());
    for (const uint c : compatible.toUcs4()) {
        if (!invisible(c))
            visible += QStringView(QChar::fromUcs4(c));
    }
    return visible.simplified().toCaseFolded();
}

} // namespace

QString problem(const QString &name)
{
    qsizetype place = 0;
    for (const uint c : name.toUcs4()) {
        ++place;
        if (invisible(c))
            return QStringLiteral("has an invisible or control character (U+%1) at character %2")
                .arg(QString::number(c, 16).toUpper().rightJustified(4, u'0'))
                .arg(place);
    }
    return {};
}

bool same(const QString &a, const QString &b)
{
    return key(a) == key(b);
}

} // namespace warroom::PersonName
