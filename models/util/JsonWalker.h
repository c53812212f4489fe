#pragma once

// Internal to the core: the checklist readers share these helpers. It includes nlohmann, so no
// public header may include it.

#include "util/Diagnostic.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <initializer_list>

namespace warroom {

using Json = nlohmann::ordered_json;

QString jsonTypeName(const Json &j);
// A value from the input in quotes, escaped and shortened (printableText).
QString quoted(const QString &s);
// path.key, the key escaped and shortened: keys come from the input too.
QString memberPath(const QString &path, const std::string &key);
// The integer in j when it is one from min to max; false for anything else, including integers
// beyond 64 bits and values that would wrap when narrowed (4294967496 is not 200).
bool integerInRange(const Json &j, long long min, long long max, long long &out);

// Reads values out of a JSON document and collects every problem with its JSON path, so one pass
// reports all of them.
class JsonWalker
{
public:
    explicit JsonWalker(QString fileName)
        : m_file(std::move(fileName))
    {}

    void error(const QString &path, const QString &message)
    {
        m_diagnostics.append({m_file, 0, 0, path, message});
    }

    bool expectObject(const Json &j, const QString &path)
    {
        if (j.is_object())
            return true;
        error(path, QStringLiteral("expected an object, found ") + jsonTypeName(j));
        return false;
    }

    void checkKeys(const Json &obj, const QString &path, std::initializer_list<const char *> known)
    {
        QString names;
        for (const auto &[key, value] : obj.items()) {
            bool found = false;
            for (const char *k : known)
                found = found || key == k;
            if (found)
                continue;
            if (names.isEmpty()) {
                QStringList list;
                for (const char *k : known)
                    list << QString::fromLatin1(k);
                names = list.join(QStringLiteral(", "));
            }
            error(memberPath(path, key),
                  QStringLiteral("unknown key ") + quoted(QString::fromStdString(key))
                      + QStringLiteral(" (known keys here: ") + names + u')');
        }
    }

    const Json *member(const Json &obj, const char *key, const QString &path, bool required)
    {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            if (required)
                error(path,
                      QStringLiteral("missing required key ") + quoted(QString::fromLatin1(key)));
            return nullptr;
        }
        return &*it;
    }

    bool readString(const Json &obj, const char *key, const QString &path, QString &out,
                    bool required, bool allowEmpty = false)
    {
        const Json *j = member(obj, key, path, required);
        if (!j)
            return false;
        const QString p = path + u'.' + QString::fromLatin1(key);
        if (!j->is_string()) {
            error(p, QStringLiteral("expected a string, found ") + jsonTypeName(*j));
            return false;
        }
        out = QString::fromStdString(j->get<std::string>());
        if (!allowEmpty && out.trimmed().isEmpty()) {
            error(p, QStringLiteral("must not be empty"));
            return false;
        }
        return true;
    }

    bool readId(const Json &obj, const char *key, const QString &path, QString &out)
    {
        static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9_.-]{0,63}\\z"));
        if (!readString(obj, key, path, out, true))
            return false;
        if (!matchesWhole(idPattern, out)) {
            error(path + u'.' + QString::fromLatin1(key),
                  quoted(out)
                      + QStringLiteral(" is not a valid id: use 1 to 64 lower-case letters, "
                                       "digits, '-', '_' or '.', starting with a letter or "
                                       "digit"));
            return false;
        }
        return true;
    }

    // At most `most` entries, when it is not 0.
    const Json *readArray(const Json &obj, const char *key, const QString &path, bool required,
                          std::size_t most = 0)
    {
        const Json *j = member(obj, key, path, required);
        if (!j)
            return nullptr;
        if (!j->is_array()) {
            error(path + u'.' + QString::fromLatin1(key),
                  QStringLiteral("expected an array, found ") + jsonTypeName(*j));
            return nullptr;
        }
        if (most > 0 && j->size() > most) {
            error(path + u'.' + QString::fromLatin1(key),
                  QStringLiteral("%1 entries: at most %2").arg(j->size()).arg(most));
            return nullptr;
        }
        return j;
    }

    bool readNumber(const Json &obj, const char *key, const QString &path, double &out,
                    bool required, double min, double max);
    bool readInt(const Json &obj, const char *key, const QString &path, int &out, bool required,
                 int min, int max);
    bool readBool(const Json &obj, const char *key, const QString &path, bool &out);

    const Diagnostics &diagnostics() const { return m_diagnostics; }

    // Whether `pattern`, anchored `^…\z`, matches all of `text`. Builds before 2026-12-07
    // anchored with `$`, which PCRE also matches before a final line feed: "s1\n" went into
    // checklists and the timelines that ran them. A document recorded with an incident
    // (m_asRecorded) is read as they read it, so that what was committed stays readable.
    bool matchesWhole(const QRegularExpression &pattern, QStringView text) const
    {
        if (pattern.match(text).hasMatch())
            return true;
        return m_asRecorded && text.endsWith(u'\n') && pattern.match(text.chopped(1)).hasMatch();
    }

protected:
    QString m_file;
    Diagnostics m_diagnostics;
    bool m_asRecorded = false; // see matchesWhole
};

} // namespace warroom
