// Test helpers shared by service tests: a client context carrying a principal as the
// gateway would send it, a temporary folder, and readers for google.rpc error details.
#ifndef ASSURE_TESTS_SUPPORT_CALL_CONTEXT_H_
#define ASSURE_TESTS_SUPPORT_CALL_CONTEXT_H_

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "services/common/principal.h"

namespace assure::testing {

inline std::unique_ptr<grpc::ClientContext> As(const std::string& subject,
                                               const std::string& roles,
                                               const std::string& tenant = "LA1",
                                               const std::string& partner = "") {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!subject.empty()) ctx->AddMetadata(kSubjectHeader, subject);
  if (!roles.empty()) ctx->AddMetadata(kRolesHeader, roles);
  if (!tenant.empty()) ctx->AddMetadata(kTenantHeader, tenant);
  if (!partner.empty()) ctx->AddMetadata(kPartnerHeader, partner);
  return ctx;
}

// The fields named in a status's BadRequest detail.
inline std::vector<std::string> BadFields(const grpc::Status& st) {
  std::vector<std::string> fields;
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(st.error_details())) return fields;
  for (const auto& any : rpc.details()) {
    google::rpc::BadRequest bad;
    if (!any.UnpackTo(&bad)) continue;
    for (const auto& v : bad.field_violations()) fields.push_back(v.field());
  }
  return fields;
}

// The rule named in a status's PreconditionFailure detail, or "".
inline std::string FailedRuleOf(const grpc::Status& st) {
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(st.error_details())) return "";
  for (const auto& any : rpc.details()) {
    google::rpc::PreconditionFailure pf;
    if (any.UnpackTo(&pf) && pf.violations_size() > 0) return pf.violations(0).subject();
  }
  return "";
}

class TempDir {
 public:
  TempDir() {
    char templ[] = "/tmp/assure-test-XXXXXX";
    path_ = ::mkdtemp(templ);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace assure::testing

#endif  // ASSURE_TESTS_SUPPORT_CALL_CONTEXT_H_
