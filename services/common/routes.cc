#include "services/common/routes.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "grpcpp/create_channel.h"

namespace assure {
namespace {

// The channel target for a route's address: host:port as it is (dns:/// names included), or
// several replicas' IPv4 addresses joined by '|', balanced round robin (the launcher's
// --replicas, where no DNS name resolves to them all).
absl::StatusOr<std::string> Target(absl::string_view address) {
  if (address.find('|') == absl::string_view::npos) return std::string(address);
  std::vector<std::string> parts;
  for (absl::string_view part : absl::StrSplit(address, '|')) {
    if (part.find(':') == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("--routes: '", part, "' is not an IPv4 host:port"));
    }
    parts.emplace_back(part);
  }
  return absl::StrCat("ipv4:", absl::StrJoin(parts, ","));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Routes>> Routes::Parse(absl::string_view flag,
                                                      int max_message_bytes) {
  auto routes = std::make_unique<Routes>();
  for (absl::string_view entry : absl::StrSplit(flag, ',', absl::SkipWhitespace())) {
    std::vector<absl::string_view> kv = absl::StrSplit(entry, absl::MaxSplits('=', 1));
    if (kv.size() != 2 || kv[0].empty() || kv[1].find(':') == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("--routes: '", entry, "' is not package=host:port"));
    }
    auto b = std::make_unique<Backend>();
    b->package = std::string(absl::StripAsciiWhitespace(kv[0]));
    b->address = std::string(absl::StripAsciiWhitespace(kv[1]));
    grpc::ChannelArguments args;
    // A backend that restarts is used again within a second, not after gRPC's default
    // backoff of up to two minutes.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
    args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
    args.SetMaxReceiveMessageSize(max_message_bytes);
    args.SetMaxSendMessageSize(max_message_bytes);
    // With a name that resolves to every replica (dns:/// and a headless Service), calls
    // are spread over all of them rather than pinned to the first connection.
    args.SetLoadBalancingPolicyName("round_robin");
    auto target = Target(b->address);
    if (!target.ok()) return target.status();
    b->channel = grpc::CreateCustomChannel(*target, grpc::InsecureChannelCredentials(), args);
    b->stub = std::make_unique<grpc::GenericStub>(b->channel);
    routes->backends_.push_back(std::move(b));
  }
  if (routes->backends_.empty()) return absl::InvalidArgumentError("--routes: no routes given");
  return routes;
}

Backend* Routes::ForService(absl::string_view service) const {
  const size_t dot = service.rfind('.');
  if (dot == absl::string_view::npos) return nullptr;
  const absl::string_view package = service.substr(0, dot);
  for (const auto& b : backends_) {
    if (b->package == package) return b.get();
  }
  return nullptr;
}

Backend* Routes::ForMethod(absl::string_view method) const {
  absl::ConsumePrefix(&method, "/");
  return ForService(method.substr(0, method.find('/')));
}

}  // namespace assure
