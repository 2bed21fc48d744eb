// PostgreSQL's scanner (libpg_query's pg_query_scan), for what needs tokens rather than a parse
// tree: comments (schema pragmas) and identifiers as written (lint's identifier-too-long).
#include <pg_query.h>

#include <cstdint>
#include <stdexcept>

#include "strata/sql_source.h"

namespace strata::sql {
namespace {

// pg_query_scan returns a protobuf ScanResult { int32 version = 1; repeated ScanToken tokens = 2; }
// with ScanToken { int32 start = 1; int32 end = 2; Token token = 4; KeywordKind keyword_kind = 5; }
// (pg_query.proto). The generated protobuf-c unpacker needs protobuf-c's headers, which are not
// part of the build, so the few fields needed are read from the wire format directly.

class WireReader {
 public:
  WireReader(const unsigned char* data, std::size_t size) : data_(data), size_(size) {}
  bool done() const { return pos_ >= size_; }
  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; pos_ < size_ && shift < 64; shift += 7) {
      const unsigned char byte = data_[pos_++];
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
    throw std::runtime_error("malformed scanner output");
  }
  // Skips a field of the given wire type; for length-delimited fields returns the payload.
  WireReader field(std::uint64_t wire_type) {
    switch (wire_type) {
      case 0: varint(); return {nullptr, 0};
      case 1: advance(8); return {nullptr, 0};
      case 5: advance(4); return {nullptr, 0};
      case 2: {
        const auto length = static_cast<std::size_t>(varint());
        const unsigned char* start = data_ + pos_;
        advance(length);
        return {start, length};
      }
      default: throw std::runtime_error("malformed scanner output");
    }
  }

 private:
  void advance(std::size_t count) {
    if (count > size_ - pos_) throw std::runtime_error("malformed scanner output");
    pos_ += count;
  }
  const unsigned char* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<Token> scan(const std::string& text) {
  std::vector<Token> tokens;
  PgQueryScanResult result = pg_query_scan(text.c_str());
  if (!result.error) {
    WireReader message(reinterpret_cast<const unsigned char*>(result.pbuf.data), result.pbuf.len);
    while (!message.done()) {
      const std::uint64_t tag = message.varint();
      WireReader payload = message.field(tag & 7);
      if ((tag >> 3) != 2 || (tag & 7) != 2) continue;
      Token token;
      std::uint64_t kind = 0;
      while (!payload.done()) {
        const std::uint64_t token_tag = payload.varint();
        if ((token_tag & 7) != 0) {
          payload.field(token_tag & 7);
          continue;
        }
        const std::uint64_t value = payload.varint();
        switch (token_tag >> 3) {
          case 1: token.start = static_cast<std::size_t>(value); break;
          case 2: token.end = static_cast<std::size_t>(value); break;
          case 4: kind = value; break;
          default: break;
        }
      }
      token.kind = static_cast<int>(kind);
      tokens.push_back(token);
    }
  }
  pg_query_free_scan_result(result);
  return tokens;
}


}  // namespace strata::sql
