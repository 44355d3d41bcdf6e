// The gateway's OpenAPI document: one Swagger 2.0 document for every public service, merged
// from those protoc-gen-swagger writes per service at build time (protos/CMakeLists.txt).
// Each service's definitions are named under its own prefix ("reviews.v1Child"), since two
// packages may hold messages of the same name, and every reference is rewritten to match.
// Each message's google.api.field_behavior is added as Swagger's "required" and "readOnly".
#ifndef ASSURE_GATEWAY_OPENAPI_H_
#define ASSURE_GATEWAY_OPENAPI_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/embedded_file.h"

namespace assure_data::openapi {
const std::vector<assure::EmbeddedFile>& Files();  // one per service, built with the protos
}

namespace assure::gateway {

// INTERNAL if a document does not parse or two services claim the same path and verb.
absl::StatusOr<std::string> MergeOpenApi(const std::vector<EmbeddedFile>& documents);
// The document of this build's services.
inline absl::StatusOr<std::string> BuiltInOpenApi() {
  return MergeOpenApi(assure_data::openapi::Files());
}

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_OPENAPI_H_
