// Transcoding what an HTTP caller sends into a request message: verb, path, query and body
// taken from the input (separated by newlines), against every annotated route.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gateway/http/transcoder.h"
#include "gateway/public_services.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* transcoder =
      new assure::gateway::Transcoder(*assure::gateway::Transcoder::ForServices(
          assure::gateway::PublicServices()));
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts = absl::StrSplit(input, absl::MaxSplits('\n', 3));
  parts.resize(4);
  for (const auto& route : transcoder->routes()) {
    const std::string path = parts[1].empty() ? route.path.text() : parts[1];
    auto match = transcoder->Match(parts[0].empty() ? route.verb : parts[0], path);
    if (!match) continue;
    (void)transcoder->BuildRequest(*match, parts[2], parts[3]);
    (void)transcoder->ResponseJson(route, parts[3]);
  }
  return 0;
}
