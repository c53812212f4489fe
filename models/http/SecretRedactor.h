#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace warroom {

struct HttpResult;

// The secret values one request carried (each ${env:...} value, each redacted header's value),
// and their removal from what comes back. A server may echo a token in an error body or in a
// field we extract; whatever is recorded or shown of its answer goes through here first.
class SecretRedactor
{
public:
    static QString marker() { return QStringLiteral("[redacted]"); }

    // Empty values are ignored; anything else is removed however short, since a garbled answer
    // costs less than a leaked credential.
    void add(const QString &secret);
    bool isEmpty() const { return m_forms.isEmpty(); }

    QString redacted(const QString &text) const;
    QByteArray redacted(const QByteArray &bytes) const;
    // Body, header values and error text.
    HttpResult redacted(const HttpResult &result) const;

private:
    // A form as it is matched: its bytes, with the hex digits of each escape in it (%2F,
    // \u00F6) lower-cased and marked, since servers write those in either case, even mixed
    // within one answer.
    struct Form
    {
        QByteArray bytes;
        QList<bool> caseless;
    };
    static Form formOf(const QByteArray &bytes);
    static bool matchesAt(const QByteArray &text, qsizetype at, const Form &form);

    // Each secret as it may come back: as sent, JSON-escaped (an echo inside a JSON string, as
    // each common encoder writes it), and percent-encoded (an echoed URL or form); longest first,
    // so no part of a longer one is left behind.
    QList<Form> m_forms;
};

} // namespace warroom
