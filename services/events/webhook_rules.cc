#include "services/events/webhook_rules.h"

#include <openssl/hmac.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/events/feed_rules.h"

namespace assure::events {
namespace {

bool IsLoopback(absl::string_view host) {
  return host == "127.0.0.1" || host == "[::1]" || host == "localhost";
}

// The host of "scheme://host[:port]/...", or "" when malformed.
std::string HostOf(absl::string_view rest) {
  const size_t end = rest.find_first_of("/?");
  absl::string_view authority = rest.substr(0, end);
  if (authority.empty() || authority.find('@') != absl::string_view::npos) return "";
  if (authority.front() == '[') {
    const size_t close = authority.find(']');
    return close == absl::string_view::npos ? "" : std::string(authority.substr(0, close + 1));
  }
  const size_t colon = authority.find(':');
  return std::string(authority.substr(0, colon));
}

}  // namespace

absl::Status ValidateSubscription(const v1::Subscription& s, bool allow_http_loopback) {
  const std::string& url = s.url();
  const bool https = absl::StartsWith(url, "https://");
  const bool http = absl::StartsWith(url, "http://");
  const std::string host =
      https || http ? HostOf(absl::string_view(url).substr(https ? 8 : 7)) : "";
  const bool printable =
      std::all_of(url.begin(), url.end(), [](char c) { return c > ' ' && c < 0x7f; });
  if (!(https || http) || host.empty() || !printable || url.find('#') != std::string::npos) {
    return InvalidField("subscription.url", "must be https://host[:port][/path]");
  }
  if (http && !(allow_http_loopback && IsLoopback(host))) {
    return InvalidField("subscription.url", "must use https");
  }
  if (s.secret().size() < kMinSecretBytes) {
    return InvalidField("subscription.secret",
                        absl::StrCat("must be at least ", kMinSecretBytes, " bytes"));
  }
  auto filter = ParseEventFilter(s.filter());
  if (!filter.ok()) return InvalidField("subscription.filter", filter.status().message());
  return absl::OkStatus();
}

std::string SignatureHeader(absl::string_view secret, absl::Time at, absl::string_view body) {
  const std::string t = absl::StrCat(absl::ToUnixSeconds(at));
  const std::string signed_text = absl::StrCat(t, ".", body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), mac,
       &length);
  return absl::StrCat(
      "t=", t, ",v1=",
      absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(mac), length)));
}

absl::Duration WebhookBackoff(int attempt) {
  absl::Duration wait = absl::Seconds(1);
  for (int i = 1; i < attempt && wait < absl::Minutes(10); ++i) wait *= 2;
  return std::min(wait, absl::Minutes(10));
}

}  // namespace assure::events
