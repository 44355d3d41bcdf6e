// Who is calling. The gateway verifies the bearer token and passes the principal to services
// as metadata (stripping anything a caller sent under these names); a service trusts only
// its internal network for it.
#ifndef ASSURE_SERVICES_COMMON_PRINCIPAL_H_
#define ASSURE_SERVICES_COMMON_PRINCIPAL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/server_context.h"

namespace assure {

inline constexpr char kSubjectHeader[] = "x-assure-subject";
inline constexpr char kRolesHeader[] = "x-assure-roles";      // comma-separated
inline constexpr char kTenantHeader[] = "x-assure-tenant";    // the local authority's code
inline constexpr char kPartnerHeader[] = "x-assure-partner";  // partner organisations only
inline constexpr char kPurposeHeader[] = "x-assure-purpose";  // why a child's data is read

struct Principal {
  std::string subject;
  std::vector<std::string> roles;
  std::string tenant;
  std::string partner;
  std::string purpose;

  bool HasRole(absl::string_view role) const;
  bool HasAnyRole(const std::vector<absl::string_view>& roles) const;
};

// UNAUTHENTICATED when subject or tenant is missing.
absl::StatusOr<Principal> PrincipalFrom(const grpc::ServerContextBase& context);

// Roles the suite knows.
namespace role {
inline constexpr absl::string_view kIro = "iro";
inline constexpr absl::string_view kIroManager = "iro_manager";
inline constexpr absl::string_view kSocialWorker = "social_worker";
inline constexpr absl::string_view kTeamManager = "team_manager";
inline constexpr absl::string_view kSeniorManager = "senior_manager";
inline constexpr absl::string_view kFinance = "finance";
inline constexpr absl::string_view kAuditor = "auditor";
inline constexpr absl::string_view kAdvocate = "advocate";
inline constexpr absl::string_view kCaseSystem = "case_system";
inline constexpr absl::string_view kAdmin = "admin";
}  // namespace role

// PERMISSION_DENIED unless the principal has one of `allowed` (admin always may).
absl::Status Authorize(const Principal& who, const std::vector<absl::string_view>& allowed,
                       absl::string_view method);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_PRINCIPAL_H_
