#include "services/common/trace.h"

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace assure {
namespace {

bool IsLowerHex(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

bool AllZero(absl::string_view s) { return s.find_first_not_of('0') == absl::string_view::npos; }

std::string RandomHex(int bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  thread_local absl::BitGen bits;
  std::string out;
  do {
    out.clear();
    for (int i = 0; i < bytes; ++i) {
      const auto b = absl::Uniform<unsigned>(bits, 0, 256);
      out.push_back(kDigits[b >> 4]);
      out.push_back(kDigits[b & 15]);
    }
  } while (AllZero(out));
  return out;
}

}  // namespace

std::optional<TraceContext> TraceContext::Parse(absl::string_view h) {
  // version "-" trace-id "-" parent-id "-" flags: 2 + 1 + 32 + 1 + 16 + 1 + 2 = 55 bytes.
  constexpr size_t kSize = 55;
  if (h.size() < kSize || h[2] != '-' || h[35] != '-' || h[52] != '-') return std::nullopt;
  const absl::string_view version = h.substr(0, 2), trace = h.substr(3, 32),
                          parent = h.substr(36, 16), flags = h.substr(53, 2);
  if (!IsLowerHex(version) || version == "ff") return std::nullopt;
  // Version 00 is exactly 55 bytes; a later version may append fields after a '-'.
  if (version == "00" ? h.size() != kSize : (h.size() > kSize && h[kSize] != '-')) {
    return std::nullopt;
  }
  if (!IsLowerHex(trace) || AllZero(trace) || !IsLowerHex(parent) || AllZero(parent) ||
      !IsLowerHex(flags)) {
    return std::nullopt;
  }
  TraceContext t;
  t.trace_id = std::string(trace);
  t.span_id = std::string(parent);
  const int f = (flags[1] >= 'a' ? flags[1] - 'a' + 10 : flags[1] - '0');
  t.sampled = (f & 1) != 0;
  return t;
}

TraceContext TraceContext::Start() {
  TraceContext t;
  t.trace_id = RandomHex(16);
  t.span_id = RandomHex(8);
  t.sampled = true;
  return t;
}

TraceContext TraceContext::ContinueOrStart(absl::string_view header) {
  auto t = Parse(header);
  if (!t) return Start();
  t->span_id = RandomHex(8);
  return *t;
}

std::string TraceContext::ToHeader() const {
  return absl::StrCat("00-", trace_id, "-", span_id, sampled ? "-01" : "-00");
}

std::string TraceIdOf(absl::string_view header) {
  auto t = TraceContext::Parse(header);
  return t ? t->trace_id : "";
}

}  // namespace assure
