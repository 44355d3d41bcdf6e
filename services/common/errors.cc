#include "services/common/errors.h"

#include <iostream>

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
absl::Status WithDetail(absl::Status status, const Detail& detail) {
  status.SetPayload(absl::StrCat(kTypePrefix, Detail::descriptor()->full_name()),
                    absl::Cord(detail.SerializeAsString()));
  return status;
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
  return WithDetail(absl::InvalidArgumentError(message), detail);
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
  return WithDetail(
      absl::FailedPreconditionError(absl::StrCat(v->subject(), ": ", v->description())), detail);
}

absl::Status StaleEtag(absl::string_view resource, absl::string_view current_etag) {
  google::rpc::ErrorInfo detail;
  detail.set_reason("STALE_ETAG");
  detail.set_domain("assure");
  (*detail.mutable_metadata())["resource"] = std::string(resource);
  (*detail.mutable_metadata())["current_etag"] = std::string(current_etag);
  return WithDetail(absl::AbortedError(absl::StrCat(
                        "etag: ", resource, " has changed since it was read; read it again")),
                    detail);
}

absl::Status CheckEtag(absl::string_view sent, absl::string_view current,
                       absl::string_view resource) {
  if (!sent.empty() && sent != current) return StaleEtag(resource, current);
  return absl::OkStatus();
}

absl::Status NotFound(absl::string_view resource) {
  google::rpc::ResourceInfo detail;
  detail.set_resource_name(std::string(resource));
  return WithDetail(absl::NotFoundError(absl::StrCat(resource, " does not exist")), detail);
}

absl::Status AlreadyExists(absl::string_view resource) {
  google::rpc::ResourceInfo detail;
  detail.set_resource_name(std::string(resource));
  return WithDetail(absl::AlreadyExistsError(absl::StrCat(resource, " already exists")), detail);
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  std::string message(status.message());
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown ||
      status.code() == absl::StatusCode::kDataLoss) {
    std::cerr << R"({"event":"internal_error","detail":")" << absl::CHexEscape(status.message())
              << "\"}\n";
    message = "internal error";
  }
  google::rpc::Status rpc;
  rpc.set_code(static_cast<int>(code));
  rpc.set_message(ToValidUtf8(message));
  status.ForEachPayload([&rpc](absl::string_view type_url, const absl::Cord& payload) {
    auto* any = rpc.add_details();
    any->set_type_url(std::string(type_url));
    any->set_value(std::string(payload));
  });
  return grpc::Status(code, message, rpc.SerializeAsString());
}

}  // namespace assure
