// One HTTP POST of a JSON body, through libcurl: TLS verified against the system's
// certificates, no redirects followed (a subscriber's URL is where its events go, not where
// it points elsewhere), a bound on the whole exchange, and, unless told otherwise, no
// connection to an address that is not public (IsPublicAddress), checked on the address the
// name resolved to as the socket opens, so neither a name pointing inside nor a changed DNS
// answer reaches what sits beside the suite.
#ifndef ASSURE_SERVICES_EVENTS_HTTP_POST_H_
#define ASSURE_SERVICES_EVENTS_HTTP_POST_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace assure::events {

// OK on a 2xx answer; UNAVAILABLE naming the HTTP status, the refused address or the
// transport's error otherwise.
absl::Status PostJson(const std::string& url, const std::string& body,
                      const std::vector<std::pair<std::string, std::string>>& headers,
                      absl::Duration timeout, bool private_addresses = false);

}  // namespace assure::events

#endif  // ASSURE_SERVICES_EVENTS_HTTP_POST_H_
