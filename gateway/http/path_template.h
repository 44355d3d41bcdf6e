// google.api.http path templates (AIP-127): literal segments, variables "{field}" or
// "{field.path=pattern}" where the pattern is literals, "*" (one segment) and "**" (the
// rest), and an optional ":verb" suffix.
//
//   auto t = PathTemplate::Parse("/v1/{name=children/*}:allocateIro");
//   t->Match("/v1/children/C1:allocateIro")  ->  {{"name", "children/C1"}}
#ifndef ASSURE_GATEWAY_HTTP_PATH_TEMPLATE_H_
#define ASSURE_GATEWAY_HTTP_PATH_TEMPLATE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace assure::gateway {

class PathTemplate {
 public:
  using Bindings = std::vector<std::pair<std::string, std::string>>;  // field path -> value

  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);
  // The variable bindings when `path` (no query string) matches, else nullopt.
  std::optional<Bindings> Match(absl::string_view path) const;
  const std::string& text() const { return text_; }

 private:
  enum class Kind { kLiteral, kStar, kDoubleStar };
  struct Segment {
    Kind kind;
    std::string literal;
  };
  struct Variable {
    std::string field_path;
    size_t first;  // segment index
    size_t end;    // one past the last segment
  };
  std::string text_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_HTTP_PATH_TEMPLATE_H_
