// The largest value every request field may carry, checked before a handler does anything
// else, so no caller can store text that makes a record unreadable or a list unservable.
//
//   * free text (note, concern, text, answer, explanation, conditions, changes, and every *_reason
//     and *reasons): 4,000 bytes;
//   * a filter: 1,000 bytes (a page_token, which carries its filter: 4,000);
//   * any other string or bytes field (names, ids, codes, labels): 200 bytes;
//   * a repeated field: 200 entries (a repeated string's entries are held to the limits above).
//
// INVALID_ARGUMENT with a BadRequest naming each field over its limit (by path, e.g.
// "child.gender" or "review.decisions[3].text") and the limit.
#ifndef ASSURE_SERVICES_COMMON_FIELD_LIMITS_H_
#define ASSURE_SERVICES_COMMON_FIELD_LIMITS_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace assure {

inline constexpr size_t kMaxTextBytes = 4000;
inline constexpr size_t kMaxFilterBytes = 1000;
inline constexpr size_t kMaxShortStringBytes = 200;
inline constexpr int kMaxRepeated = 200;

// The limit for a string field named `field`.
size_t MaxBytesOf(absl::string_view field);

absl::Status CheckFieldLimits(const google::protobuf::Message& request);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_FIELD_LIMITS_H_
