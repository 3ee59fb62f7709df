// Result<T>: a value or the Status that explains why there is none.
// g++ 12 has no std::expected in C++20, so this is the small type we use everywhere.
// Accessing value() of an error Result is a bug and aborts.
#pragma once

#include <cstdlib>
#include <optional>
#include <utility>
#include <variant>

#include "util/status.h"

namespace tectonic {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    if (std::get<Status>(data_).ok()) std::abort();   // an ok Status carries no value
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }

  T& value() & { return Checked(); }
  const T& value() const& { return const_cast<Result*>(this)->Checked(); }
  T&& value() && { return std::move(Checked()); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &const_cast<Result*>(this)->Checked(); }
  T& operator*() & { return Checked(); }
  const T& operator*() const& { return const_cast<Result*>(this)->Checked(); }

  T value_or(T fallback) const { return ok() ? std::get<T>(data_) : std::move(fallback); }

 private:
  T& Checked() {
    if (!ok()) std::abort();
    return std::get<T>(data_);
  }
  std::variant<T, Status> data_;
};

}  // namespace tectonic

// Early return of a failed Status or Result from the enclosing function.
#define TECTONIC_RETURN_IF_ERROR(expr)                                                   \
  do {                                                                                   \
    auto&& tectonic_status_ = (expr);                                                    \
    if (!tectonic_status_.ok()) return ::tectonic::internal::StatusOf(tectonic_status_); \
  } while (0)

#define TECTONIC_CONCAT_INNER(a, b) a##b
#define TECTONIC_CONCAT(a, b) TECTONIC_CONCAT_INNER(a, b)
// TECTONIC_ASSIGN_OR_RETURN(auto x, Foo()): x = Foo().value(), or return its Status.
#define TECTONIC_ASSIGN_OR_RETURN(decl, expr) \
  TECTONIC_ASSIGN_OR_RETURN_IMPL(TECTONIC_CONCAT(tectonic_result_, __LINE__), decl, expr)
#define TECTONIC_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return tmp.status();                   \
  decl = std::move(tmp).value()

namespace tectonic::internal {
inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}
}  // namespace tectonic::internal
