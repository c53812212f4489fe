#include "Sha256.h"

#include <QCryptographicHash>

namespace warroom {

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

} // namespace warroom
