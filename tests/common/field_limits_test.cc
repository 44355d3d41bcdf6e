#include "services/common/field_limits.h"

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "services/common/errors.h"

namespace assure {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Named(const absl::Status& st) {
  google::rpc::Status rpc;
  EXPECT_TRUE(rpc.ParseFromString(ToGrpcStatus(st).error_details()));
  std::vector<std::string> fields;
  for (const auto& any : rpc.details()) {
    google::rpc::BadRequest bad;
    if (!any.UnpackTo(&bad)) continue;
    for (const auto& v : bad.field_violations()) fields.push_back(v.field());
  }
  return fields;
}

TEST(FieldLimits, FreeTextTakesFourThousandBytesAndNoMore) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(kMaxTextBytes, 'a'));
  EXPECT_TRUE(CheckFieldLimits(info).ok());
  info.set_reason(std::string(kMaxTextBytes + 1, 'a'));
  EXPECT_THAT(Named(CheckFieldLimits(info)), ElementsAre("reason"));
}

TEST(FieldLimits, ShortStringsTakeTwoHundredBytes) {
  google::rpc::ErrorInfo info;
  info.set_domain(std::string(kMaxShortStringBytes, 'a'));
  EXPECT_TRUE(CheckFieldLimits(info).ok());
  info.set_domain(std::string(2200000, 'a'));
  const absl::Status st = CheckFieldLimits(info);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Named(st), ElementsAre("domain"));
  EXPECT_LT(st.message().size(), 200u) << "the error never echoes the value";
}

TEST(FieldLimits, NestedAndRepeatedFieldsAreNamedByPath) {
  google::rpc::BadRequest bad;
  for (int i = 0; i < 5; ++i) bad.add_field_violations()->set_field("ok");
  bad.mutable_field_violations(3)->set_field(std::string(300, 'x'));
  EXPECT_THAT(Named(CheckFieldLimits(bad)), ElementsAre("field_violations[3].field"));
}

TEST(FieldLimits, ARepeatedFieldTakesTwoHundredEntries) {
  google::rpc::BadRequest bad;
  for (int i = 0; i < kMaxRepeated; ++i) bad.add_field_violations();
  EXPECT_TRUE(CheckFieldLimits(bad).ok());
  bad.add_field_violations();
  EXPECT_THAT(Named(CheckFieldLimits(bad)), ElementsAre("field_violations"));
}

TEST(FieldLimits, AFilterTakesAThousandBytes) {
  EXPECT_EQ(MaxBytesOf("filter"), kMaxFilterBytes);
  EXPECT_EQ(MaxBytesOf("override_reason"), kMaxTextBytes);
  EXPECT_EQ(MaxBytesOf("note"), kMaxTextBytes);
  EXPECT_EQ(MaxBytesOf("decision_reasons"), kMaxTextBytes);
  EXPECT_EQ(MaxBytesOf("conditions"), kMaxTextBytes);
  EXPECT_EQ(MaxBytesOf("gender"), kMaxShortStringBytes);
}

// Metadata carries the details base64-encoded and the message percent-encoded.
size_t MetadataBytes(const grpc::Status& st) {
  return st.error_details().size() * 4 / 3 + st.error_message().size() * 3;
}

TEST(FieldViolations, TwentyThousandFaultsStillFitInMetadata) {
  FieldViolations v;
  for (int i = 0; i < 20000; ++i) v.Add(std::string(1000, 'f'), std::string(7000, 'r'));
  const grpc::Status st = ToGrpcStatus(v.ToStatus());
  EXPECT_LT(MetadataBytes(st), 7000u);
  std::vector<std::string> fields = Named(v.ToStatus());
  ASSERT_EQ(fields.size(), 11u);
  EXPECT_EQ(fields.back(), "*");
}

TEST(FieldViolations, EchoedBytesThatAreNotUtf8StillMakeAReadableDetail) {
  FieldViolations v;
  v.Add("filter", "'\xff\xfe = 1' cannot be filtered on");
  const grpc::Status st = ToGrpcStatus(v.ToStatus());
  google::rpc::Status rpc;
  ASSERT_TRUE(rpc.ParseFromString(st.error_details()));
  google::rpc::BadRequest bad;
  ASSERT_TRUE(rpc.details(0).UnpackTo(&bad));
  EXPECT_EQ(bad.field_violations(0).description(),
            "'\xEF\xBF\xBD\xEF\xBF\xBD = 1' cannot be filtered on");
}

TEST(FailedRule, ALongDescriptionIsCut) {
  const grpc::Status st = ToGrpcStatus(FailedRule("rule", std::string(7000, 'd')));
  EXPECT_LT(MetadataBytes(st), 7000u);
}

}  // namespace
}  // namespace assure
