#include "gateway/http/path_template.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace assure::gateway {

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  PathTemplate t;
  t.text_ = std::string(text);
  if (text.empty() || text[0] != '/') {
    return absl::InvalidArgumentError(absl::StrCat("path template '", text, "' must start with /"));
  }
  absl::string_view rest = text.substr(1);
  // The verb follows the last ':' outside braces.
  const size_t close = rest.rfind('}');
  const size_t colon = rest.rfind(':');
  if (colon != absl::string_view::npos && (close == absl::string_view::npos || colon > close)) {
    t.verb_ = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
  }
  size_t i = 0;
  auto add_pattern = [&](absl::string_view pattern) {
    for (absl::string_view p : absl::StrSplit(pattern, '/')) {
      if (p == "*") {
        t.segments_.push_back({Kind::kStar, ""});
      } else if (p == "**") {
        t.segments_.push_back({Kind::kDoubleStar, ""});
      } else {
        t.segments_.push_back({Kind::kLiteral, std::string(p)});
      }
    }
  };
  while (i < rest.size()) {
    if (rest[i] == '{') {
      const size_t end = rest.find('}', i);
      if (end == absl::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat("path template '", text, "': unclosed {"));
      }
      absl::string_view body = rest.substr(i + 1, end - i - 1);
      const size_t eq = body.find('=');
      Variable v{std::string(body.substr(0, eq)), t.segments_.size(), 0};
      add_pattern(eq == absl::string_view::npos ? "*" : body.substr(eq + 1));
      v.end = t.segments_.size();
      t.variables_.push_back(std::move(v));
      i = end + 1;
      if (i < rest.size() && rest[i] == '/') ++i;
    } else {
      const size_t slash = rest.find('/', i);
      const absl::string_view lit = rest.substr(i, slash == absl::string_view::npos ? rest.npos : slash - i);
      add_pattern(lit);
      i = slash == absl::string_view::npos ? rest.size() : slash + 1;
    }
  }
  return t;
}

std::optional<PathTemplate::Bindings> PathTemplate::Match(absl::string_view path) const {
  if (path.empty() || path[0] != '/') return std::nullopt;
  path.remove_prefix(1);
  if (!verb_.empty()) {
    const std::string suffix = absl::StrCat(":", verb_);
    if (path.size() <= suffix.size() || path.substr(path.size() - suffix.size()) != suffix) {
      return std::nullopt;
    }
    path.remove_suffix(suffix.size());
  } else {
    // A custom method's path (".../x:verb") never matches a template without a verb.
    const size_t slash = path.rfind('/');
    const absl::string_view last = slash == absl::string_view::npos ? path : path.substr(slash + 1);
    if (last.find(':') != absl::string_view::npos) return std::nullopt;
  }
  std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
  std::vector<size_t> starts;  // where each template segment's match begins in `parts`
  size_t p = 0;
  for (size_t s = 0; s < segments_.size(); ++s) {
    starts.push_back(p);
    const Segment& seg = segments_[s];
    if (seg.kind == Kind::kDoubleStar) {
      p = parts.size() - (segments_.size() - s - 1);
      continue;
    }
    if (p >= parts.size() || parts[p].empty()) return std::nullopt;
    if (seg.kind == Kind::kLiteral && parts[p] != seg.literal) return std::nullopt;
    ++p;
  }
  if (p != parts.size()) return std::nullopt;
  starts.push_back(p);
  Bindings out;
  for (const Variable& v : variables_) {
    std::vector<absl::string_view> value(parts.begin() + starts[v.first],
                                         parts.begin() + starts[v.end]);
    out.emplace_back(v.field_path, absl::StrJoin(value, "/"));
  }
  return out;
}

}  // namespace assure::gateway
