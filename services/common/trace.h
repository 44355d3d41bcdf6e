// W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent` a call carries,
// so one request can be followed from the gateway through every service it reaches. The
// gateway accepts a caller's traceparent or starts a trace, and each hop's access log names
// the trace id. Only a well-formed value is taken: a caller cannot put arbitrary text into
// a log line through it.
//
//   TraceContext here = TraceContext::ContinueOrStart(header);
//   ctx.AddMetadata(kTraceparentHeader, here.ToHeader());
#ifndef ASSURE_SERVICES_COMMON_TRACE_H_
#define ASSURE_SERVICES_COMMON_TRACE_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace assure {

inline constexpr char kTraceparentHeader[] = "traceparent";

struct TraceContext {
  std::string trace_id;  // 32 lower-case hex digits, not all zero
  std::string span_id;   // 16 lower-case hex digits, not all zero: this hop's
  bool sampled = false;

  // The header's trace, if it is well formed (version 00, or a later version read as 00).
  static std::optional<TraceContext> Parse(absl::string_view header);
  // A new trace, sampled, with new random ids.
  static TraceContext Start();
  // The caller's trace with a new span for this hop, or a new trace if the header is absent
  // or malformed.
  static TraceContext ContinueOrStart(absl::string_view header);

  // "00-<trace_id>-<span_id>-<flags>"
  std::string ToHeader() const;
};

// The trace id of a traceparent header, or "" if it is not well formed.
std::string TraceIdOf(absl::string_view header);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_TRACE_H_
