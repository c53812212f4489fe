#include "util/JsonWalker.h"

#include <cmath>

namespace warroom {

QString jsonTypeName(const Json &j)
{
    switch (j.type()) {
    case Json::value_t::null:
        return QStringLiteral("null");
    case Json::value_t::object:
        return QStringLiteral("an object");
    case Json::value_t::array:
        return QStringLiteral("an array");
    case Json::value_t::string:
        return QStringLiteral("a string");
    case Json::value_t::boolean:
        return QStringLiteral("a boolean");
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return QStringLiteral("an integer");
    case Json::value_t::number_float:
        return QStringLiteral("a number");
    default:
        return QStringLiteral("something else");
    }
}

QString quoted(const QString &s)
{
    return u'\'' + printableText(s, 80) + u'\'';
}

QString memberPath(const QString &path, const std::string &key)
{
    return path + u'.' + printableText(QString::fromStdString(key), 64);
}

bool integerInRange(const Json &j, long long min, long long max, long long &out)
{
    if (j.is_number_unsigned()) {
        const auto v = j.get<Json::number_unsigned_t>();
        if (max < 0 || v > static_cast<unsigned long long>(max))
            return false;
        out = static_cast<long long>(v);
        return out >= min;
    }
    if (!j.is_number_integer())
        return false;
    const auto v = j.get<Json::number_integer_t>();
    if (v < min || v > max)
        return false;
    out = v;
    return true;
}

bool JsonWalker::readNumber(const Json &obj, const char *key, const QString &path, double &out,
                            bool required, double min, double max)
{
    const Json *j = member(obj, key, path, required);
    if (!j)
        return false;
    const QString p = path + u'.' + QString::fromLatin1(key);
    if (!j->is_number()) {
        error(p, QStringLiteral("expected a number, found ") + jsonTypeName(*j));
        return false;
    }
    const double v = j->get<double>();
    if (!std::isfinite(v) || v < min || v > max) {
        error(p, QStringLiteral("must be from %1 to %2").arg(min).arg(max));
        return false;
    }
    out = v;
    return true;
}

bool JsonWalker::readInt(const Json &obj, const char *key, const QString &path, int &out,
                         bool required, int min, int max)
{
    const Json *j = member(obj, key, path, required);
    if (!j)
        return false;
    const QString p = path + u'.' + QString::fromLatin1(key);
    if (!j->is_number_integer()) {
        error(p, QStringLiteral("expected an integer, found ") + jsonTypeName(*j));
        return false;
    }
    long long v = 0;
    if (!integerInRange(*j, min, max, v)) {
        error(p, QStringLiteral("must be from %1 to %2").arg(min).arg(max));
        return false;
    }
    out = static_cast<int>(v);
    return true;
}

bool JsonWalker::readBool(const Json &obj, const char *key, const QString &path, bool &out)
{
    const Json *j = member(obj, key, path, false);
    if (!j)
        return false;
    if (!j->is_boolean()) {
        error(path + u'.' + QString::fromLatin1(key),
              QStringLiteral("expected a boolean, found ") + jsonTypeName(*j));
        return false;
    }
    out = j->get<bool>();
    return true;
}

} // namespace warroom
