#include "services/common/errors.h"

#include <algorithm>
#include <iostream>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/any.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/common/text.h"

namespace assure {
namespace {

constexpr char kTypePrefix[] = "type.googleapis.com/";

template <typename Detail>
std::string TypeUrl() {
  return absl::StrCat(kTypePrefix, Detail::descriptor()->full_name());
}

template <typename Detail>
absl::Status WithDetail(absl::Status status, const Detail& detail) {
  status.SetPayload(TypeUrl<Detail>(), absl::Cord(detail.SerializeAsString()));
  return status;
}

google::rpc::ErrorInfo Info(absl::string_view reason,
                            const absl::flat_hash_map<std::string, std::string>& metadata) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(kErrorDomain);
  for (const auto& [k, v] : metadata) (*info.mutable_metadata())[k] = v;
  return info;
}

// The reason an error gives when its builder named none: the code's own name.
google::rpc::ErrorInfo DefaultInfo(int code) {
  return Info(absl::StatusCodeToString(static_cast<absl::StatusCode>(code)), {});
}

constexpr size_t kMaxViolations = 10;
constexpr size_t kViolationsInMessage = 1;

// Cut at `max` bytes, never inside a UTF-8 sequence; a message may echo a caller's bytes,
// which must still make a valid protobuf string.
std::string Bounded(absl::string_view raw, size_t max) {
  const std::string valid = ToValidUtf8(raw);
  absl::string_view text = valid;
  if (text.size() <= max) return std::string(text);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
  return absl::StrCat(text.substr(0, end), "...");
}

}  // namespace

void FieldViolations::Add(absl::string_view field, absl::string_view rule) {
  if (violations_.size() < kMaxViolations) {
    violations_.emplace_back(Bounded(field, 100), Bounded(rule, 200));
  } else {
    ++more_;
  }
}

absl::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return absl::OkStatus();
  google::rpc::BadRequest detail;
  std::string message;
  for (const auto& [field, rule] : violations_) {
    auto* v = detail.add_field_violations();
    v->set_field(field);
    v->set_description(rule);
    if (detail.field_violations_size() <= static_cast<int>(kViolationsInMessage)) {
      absl::StrAppend(&message, message.empty() ? "" : "; ", field, ": ", rule);
    }
  }
  if (violations_.size() > kViolationsInMessage) {
    absl::StrAppend(&message, "; and ", violations_.size() - kViolationsInMessage + more_,
                    " more in the details");
  }
  if (more_ > 0) {
    auto* v = detail.add_field_violations();
    v->set_field("*");
    v->set_description(absl::StrCat("and ", more_, " more violations not listed"));
  }
  return WithReason(WithDetail(absl::InvalidArgumentError(message), detail), "INVALID_FIELD",
                    {{"field", violations_.front().first}});
}

absl::Status InvalidField(absl::string_view field, absl::string_view rule) {
  FieldViolations v;
  v.Add(field, rule);
  return v.ToStatus();
}

absl::Status FailedRule(absl::string_view rule, absl::string_view description) {
  google::rpc::PreconditionFailure detail;
  auto* v = detail.add_violations();
  v->set_type("RULE");
  v->set_subject(Bounded(rule, 200));
  v->set_description(Bounded(description, 1000));
  return WithReason(
      WithDetail(absl::FailedPreconditionError(absl::StrCat(v->subject(), ": ", v->description())),
                 detail),
      "RULE_VIOLATED", {{"rule", v->subject()}});
}

absl::Status StaleEtag(absl::string_view resource, absl::string_view current_etag) {
  return WithReason(
      absl::AbortedError(
          absl::StrCat("etag: ", resource, " has changed since it was read; read it again")),
      "STALE_ETAG",
      {{"resource", std::string(resource)}, {"current_etag", std::string(current_etag)}});
}

absl::Status CheckEtag(absl::string_view sent, absl::string_view current,
                       absl::string_view resource) {
  if (!sent.empty() && sent != current) return StaleEtag(resource, current);
  return absl::OkStatus();
}

absl::Status NotFound(absl::string_view resource) {
  google::rpc::ResourceInfo detail;
  detail.set_resource_name(std::string(resource));
  return WithReason(
      WithDetail(absl::NotFoundError(absl::StrCat(resource, " does not exist")), detail),
      "RESOURCE_NOT_FOUND", {{"resource", detail.resource_name()}});
}

absl::Status AlreadyExists(absl::string_view resource) {
  google::rpc::ResourceInfo detail;
  detail.set_resource_name(std::string(resource));
  return WithReason(
      WithDetail(absl::AlreadyExistsError(absl::StrCat(resource, " already exists")), detail),
      "RESOURCE_EXISTS", {{"resource", detail.resource_name()}});
}

absl::Status RateLimited(absl::Duration retry_after) {
  google::rpc::RetryInfo retry;
  const int64_t nanos = absl::ToInt64Nanoseconds(std::max(retry_after, absl::ZeroDuration()));
  retry.mutable_retry_delay()->set_seconds(nanos / 1000000000);
  retry.mutable_retry_delay()->set_nanos(static_cast<int32_t>(nanos % 1000000000));
  return WithReason(
      WithDetail(absl::ResourceExhaustedError("rate limit: too many requests; slow down and retry"),
                 retry),
      "RATE_LIMITED");
}

absl::Status WithReason(absl::Status status, absl::string_view reason,
                        const absl::flat_hash_map<std::string, std::string>& metadata) {
  return WithDetail(std::move(status), Info(reason, metadata));
}

grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view trace_id) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  std::string message(status.message());
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown ||
      status.code() == absl::StatusCode::kDataLoss) {
    std::cerr << R"({"event":"internal_error","detail":")" << absl::CHexEscape(status.message())
              << (trace_id.empty() ? "" : R"(","trace_id":")") << absl::CHexEscape(trace_id)
              << "\"}\n";
    message = "internal error";
  }
  google::rpc::Status rpc;
  rpc.set_code(static_cast<int>(code));
  rpc.set_message(ToValidUtf8(message));
  // absl leaves the payloads' order unspecified; callers get the details in one order.
  std::vector<std::pair<std::string, std::string>> payloads;
  status.ForEachPayload([&payloads](absl::string_view type_url, const absl::Cord& payload) {
    payloads.emplace_back(std::string(type_url), std::string(payload));
  });
  std::sort(payloads.begin(), payloads.end());
  for (auto& [type_url, value] : payloads) {
    auto* any = rpc.add_details();
    any->set_type_url(std::move(type_url));
    any->set_value(std::move(value));
  }
  if (!status.GetPayload(TypeUrl<google::rpc::ErrorInfo>())) {
    rpc.add_details()->PackFrom(DefaultInfo(static_cast<int>(code)));
  }
  return grpc::Status(code, message, rpc.SerializeAsString());
}

grpc::Status WithErrorInfo(const grpc::Status& status) {
  if (status.ok()) return status;
  google::rpc::Status rpc;
  if (status.error_details().empty()) {
    rpc.set_code(static_cast<int>(status.error_code()));
    rpc.set_message(ToValidUtf8(status.error_message()));
  } else if (!rpc.ParseFromString(status.error_details())) {
    return status;  // details of some other shape: not ours to rewrite
  }
  for (const auto& any : rpc.details()) {
    if (any.Is<google::rpc::ErrorInfo>()) return status;
  }
  rpc.add_details()->PackFrom(DefaultInfo(static_cast<int>(status.error_code())));
  return grpc::Status(status.error_code(), status.error_message(), rpc.SerializeAsString());
}

std::optional<absl::Duration> RetryAfter(const grpc::Status& status) {
  google::rpc::Status rpc;
  if (status.error_details().empty() || !rpc.ParseFromString(status.error_details())) {
    return std::nullopt;
  }
  for (const auto& any : rpc.details()) {
    google::rpc::RetryInfo retry;
    if (!any.UnpackTo(&retry)) continue;
    return absl::Seconds(retry.retry_delay().seconds()) +
           absl::Nanoseconds(retry.retry_delay().nanos());
  }
  return std::nullopt;
}

}  // namespace assure
