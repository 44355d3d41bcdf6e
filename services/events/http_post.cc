#include "services/events/http_post.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <sys/socket.h>

#include <memory>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "services/events/webhook_rules.h"

namespace assure::events {
namespace {

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

// The address text of a socket address curl is about to connect to.
std::string AddressText(const curl_sockaddr& a) {
  char text[INET6_ADDRSTRLEN] = "";
  if (a.family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&a.addr)->sin_addr, text, sizeof text);
  } else if (a.family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&a.addr)->sin6_addr, text,
              sizeof text);
  }
  return text;
}

// CURLOPT_OPENSOCKETFUNCTION: opens the socket only to a public address; otherwise notes the
// address (in `refused`) and refuses, so curl tries the name's next address or fails.
curl_socket_t OpenPublicOnly(void* refused, curlsocktype, curl_sockaddr* address) {
  const std::string text = AddressText(*address);
  if (!IsPublicAddress(text)) {
    *static_cast<std::string*>(refused) = text;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

}  // namespace

absl::Status PostJson(const std::string& url, const std::string& body,
                      const std::vector<std::pair<std::string, std::string>>& headers,
                      absl::Duration timeout, bool private_addresses) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return absl::UnavailableError("cannot start an HTTP request");
  curl_slist* list = curl_slist_append(nullptr, "Content-Type: application/json");
  // Sent at once: no round trip asking whether the body is welcome.
  list = curl_slist_append(list, "Expect:");
  for (const auto& [name, value] : headers) {
    list = curl_slist_append(list, absl::StrCat(name, ": ", value).c_str());
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(list,
                                                                          curl_slist_free_all);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(absl::ToInt64Milliseconds(timeout)));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Discard);
  std::string refused;
  if (!private_addresses) {
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, OpenPublicOnly);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &refused);
  }
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK && !refused.empty()) {
    return absl::UnavailableError(absl::StrCat("refused: ", refused, " is not a public address"));
  }
  if (code != CURLE_OK) return absl::UnavailableError(curl_easy_strerror(code));
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) return absl::UnavailableError(absl::StrCat("HTTP ", status));
  return absl::OkStatus();
}

}  // namespace assure::events
