// strata::Required: the member type the generated accessors give a NOT NULL column without a
// default in a table's Insert, so that leaving the column out does not compile (instead of
// inserting '', 0 or an enum's first label). Light, like types.h: every translation unit that
// includes a generated header may include it.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace strata {

// A column's name as a template argument, so that the compiler's error names the column.
template <std::size_t N>
struct ColumnName {
  char text[N];
  constexpr ColumnName(const char (&name)[N]) { std::copy_n(name, N, text); }  // NOLINT: implicit by design
};

// Holds a T given by the caller (`.title = "Dune"`: anything that converts to T), read with get()
// or as a const T&, and compared like a T. Leaving it out of `Insert{...}` (or declaring an
// `Insert values;` to fill later) does not compile: GCC reports the use of the deleted
// Required<T, ColumnName{"title"}>::Required(), naming the column. (Deleted, not a failing
// static_assert, so that code can ask: std::is_default_constructible_v<Insert> is false.)
template <typename T, ColumnName Column>
class Required {
 public:
  Required() = delete;
  template <typename U>
    requires(!std::same_as<std::remove_cvref_t<U>, Required> && std::convertible_to<U &&, T>)
  Required(U&& value) : value_(std::forward<U>(value)) {}  // NOLINT(google-explicit-constructor)

  const T& get() const { return value_; }
  T& get() { return value_; }
  operator const T&() const { return value_; }  // NOLINT(google-explicit-constructor)
  // The column's name in SQL.
  static constexpr const char* column() { return Column.text; }

  friend bool operator==(const Required& a, const Required& b)
    requires std::equality_comparable<T>
  {
    return a.value_ == b.value_;
  }
  template <typename U>
    requires(!std::same_as<std::remove_cvref_t<U>, Required> &&
             requires(const T& t, const U& u) {
               { t == u } -> std::convertible_to<bool>;
             })
  friend bool operator==(const Required& a, const U& b) {
    return a.value_ == b;
  }

 private:
  T value_;
};

}  // namespace strata
