// Who is calling. The gateway verifies the bearer token, checks the principal's shape
// (ValidatePrincipal) and passes it to services as metadata (AttachPrincipal), dropping
// anything a caller sent under these names; a service trusts only its internal network for
// it, and checks the shape again when it reads it (PrincipalFrom).
//
// Metadata is ASCII, and a value gRPC cannot carry aborts the process that adds it, so
// nothing reaches metadata unchecked: codes (tenant, partner, roles) must match their
// patterns; free text (subject, purpose) travels percent-encoded. Each role travels as its
// own x-assure-roles entry: one value is one role, never split or trimmed.
#ifndef ASSURE_SERVICES_COMMON_PRINCIPAL_H_
#define ASSURE_SERVICES_COMMON_PRINCIPAL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/client_context.h"
#include "grpcpp/server_context.h"

namespace assure {

inline constexpr char kSubjectHeader[] = "x-assure-subject";  // percent-encoded
inline constexpr char kRolesHeader[] = "x-assure-roles";      // one entry per role
inline constexpr char kTenantHeader[] = "x-assure-tenant";    // the local authority's code
inline constexpr char kPartnerHeader[] = "x-assure-partner";  // partner organisations only
inline constexpr char kPurposeHeader[] = "x-assure-purpose";  // why; percent-encoded

inline constexpr size_t kMaxSubjectBytes = 256;
inline constexpr size_t kMaxPurposeBytes = 256;
inline constexpr size_t kMaxRoles = 32;

struct Principal {
  std::string subject;
  std::vector<std::string> roles;
  std::string tenant;
  std::string partner;
  std::string purpose;
  // The W3C traceparent the call came under ("" if none, or not well formed): passed on with
  // the principal to every call made on its behalf, through outboxes too.
  std::string traceparent = {};

  bool HasRole(absl::string_view role) const;
  bool HasAnyRole(const std::vector<absl::string_view>& roles) const;
};

// UNAUTHENTICATED naming the claim unless: subject is 1-256 bytes of UTF-8 without control
// characters; tenant and partner are codes (a letter or digit, then letters, digits, '_' or
// '-', at most 64); each role is a role name (a lower-case letter, then lower-case letters,
// digits or '_', at most 64), at most 32 of them; a partner role comes with its partner, and
// a partner's principal carries partner roles only.
absl::Status ValidatePrincipal(const Principal& p);
// INVALID_ARGUMENT naming x-assure-purpose when longer than 256 bytes or not UTF-8 text.
absl::Status ValidatePurpose(absl::string_view purpose);
// True for a tenant or partner code as ValidatePrincipal reads it.
bool IsTenantCode(absl::string_view code);

// Free text as it travels in metadata: bytes outside printable ASCII, and '%', as %XX.
std::string EncodeMetadataText(absl::string_view text);
// False when `value` is not such an encoding.
bool DecodeMetadataText(absl::string_view value, std::string* text);

// Adds a validated principal to an outgoing call's metadata.
void AttachPrincipal(const Principal& p, grpc::ClientContext& ctx);

// UNAUTHENTICATED when subject or tenant is missing or the principal is malformed.
absl::StatusOr<Principal> PrincipalFrom(const grpc::ServerContextBase& context);

// Roles the suite knows. A role not listed here grants nothing.
namespace role {
inline constexpr absl::string_view kIro = "iro";
inline constexpr absl::string_view kIroManager = "iro_manager";
inline constexpr absl::string_view kSocialWorker = "social_worker";
inline constexpr absl::string_view kTeamManager = "team_manager";
inline constexpr absl::string_view kSeniorManager = "senior_manager";
inline constexpr absl::string_view kFinance = "finance";
inline constexpr absl::string_view kAuditor = "auditor";
// Information governance: answers subject access requests from the access records.
inline constexpr absl::string_view kRecordsOfficer = "records_officer";
inline constexpr absl::string_view kAdvocate = "advocate";
inline constexpr absl::string_view kCaseSystem = "case_system";
inline constexpr absl::string_view kAdmin = "admin";
// Roles held by partner organisations' staff: scoped to what is referred to their partner.
inline const std::vector<absl::string_view> kPartnerRoles = {kAdvocate};
}  // namespace role

// PERMISSION_DENIED unless the principal has one of `allowed` (admin always may).
absl::Status Authorize(const Principal& who, const std::vector<absl::string_view>& allowed,
                       absl::string_view method);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_PRINCIPAL_H_
