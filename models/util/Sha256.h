#pragma once

#include <QByteArray>

namespace warroom {

QByteArray sha256Hex(const QByteArray &data);

} // namespace warroom
