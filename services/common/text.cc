#include "services/common/text.h"

#include <cstdint>

namespace assure {
namespace {

// Calls `on_code_point` for each code point; false on the first malformed sequence.
template <typename F>
bool ForEachCodePoint(absl::string_view s, F on_code_point) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t extra = c < 0x80                   ? 0
                         : c >= 0xc2 && c <= 0xdf   ? 1
                         : c >= 0xe0 && c <= 0xef   ? 2
                         : c >= 0xf0 && c <= 0xf4   ? 3
                                                    : 4;
    if (extra == 4 || s.size() - i <= extra) return false;
    uint32_t cp = extra == 0 ? c : c & (0x3f >> extra);
    for (size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    const uint32_t min = extra == 0 ? 0 : extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if (!on_code_point(cp)) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace

std::string ToValidUtf8(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    // The longest well-formed prefix is copied as it is; the byte after it is replaced.
    size_t good = 0;
    ForEachCodePoint(s, [&good](uint32_t cp) {
      good += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      return true;
    });
    out.append(s.data(), good);
    if (good == s.size()) break;
    out.append("\xEF\xBF\xBD");
    s.remove_prefix(good + 1);
  }
  return out;
}

bool IsValidUtf8(absl::string_view s) {
  return ForEachCodePoint(s, [](uint32_t) { return true; });
}

bool IsPlainText(absl::string_view s) {
  return ForEachCodePoint(s, [](uint32_t cp) { return cp >= 0x20 && cp != 0x7f; });
}

}  // namespace assure
