#include "util/JsonReader.h"

#include "util/JsonSyntaxError.h"

#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

namespace warroom {

namespace {

using Json = nlohmann::ordered_json;

// Reading stops after this many duplicate keys: enough to fix a file, and a file of a million
// duplicates cannot make a million messages.
constexpr qsizetype maxErrors = 10;

// An iterator over the input that records how far the parser has read. SAX events carry no
// position, but each arrives right after the lexer read its token's last character.
class TrackingIterator
{
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char *;
    using reference = const char &;

    TrackingIterator() = default;
    TrackingIterator(const char *at, const char **readTo)
        : m_at(at)
        , m_readTo(readTo)
    {}

    reference operator*() const { return *m_at; }
    TrackingIterator &operator++()
    {
        ++m_at;
        *m_readTo = m_at;
        return *this;
    }
    TrackingIterator operator++(int)
    {
        TrackingIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const TrackingIterator &other) const { return m_at == other.m_at; }
    bool operator!=(const TrackingIterator &other) const { return m_at != other.m_at; }

private:
    const char *m_at = nullptr;
    const char **m_readTo = nullptr;
};

struct PendingError
{
    std::size_t offset;
    QString message;
};

// Builds the document from SAX events, as nlohmann's own DOM builder does, plus the checks.
class Builder
{
public:
    Builder(const QByteArray &data, const char **readTo, int maxDepth)
        : m_data(data)
        , m_readTo(readTo)
        , m_maxDepth(static_cast<std::size_t>(maxDepth))
    {}

    bool null() { return add(Json(nullptr)); }
    bool boolean(bool value) { return add(Json(value)); }
    bool number_integer(Json::number_integer_t value) { return add(Json(value)); }
    bool number_unsigned(Json::number_unsigned_t value) { return add(Json(value)); }
    bool number_float(Json::number_float_t value, const Json::string_t &)
    {
        return add(Json(value));
    }
    bool string(Json::string_t &value) { return add(Json(std::move(value))); }
    // JSON text has no binary values; only CBOR and the like produce this event.
    bool binary(Json::binary_t &) { return false; }

    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(Json::string_t &name)
    {
        Frame &frame = m_stack.back();
        const std::size_t at = keyStart();
        const auto [first, inserted] = frame.keys.try_emplace(name, at);
        if (!inserted) {
            m_errors.push_back(
                {at, QStringLiteral("duplicate key '%1' (first at %2); remove one, a reader "
                                    "would silently keep only the last")
                         .arg(printableText(QString::fromStdString(name), 64),
                              jsonPlaceOf(m_data, first->second))});
            if (static_cast<qsizetype>(m_errors.size()) >= maxErrors) {
                m_errors.push_back(
                    {at, QStringLiteral("stopped reading after %1 duplicate keys").arg(maxErrors)});
                return false;
            }
        }
        m_key = std::move(name);
        return true;
    }

    bool parse_error(std::size_t position, const std::string &lastToken, const Json::exception &e)
    {
        if (e.id == 406) {
            // nlohmann's position is just after the number; point at its first character.
            const std::size_t start
                = position >= lastToken.size() ? position - lastToken.size() : 0;
            m_errors.push_back(
                {start, QStringLiteral("number out of range: %1 (too large for a "
                                       "double)")
                            .arg(printableText(QString::fromStdString(lastToken), 40))});
        } else {
            m_syntaxError = jsonSyntaxDiagnostic(m_data, position, e.what(), QString());
        }
        return false;
    }

    Json takeRoot() { return std::move(m_root); }
    const std::vector<PendingError> &errors() const { return m_errors; }
    const std::optional<Diagnostic> &syntaxError() const { return m_syntaxError; }

private:
    struct Frame
    {
        Json *value;
        std::unordered_map<std::string, std::size_t> keys; // key -> byte offset of its first use
    };

    std::size_t readSoFar() const
    {
        return static_cast<std::size_t>(*m_readTo - m_data.constData());
    }

    // The key's closing quote is the last byte read; walk back to its opening quote, the first
    // quote not escaped by an odd number of backslashes.
    std::size_t keyStart() const
    {
        const char *text = m_data.constData();
        std::size_t i = readSoFar() - 1; // the closing quote
        while (i > 0) {
            --i;
            if (text[i] != '"')
                continue;
            std::size_t slashes = 0;
            while (i > slashes && text[i - 1 - slashes] == '\\')
                ++slashes;
            if (slashes % 2 == 0)
                return i;
        }
        return 0;
    }

    Json *insert(Json &&value)
    {
        if (m_stack.empty()) {
            m_root = std::move(value);
            return &m_root;
        }
        Json &top = *m_stack.back().value;
        if (top.is_array()) {
            auto &array = top.get_ref<Json::array_t &>();
            array.push_back(std::move(value));
            return &array.back();
        }
        // The key is known to be new (or already reported), so skip the ordered map's linear
        // search: with it, an object of 100,000 keys took half a minute.
        auto &object = top.get_ref<Json::object_t &>();
        object.emplace_back(std::move(m_key), std::move(value));
        return &object.back().second;
    }

    bool add(Json &&value)
    {
        insert(std::move(value));
        return true;
    }

    bool open(Json &&container)
    {
        if (m_stack.size() >= m_maxDepth) {
            m_errors.push_back(
                {readSoFar() - 1, QStringLiteral("nested deeper than %1 levels; no checklist or "
                                                 "export needs that many")
                                      .arg(m_maxDepth)});
            return false;
        }
        m_stack.push_back({insert(std::move(container)), {}});
        return true;
    }

    bool close()
    {
        m_stack.pop_back();
        return true;
    }

    const QByteArray &m_data;
    const char **m_readTo;
    std::size_t m_maxDepth;
    Json m_root;
    std::vector<Frame> m_stack;
    std::string m_key;
    std::vector<PendingError> m_errors;
    std::optional<Diagnostic> m_syntaxError;
};

} // namespace

std::optional<Json> JsonReader::parse(const QByteArray &data, const QString &fileName,
                                      Diagnostics &diagnostics, int maxDepth)
{
    const char *readTo = data.constData();
    Builder builder(data, &readTo, maxDepth);
    const TrackingIterator first(data.constData(), &readTo);
    const TrackingIterator last(data.constData() + data.size(), &readTo);
    const bool ok = Json::sax_parse(first, last, &builder, Json::input_format_t::json, true, false);
    for (const PendingError &e : builder.errors())
        diagnostics.append(jsonDiagnosticAt(data, e.offset, e.message, fileName));
    if (builder.syntaxError()) {
        Diagnostic d = *builder.syntaxError();
        d.file = fileName;
        diagnostics.append(d);
    }
    if (!ok || !builder.errors().empty() || builder.syntaxError())
        return std::nullopt;
    return builder.takeRoot();
}

std::optional<nlohmann::ordered_json>
JsonReader::parseFile(const QByteArray &data, const QString &fileName, Diagnostics &diagnostics)
{
    if (data.trimmed().isEmpty()) {
        diagnostics.append({fileName, 1, 1, {}, QStringLiteral("the file is empty")});
        return std::nullopt;
    }
    return parse(data, fileName, diagnostics);
}

} // namespace warroom
