#include "services/events/webhook_rules.h"

#include <arpa/inet.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cstring>

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

bool IsPublicV4(const unsigned char a[4]) {
  const uint32_t v = (uint32_t{a[0]} << 24) | (uint32_t{a[1]} << 16) | (uint32_t{a[2]} << 8) | a[3];
  struct Block {
    uint32_t base;
    int bits;
  };
  static constexpr Block kNotPublic[] = {
      {0x00000000, 8},   // "this" network
      {0x0A000000, 8},   // private
      {0x64400000, 10},  // shared (carrier-grade NAT)
      {0x7F000000, 8},   // loopback
      {0xA9FE0000, 16},  // link-local, cloud metadata
      {0xAC100000, 12},  // private
      {0xC0000000, 24},  // IETF protocol assignments
      {0xC0000200, 24},  // documentation
      {0xC0A80000, 16},  // private
      {0xC6120000, 15},  // benchmarking
      {0xC6336400, 24},  // documentation
      {0xCB007100, 24},  // documentation
      {0xE0000000, 4},   // multicast
      {0xF0000000, 4},   // reserved, broadcast
  };
  for (const Block& b : kNotPublic) {
    if ((v >> (32 - b.bits)) == (b.base >> (32 - b.bits))) return false;
  }
  return true;
}

bool IsPublicV6(const unsigned char a[16]) {
  static constexpr unsigned char kMappedV4[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a, kMappedV4, 12) == 0) return IsPublicV4(a + 12);
  const bool unspecified_or_loopback =
      std::all_of(a, a + 15, [](unsigned char c) { return c == 0; });  // :: and ::1
  const bool unique_local = (a[0] & 0xfe) == 0xfc;                     // fc00::/7
  const bool link_local = a[0] == 0xfe && (a[1] & 0xc0) == 0x80;       // fe80::/10
  const bool multicast = a[0] == 0xff;
  const bool documentation = a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8;
  return !(unspecified_or_loopback || unique_local || link_local || multicast || documentation);
}

}  // namespace

bool IsPublicAddress(absl::string_view ip) {
  const std::string text(ip);
  unsigned char bytes[16];
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) return IsPublicV4(bytes);
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) return IsPublicV6(bytes);
  return false;
}

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
  // An address is checked now; a name where it resolves, at each delivery (http_post.h).
  // Digits and dots are an address too: curl reads "2130706433" and "127.1" as 127.0.0.1.
  const bool bracketed = host.front() == '[';
  const std::string address = bracketed ? host.substr(1, host.size() - 2) : host;
  const bool numeric = bracketed || address.find_first_not_of("0123456789.") == std::string::npos ||
                       absl::StartsWithIgnoreCase(address, "0x");
  if ((numeric || host == "localhost") && !IsPublicAddress(address) &&
      !(allow_http_loopback && IsLoopback(host))) {
    return InvalidField("subscription.url",
                        "must not name a private, loopback or link-local address");
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
