#include "services/common/errors.h"

#include <iostream>
#include <sstream>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace assure {
namespace {

google::rpc::Status Decode(const grpc::Status& st) {
  google::rpc::Status rpc;
  EXPECT_TRUE(rpc.ParseFromString(st.error_details()));
  return rpc;
}

// True if `st` carries a detail of `out`'s type, which is then filled.
template <typename Detail>
bool Unpack(const grpc::Status& st, Detail* out) {
  const google::rpc::Status rpc = Decode(st);
  for (const auto& any : rpc.details()) {
    if (any.UnpackTo(out)) return true;
  }
  return false;
}

TEST(FieldViolations, EveryBadFieldIsNamedInTheBadRequestDetail) {
  FieldViolations v;
  v.Add("child.birth_date", "is required");
  v.Add("child_id", "must not be empty");
  const grpc::Status st = ToGrpcStatus(v.ToStatus());
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::BadRequest bad;
  ASSERT_EQ(Decode(st).details_size(), 2) << "the BadRequest, then its ErrorInfo";
  ASSERT_TRUE(Unpack(st, &bad));
  ASSERT_EQ(bad.field_violations_size(), 2);
  EXPECT_EQ(bad.field_violations(0).field(), "child.birth_date");
  EXPECT_EQ(bad.field_violations(1).field(), "child_id");
}

TEST(FailedRule, NamesTheRuleInAPreconditionFailure) {
  const grpc::Status st = ToGrpcStatus(FailedRule("report.separation_of_duties", "not yours"));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  google::rpc::PreconditionFailure detail;
  ASSERT_TRUE(Unpack(st, &detail));
  EXPECT_EQ(detail.violations(0).subject(), "report.separation_of_duties");
}

TEST(ToGrpcStatus, InternalErrorsLoseTheirText) {
  const grpc::Status st = ToGrpcStatus(absl::InternalError("SELECT * FROM secrets failed"));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(st.error_message(), "internal error");
}

TEST(ToGrpcStatus, AnInternalErrorIsLoggedUnderTheCallsTraceAndOnlyThere) {
  std::ostringstream captured;
  std::streambuf* was = std::cerr.rdbuf(captured.rdbuf());
  ToGrpcStatus(absl::InternalError("disk full"), "4bf92f3577b34da6a3ce929d0e0e4736");
  ToGrpcStatus(absl::InternalError("disk full"));
  std::cerr.rdbuf(was);
  const std::string log = captured.str();
  EXPECT_NE(log.find(R"({"event":"internal_error","detail":"disk full",)"
                     R"("trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"})"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find(R"({"event":"internal_error","detail":"disk full"})"), std::string::npos)
      << "no trace, no empty field";
}

TEST(StaleEtag, IsAborted) {
  EXPECT_EQ(ToGrpcStatus(StaleEtag("children/1", "3")).error_code(), grpc::StatusCode::ABORTED);
}

google::rpc::ErrorInfo InfoOf(const grpc::Status& st) {
  google::rpc::ErrorInfo info;
  if (!Unpack(st, &info)) ADD_FAILURE() << "no ErrorInfo in " << st.error_message();
  return info;
}

TEST(ErrorInfo, EveryErrorCarriesOneWithItsCodesNameWhenNoBuilderGaveAReason) {
  for (int code = 1; code <= 16; ++code) {
    const auto c = static_cast<absl::StatusCode>(code);
    const google::rpc::ErrorInfo info = InfoOf(ToGrpcStatus(absl::Status(c, "why")));
    EXPECT_EQ(info.domain(), "assure");
    EXPECT_EQ(info.reason(), absl::StatusCodeToString(c));
  }
}

TEST(ErrorInfo, BuildersGiveTheirOwnReasonAndWhatItConcerns) {
  auto rule = InfoOf(ToGrpcStatus(FailedRule("report.separation_of_duties", "not yours")));
  EXPECT_EQ(rule.reason(), "RULE_VIOLATED");
  EXPECT_EQ(rule.metadata().at("rule"), "report.separation_of_duties");
  auto field = InfoOf(ToGrpcStatus(InvalidField("child.birth_date", "is required")));
  EXPECT_EQ(field.reason(), "INVALID_FIELD");
  EXPECT_EQ(field.metadata().at("field"), "child.birth_date");
  EXPECT_EQ(InfoOf(ToGrpcStatus(NotFound("children/C1"))).reason(), "RESOURCE_NOT_FOUND");
  EXPECT_EQ(InfoOf(ToGrpcStatus(AlreadyExists("children/C1"))).reason(), "RESOURCE_EXISTS");
  EXPECT_EQ(InfoOf(ToGrpcStatus(StaleEtag("children/C1", "3"))).reason(), "STALE_ETAG");
}

TEST(ErrorInfo, AStatusFromElsewhereGainsOneAndOneAlreadyThereIsKept) {
  const grpc::Status bare(grpc::StatusCode::UNAVAILABLE, "backend down");
  EXPECT_EQ(InfoOf(WithErrorInfo(bare)).reason(), "UNAVAILABLE");
  EXPECT_EQ(WithErrorInfo(bare).error_message(), "backend down");
  const grpc::Status built = ToGrpcStatus(NotFound("children/C1"));
  EXPECT_EQ(WithErrorInfo(built).error_details(), built.error_details());
}

TEST(ErrorInfo, TheDetailsComeInOneOrderWhateverAbslKeeps) {
  const google::rpc::Status rpc = Decode(ToGrpcStatus(InvalidField("child_id", "is required")));
  ASSERT_EQ(rpc.details_size(), 2);
  EXPECT_TRUE(rpc.details(0).Is<google::rpc::BadRequest>());
  EXPECT_TRUE(rpc.details(1).Is<google::rpc::ErrorInfo>());
}

TEST(ErrorInfo, ARateLimitSaysWhenToComeBack) {
  const grpc::Status st = ToGrpcStatus(RateLimited(absl::Milliseconds(2500)));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(InfoOf(st).reason(), "RATE_LIMITED");
  EXPECT_EQ(RetryAfter(st), absl::Milliseconds(2500));
  EXPECT_EQ(RetryAfter(ToGrpcStatus(NotFound("x"))), std::nullopt);
}

}  // namespace
}  // namespace assure
