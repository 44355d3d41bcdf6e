// Checks on text a caller sends before it is stored, logged or carried in metadata.
#ifndef ASSURE_SERVICES_COMMON_TEXT_H_
#define ASSURE_SERVICES_COMMON_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace assure {

// Well-formed UTF-8: no stray continuation bytes, overlong forms or surrogates (what
// protobuf requires of a string field).
bool IsValidUtf8(absl::string_view s);
// Valid UTF-8 with no control characters (a name, a subject, a purpose: one line of text).
bool IsPlainText(absl::string_view s);
// `s` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD, so text that
// echoes a caller's input can always go into a protobuf string.
std::string ToValidUtf8(absl::string_view s);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_TEXT_H_
