#include "services/common/principal.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/errors.h"
#include "services/common/text.h"
#include "services/common/trace.h"

namespace assure {
namespace {

absl::Status BadClaim(absl::string_view claim, absl::string_view rule) {
  return WithReason(absl::UnauthenticatedError(absl::StrCat("claim '", claim, "' ", rule)),
                    "CLAIM_INVALID", {{"claim", std::string(claim)}});
}

bool IsCodeChar(char c) { return absl::ascii_isalnum(c) || c == '_' || c == '-'; }

bool IsRoleName(absl::string_view r) {
  if (r.empty() || r.size() > 64 || !absl::ascii_islower(r[0])) return false;
  return std::all_of(r.begin(), r.end(), [](char c) {
    return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_';
  });
}

}  // namespace

std::string EncodeMetadataText(absl::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f && c != '%') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

bool DecodeMetadataText(absl::string_view s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out->push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size() || !absl::ascii_isxdigit(s[i + 1]) || !absl::ascii_isxdigit(s[i + 2])) {
      return false;
    }
    auto nibble = [](char c) { return absl::ascii_isdigit(c) ? c - '0' : absl::ascii_tolower(c) - 'a' + 10; };
    out->push_back(static_cast<char>(nibble(s[i + 1]) * 16 + nibble(s[i + 2])));
    i += 2;
  }
  return true;
}

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

bool IsTenantCode(absl::string_view code) {
  return !code.empty() && code.size() <= 64 && absl::ascii_isalnum(code[0]) &&
         std::all_of(code.begin(), code.end(), IsCodeChar);
}

absl::Status ValidatePrincipal(const Principal& p) {
  if (p.subject.empty() || p.subject.size() > kMaxSubjectBytes || !IsPlainText(p.subject)) {
    return BadClaim("sub", "must be 1-256 bytes of UTF-8 text without control characters");
  }
  if (!IsTenantCode(p.tenant)) {
    return BadClaim("tenant", "must be a code: a letter or digit, then letters, digits, '_' or "
                              "'-', at most 64");
  }
  if (!p.partner.empty() && !IsTenantCode(p.partner)) {
    return BadClaim("partner", "must be a code: a letter or digit, then letters, digits, '_' "
                               "or '-', at most 64");
  }
  if (p.roles.size() > kMaxRoles) return BadClaim("roles", "has more than 32 roles");
  for (const std::string& r : p.roles) {
    if (!IsRoleName(r)) {
      return BadClaim("roles", "holds a value that is not a role name (a lower-case letter, "
                               "then lower-case letters, digits or '_', at most 64)");
    }
  }
  const bool partner_role = p.HasAnyRole(role::kPartnerRoles);
  if (partner_role && p.partner.empty()) {
    return BadClaim("partner", "is required with a partner role (advocate)");
  }
  if (!p.partner.empty()) {
    for (const std::string& r : p.roles) {
      if (std::find(role::kPartnerRoles.begin(), role::kPartnerRoles.end(), r) ==
          role::kPartnerRoles.end()) {
        return BadClaim("roles", "of a partner's principal may hold partner roles only");
      }
    }
  }
  return absl::OkStatus();
}

absl::Status ValidatePurpose(absl::string_view purpose) {
  if (purpose.size() > kMaxPurposeBytes || !IsPlainText(purpose)) {
    return absl::InvalidArgumentError(
        "x-assure-purpose: must be at most 256 bytes of UTF-8 text without control characters");
  }
  return absl::OkStatus();
}

void AttachPrincipal(const Principal& p, grpc::ClientContext& ctx) {
  ctx.AddMetadata(kSubjectHeader, EncodeMetadataText(p.subject));
  ctx.AddMetadata(kTenantHeader, p.tenant);
  for (const std::string& r : p.roles) ctx.AddMetadata(kRolesHeader, r);
  if (!p.partner.empty()) ctx.AddMetadata(kPartnerHeader, p.partner);
  if (!p.purpose.empty()) ctx.AddMetadata(kPurposeHeader, EncodeMetadataText(p.purpose));
  if (!p.traceparent.empty()) ctx.AddMetadata(kTraceparentHeader, p.traceparent);
}

absl::StatusOr<Principal> PrincipalFrom(const grpc::ServerContextBase& context) {
  Principal p;
  const std::string subject = Header(context, kSubjectHeader);
  p.tenant = Header(context, kTenantHeader);
  if (subject.empty() || p.tenant.empty()) {
    return WithReason(
        absl::UnauthenticatedError("no authenticated principal: call through the gateway"),
        "PRINCIPAL_MISSING");
  }
  if (!DecodeMetadataText(subject, &p.subject)) return BadClaim("sub", "is not percent-encoded");
  if (!DecodeMetadataText(Header(context, kPurposeHeader), &p.purpose) || !ValidatePurpose(p.purpose).ok()) {
    return BadClaim("purpose", "is not percent-encoded text of at most 256 bytes");
  }
  p.partner = Header(context, kPartnerHeader);
  if (std::string trace = Header(context, kTraceparentHeader); TraceContext::Parse(trace)) {
    p.traceparent = std::move(trace);
  }
  const auto roles = context.client_metadata().equal_range(kRolesHeader);
  for (auto it = roles.first; it != roles.second; ++it) {
    p.roles.emplace_back(it->second.data(), it->second.size());
  }
  if (auto st = ValidatePrincipal(p); !st.ok()) return st;
  return p;
}

absl::Status Authorize(const Principal& who, const std::vector<absl::string_view>& allowed,
                       absl::string_view method) {
  if (who.HasRole(role::kAdmin) || who.HasAnyRole(allowed)) return absl::OkStatus();
  return WithReason(absl::PermissionDeniedError(absl::StrCat(method, " needs one of the roles: ",
                                                            absl::StrJoin(allowed, ", "))),
                    "ROLE_NOT_PERMITTED", {{"method", std::string(method)}});
}

}  // namespace assure
