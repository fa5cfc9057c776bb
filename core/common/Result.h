#pragma once
// Result<T>: a value or an error in words. Core calls return this instead of throwing or
// returning a silent bool, so the caller can show the user what went wrong and where.

#include <QString>

#include <utility>
#include <variant>

namespace telerad {

struct Error {
    QString message;  ///< human-readable, names the file/peer/operation concerned
    /// The input itself is refused (damaged, or in conflict with what is kept): trying it
    /// again cannot succeed, unlike a failure of the moment (disk, lock, network). Callers
    /// decide on this, never on the words, which are translated.
    bool refusal = false;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}  // NOLINT: implicit by design
    Result(Error error) : m_state(std::move(error)) {}  // NOLINT: implicit by design

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_state); }
    T& value() & { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    /// Empty when ok().
    QString error() const { return ok() ? QString() : std::get<Error>(m_state).message; }
    /// Not ok() because the input is refused (see Error::refusal).
    bool refused() const { return !ok() && std::get<Error>(m_state).refusal; }
    /// The error as it is, to pass on with its kind. Only when !ok().
    const Error& errorDetail() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

/// Result of an operation that produces nothing but can fail.
struct Done {};
using Status = Result<Done>;

inline Status success() { return Done{}; }
inline Error failure(QString message) { return Error{std::move(message)}; }
inline Error refusal(QString message) { return Error{std::move(message), true}; }

}  // namespace telerad
