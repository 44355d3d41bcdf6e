#include "services/common/principal.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace assure {
namespace {

std::string Header(const grpc::ServerContextBase& context, absl::string_view key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

}  // namespace

bool Principal::HasRole(absl::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Principal::HasAnyRole(const std::vector<absl::string_view>& wanted) const {
  return std::any_of(wanted.begin(), wanted.end(), [this](absl::string_view r) { return HasRole(r); });
}

absl::StatusOr<Principal> PrincipalFrom(const grpc::ServerContextBase& context) {
  Principal p;
  p.subject = Header(context, kSubjectHeader);
  p.tenant = Header(context, kTenantHeader);
  p.partner = Header(context, kPartnerHeader);
  p.purpose = Header(context, kPurposeHeader);
  for (absl::string_view r : absl::StrSplit(Header(context, kRolesHeader), ',', absl::SkipEmpty())) {
    p.roles.emplace_back(absl::StripAsciiWhitespace(r));
  }
  if (p.subject.empty() || p.tenant.empty()) {
    return absl::UnauthenticatedError("no authenticated principal: call through the gateway");
  }
  return p;
}

absl::Status Authorize(const Principal& who, const std::vector<absl::string_view>& allowed,
                       absl::string_view method) {
  if (who.HasRole(role::kAdmin) || who.HasAnyRole(allowed)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(method, " needs one of the roles: ", absl::StrJoin(allowed, ", ")));
}

}  // namespace assure
