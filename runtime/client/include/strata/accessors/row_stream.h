// A range over a query's rows that reads them a page at a time (a server-side cursor), for
// results too large to hold in memory: what a generated `<query>_stream` function returns.
//
//   for (const auto& row : app::db::queries::all_events_stream(tx, since)) ...
//
// The rows are read while the transaction is open; the range is single-pass.
#pragma once

#include <cstddef>
#include <functional>
#include <iterator>
#include <utility>
#include <vector>

namespace strata::accessors {

template <class Row>
class RowStream {
 public:
  // Returns the next page of rows; an empty page ends the stream.
  using NextPage = std::function<std::vector<Row>()>;
  explicit RowStream(NextPage next_page) : next_page_(std::move(next_page)) {}

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Row;
    using difference_type = std::ptrdiff_t;
    using pointer = const Row*;
    using reference = const Row&;

    iterator() = default;
    explicit iterator(RowStream* stream) : stream_(stream) {}
    const Row& operator*() const { return stream_->page_[stream_->index_]; }
    const Row* operator->() const { return &**this; }
    iterator& operator++() {
      stream_->advance();
      return *this;
    }
    void operator++(int) { ++*this; }
    bool operator==(std::default_sentinel_t) const { return stream_ == nullptr || stream_->done(); }

   private:
    RowStream* stream_ = nullptr;
  };

  iterator begin() {
    if (!started_) {
      started_ = true;
      page_ = next_page_();
    }
    return iterator(this);
  }
  std::default_sentinel_t end() const { return {}; }

 private:
  bool done() const { return index_ >= page_.size(); }
  void advance() {
    if (++index_ < page_.size()) return;
    page_ = next_page_();
    index_ = 0;
  }

  NextPage next_page_;
  bool started_ = false;
  std::vector<Row> page_;
  std::size_t index_ = 0;
};

}  // namespace strata::accessors
