#include "gateway/http/transcoder.h"

#include "assure/reviews/v1/reviews_service.pb.h"
#include "gateway/http/path_template.h"
#include "gateway/public_services.h"
#include "gmock/gmock.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace assure::gateway {
namespace {

namespace v1 = ::assure::reviews::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

TEST(PathTemplate, BindsAVariableWithAPattern) {
  auto t = *PathTemplate::Parse("/v1/{name=children/*/reviews/*}");
  EXPECT_THAT(*t.Match("/v1/children/C1/reviews/2"), ElementsAre(Pair("name", "children/C1/reviews/2")));
  EXPECT_FALSE(t.Match("/v1/children/C1").has_value());
  EXPECT_FALSE(t.Match("/v1/children/C1/reviews/2/decisions").has_value());
}

TEST(PathTemplate, MatchesACustomVerbOnlyWithItsVerb) {
  auto t = *PathTemplate::Parse("/v1/{name=children/*}:allocateIro");
  EXPECT_THAT(*t.Match("/v1/children/C1:allocateIro"), ElementsAre(Pair("name", "children/C1")));
  EXPECT_FALSE(t.Match("/v1/children/C1").has_value());
  auto plain = *PathTemplate::Parse("/v1/{name=children/*}");
  EXPECT_FALSE(plain.Match("/v1/children/C1:allocateIro").has_value());
}

TEST(PathTemplate, LiteralsAfterAVariableMustMatch) {
  auto t = *PathTemplate::Parse("/v1/{parent=children/*}/reviews");
  EXPECT_THAT(*t.Match("/v1/children/C1/reviews"), ElementsAre(Pair("parent", "children/C1")));
  EXPECT_FALSE(t.Match("/v1/children/C1/decisions").has_value());
}

TEST(PathTemplate, DoubleStarTakesTheRest) {
  auto t = *PathTemplate::Parse("/v1/{path=files/**}");
  EXPECT_THAT(*t.Match("/v1/files/a/b/c"), ElementsAre(Pair("path", "files/a/b/c")));
}

class TranscoderTest : public ::testing::Test {
 protected:
  Transcoder t_ = *Transcoder::ForServices(PublicServices());
};

TEST_F(TranscoderTest, EveryAnnotatedMethodOfEveryPublicServiceHasARoute) {
  size_t methods = 0;
  for (const std::string& service : PublicServices()) {
    const auto* s = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
    for (int i = 0; i < s->method_count(); ++i) {
      // A server stream (WatchEvents) has no HTTP/JSON form: gRPC only.
      methods += s->method(i)->server_streaming() ? 0 : 1;
    }
  }
  // reviews, disputes, audits, allowances, actionplans, events
  EXPECT_EQ(PublicServices().size(), 6u);
  EXPECT_EQ(t_.routes().size(), methods);
}

TEST_F(TranscoderTest, APostFillsTheBodyFieldAndQueryParameters) {
  auto m = t_.Match("POST", "/v1/children");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->route->grpc_method, "/assure.reviews.v1.ReviewsService/CreateChild");
  auto bytes = t_.BuildRequest(*m, "childId=C%2D1&requestId=r1",
                               R"({"birthDate":{"year":2014,"month":3,"day":1}})");
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  v1::CreateChildRequest req;
  ASSERT_TRUE(req.ParseFromString(*bytes));
  EXPECT_EQ(req.child_id(), "C-1");
  EXPECT_EQ(req.request_id(), "r1");
  EXPECT_EQ(req.child().birth_date().year(), 2014);
}

TEST_F(TranscoderTest, APatchBindsTheNestedNameFromThePath) {
  auto m = t_.Match("PATCH", "/v1/children/C1");
  ASSERT_TRUE(m.has_value());
  auto bytes = t_.BuildRequest(*m, "updateMask=gender", R"({"gender":"F"})");
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  v1::UpdateChildRequest req;
  ASSERT_TRUE(req.ParseFromString(*bytes));
  EXPECT_EQ(req.child().name(), "children/C1");
  EXPECT_EQ(req.child().gender(), "F");
  EXPECT_THAT(req.update_mask().paths(), ElementsAre("gender"));
}

TEST_F(TranscoderTest, AGetTakesNestedAndEnumQueryParameters) {
  auto m = t_.Match("GET", "/v1/annualReport");
  ASSERT_TRUE(m.has_value());
  auto bytes = t_.BuildRequest(*m, "startDate.year=2026&startDate.month=4&startDate.day=1", "");
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  v1::GetAnnualReportRequest req;
  ASSERT_TRUE(req.ParseFromString(*bytes));
  EXPECT_EQ(req.start_date().month(), 4);
}

TEST_F(TranscoderTest, BadInputNamesTheParameter) {
  auto m = t_.Match("GET", "/v1/children");
  auto bad = t_.BuildRequest(*m, "pageSize=lots", "");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("pageSize"));
  auto post = t_.Match("POST", "/v1/children");
  EXPECT_THAT(t_.BuildRequest(*post, "", "{not json").status().message(), HasSubstr("body"));
  EXPECT_THAT(t_.BuildRequest(*post, "", R"({"noSuchField":1})").status().message(),
              HasSubstr("body"));
}

TEST_F(TranscoderTest, ResponsesUseTheProto3JsonMapping) {
  v1::Child child;
  child.set_name("children/C1");
  child.set_looked_after(true);
  child.mutable_birth_date()->set_year(2014);
  auto m = t_.Match("GET", "/v1/children/C1");
  auto json = t_.ResponseJson(*m->route, child.SerializeAsString());
  ASSERT_TRUE(json.ok());
  EXPECT_THAT(*json, HasSubstr(R"("lookedAfter":true)"));
  EXPECT_THAT(*json, HasSubstr(R"("birthDate":{"year":2014})"));
}

TEST(StatusJson, KeepsTheDetails) {
  google::rpc::Status rpc;
  rpc.set_code(3);
  rpc.set_message("child_id: is required");
  const std::string json =
      StatusJson(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "x", rpc.SerializeAsString()));
  EXPECT_THAT(json, HasSubstr(R"("code":3)"));
  EXPECT_THAT(json, HasSubstr("child_id: is required"));
}

}  // namespace
}  // namespace assure::gateway
