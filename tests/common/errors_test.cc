#include "services/common/errors.h"

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

TEST(FieldViolations, EveryBadFieldIsNamedInTheBadRequestDetail) {
  FieldViolations v;
  v.Add("child.birth_date", "is required");
  v.Add("child_id", "must not be empty");
  const grpc::Status st = ToGrpcStatus(v.ToStatus());
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::BadRequest bad;
  ASSERT_EQ(Decode(st).details_size(), 1);
  ASSERT_TRUE(Decode(st).details(0).UnpackTo(&bad));
  ASSERT_EQ(bad.field_violations_size(), 2);
  EXPECT_EQ(bad.field_violations(0).field(), "child.birth_date");
  EXPECT_EQ(bad.field_violations(1).field(), "child_id");
}

TEST(FailedRule, NamesTheRuleInAPreconditionFailure) {
  const grpc::Status st = ToGrpcStatus(FailedRule("report.separation_of_duties", "not yours"));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  google::rpc::PreconditionFailure detail;
  ASSERT_TRUE(Decode(st).details(0).UnpackTo(&detail));
  EXPECT_EQ(detail.violations(0).subject(), "report.separation_of_duties");
}

TEST(ToGrpcStatus, InternalErrorsLoseTheirText) {
  const grpc::Status st = ToGrpcStatus(absl::InternalError("SELECT * FROM secrets failed"));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(st.error_message(), "internal error");
}

TEST(StaleEtag, IsAborted) {
  EXPECT_EQ(ToGrpcStatus(StaleEtag("children/1", "3")).error_code(), grpc::StatusCode::ABORTED);
}

}  // namespace
}  // namespace assure
