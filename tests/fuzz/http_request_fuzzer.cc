// The gateway's HTTP request parsing: Beast's parser with the door's limits, then route
// matching on whatever target it accepted.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>

#include "gateway/http/transcoder.h"
#include "gateway/public_services.h"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* transcoder =
      new assure::gateway::Transcoder(*assure::gateway::Transcoder::ForServices(
          assure::gateway::PublicServices()));
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 << 10);
  parser.body_limit(1 << 20);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_header_done()) return 0;
  const auto& req = parser.get();
  const std::string target(req.target());
  auto match = transcoder->Match(std::string(req.method_string()), target.substr(0, target.find('?')));
  if (match) {
    const size_t q = target.find('?');
    (void)transcoder->BuildRequest(*match, q == std::string::npos ? "" : target.substr(q + 1),
                                   req.body());
  }
  return 0;
}
