// The List filter language and page tokens, on whatever a caller sends.
#include <cstddef>
#include <cstdint>
#include <string>

#include "services/common/listing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  auto terms = assure::ParseFilter(input, {"state", "overdue", "child", "kind"});
  if (terms.ok()) (void)assure::BoolTerm(*terms, "overdue");
  (void)assure::DecodePageToken(input, "query");
  (void)assure::CheckOrderBy(input, {"name"});
  return 0;
}
