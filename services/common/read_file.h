// A whole file as bytes, for the small files a process reads at start and again when they
// change (keys, certificates, calendars).
#ifndef ASSURE_SERVICES_COMMON_READ_FILE_H_
#define ASSURE_SERVICES_COMMON_READ_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace assure {

// The file's content, or NOT_FOUND: "<what> <path> cannot be read".
absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view what);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_READ_FILE_H_
