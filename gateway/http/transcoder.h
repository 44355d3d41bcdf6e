// HTTP/JSON <-> gRPC from the google.api.http annotations compiled into the descriptors:
// no route is written by hand, so a newly annotated method is reachable over JSON as soon as
// its proto is linked. Path variables, query parameters and the body fill the request
// message; the response and errors go back in the proto3 JSON mapping (lowerCamelCase
// names, enums as strings, well-known types), errors as google.rpc.Status.
#ifndef ASSURE_GATEWAY_HTTP_TRANSCODER_H_
#define ASSURE_GATEWAY_HTTP_TRANSCODER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/http/path_template.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/support/status.h"

namespace assure::gateway {

struct HttpRoute {
  std::string verb;  // GET, POST, PATCH, PUT, DELETE
  PathTemplate path;
  std::string body;  // "", "*" or a field name
  const google::protobuf::MethodDescriptor* method;
  std::string grpc_method;  // "/package.Service/Method"
};

struct MatchedRoute {
  const HttpRoute* route;
  PathTemplate::Bindings bindings;
};

class Transcoder {
 public:
  // Routes for every annotated method of the named services (from the generated pool).
  static absl::StatusOr<Transcoder> ForServices(const std::vector<std::string>& services);

  // The route for a request, or nullptr.
  std::optional<MatchedRoute> Match(absl::string_view verb, absl::string_view path) const;
  // The verbs some route takes at `path`, in the order routes are listed, each once: what a
  // 405 answer's Allow header lists when the request's verb is not among them.
  std::vector<std::string> VerbsAt(absl::string_view path) const;

  // The serialized request message. INVALID_ARGUMENT names the field or parameter at fault.
  absl::StatusOr<std::string> BuildRequest(const MatchedRoute& match, absl::string_view query,
                                           absl::string_view body) const;
  // The response message as JSON.
  absl::StatusOr<std::string> ResponseJson(const HttpRoute& route, const std::string& bytes) const;

  const std::vector<HttpRoute>& routes() const { return routes_; }

 private:
  std::vector<HttpRoute> routes_;
};

// A gRPC status as JSON google.rpc.Status, details included.
std::string StatusJson(const grpc::Status& status);

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_HTTP_TRANSCODER_H_
