// The OpenAPI document the gateway serves: merged from each service's generated document
// without one service's definitions overwriting another's, covering every HTTP route the
// gateway answers, with every reference resolving.
#include "gateway/openapi.h"

#include <algorithm>
#include <cctype>

#include "gateway/http/transcoder.h"
#include "gateway/public_services.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace assure::gateway {
namespace {

using nlohmann::json;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

void CollectRefs(const json& node, std::vector<std::string>& refs) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) {
        refs.push_back(value.get<std::string>());
      } else {
        CollectRefs(value, refs);
      }
    }
  } else if (node.is_array()) {
    for (const auto& item : node) CollectRefs(item, refs);
  }
}

TEST(OpenApiTest, TwoServicesMessagesOfTheSameNameStayApartAndTheirReferencesFollow) {
  const std::vector<EmbeddedFile> docs = {
      {"reviews_service.swagger.json",
       R"({"paths":{"/v1/a":{"get":{"responses":{"200":{"schema":{"$ref":"#/definitions/v1Decision"}}}}}},
           "definitions":{"v1Decision":{"properties":{"text":{"type":"string"}}}}})"},
      {"allowances_service.swagger.json",
       R"({"paths":{"/v1/b":{"get":{"responses":{"200":{"schema":{"$ref":"#/definitions/v1Decision"}}}}}},
           "definitions":{"v1Decision":{"properties":{"amount":{"type":"string"}}}}})"}};
  auto merged = MergeOpenApi(docs);
  ASSERT_TRUE(merged.ok()) << merged.status();
  const json doc = json::parse(*merged);
  EXPECT_EQ(doc["swagger"], "2.0");
  EXPECT_TRUE(doc["definitions"]["reviews.v1Decision"]["properties"].contains("text"));
  EXPECT_TRUE(doc["definitions"]["allowances.v1Decision"]["properties"].contains("amount"));
  EXPECT_EQ(doc["paths"]["/v1/b"]["get"]["responses"]["200"]["schema"]["$ref"],
            "#/definitions/allowances.v1Decision");
}

TEST(OpenApiTest, TwoServicesClaimingOnePathAndVerbOrABrokenDocumentAreRefused) {
  const std::string doc = R"({"paths":{"/v1/a":{"get":{}}},"definitions":{}})";
  EXPECT_FALSE(
      MergeOpenApi({{"a_service.swagger.json", doc}, {"b_service.swagger.json", doc}}).ok());
  EXPECT_FALSE(MergeOpenApi({{"a_service.swagger.json", "{not json"}}).ok());
}

TEST(OpenApiTest, TheBuiltDocumentHasEveryRouteTheGatewayAnswersAndNoDanglingReference) {
  auto text = BuiltInOpenApi();
  ASSERT_TRUE(text.ok()) << text.status();
  const json doc = json::parse(*text);
  auto transcoder = Transcoder::ForServices(PublicServices());
  ASSERT_TRUE(transcoder.ok()) << transcoder.status();
  ASSERT_GT(transcoder->routes().size(), 100u);
  size_t operations = 0;
  for (const auto& [path, verbs] : doc["paths"].items()) operations += verbs.size();
  EXPECT_EQ(operations, transcoder->routes().size());
  for (const auto& route : transcoder->routes()) {
    const std::string& path = route.path.text();
    EXPECT_TRUE(doc["paths"].contains(path) && doc["paths"][path].contains(Lower(route.verb)))
        << route.verb << " " << path;
  }
  EXPECT_TRUE(doc["paths"]["/v1/{parent=children/*}/referrals"].contains("post"));
  std::vector<std::string> refs;
  CollectRefs(doc, refs);
  ASSERT_FALSE(refs.empty());
  for (const auto& ref : refs) {
    const std::string name = ref.substr(std::string("#/definitions/").size());
    EXPECT_TRUE(doc["definitions"].contains(name)) << ref;
  }
}

TEST(OpenApiTest, PropertiesAreNamedAsTheGatewaysJsonAndMarkedRequiredOrOutputOnly) {
  auto text = BuiltInOpenApi();
  ASSERT_TRUE(text.ok()) << text.status();
  const json doc = json::parse(*text);
  const json& referral = doc.at("definitions").at("reviews.v1Referral");
  EXPECT_THAT(referral.at("required").get<std::vector<std::string>>(),
              ::testing::IsSupersetOf({"reason", "urgency", "partner"}));
  EXPECT_EQ(referral.at("properties").at("state").value("readOnly", false), true);
  EXPECT_FALSE(referral.at("properties").at("reason").contains("readOnly"));
  // Named as the gateway's JSON names them.
  EXPECT_FALSE(referral.at("properties").contains("advocate_allocate_time"));
  EXPECT_EQ(referral.at("properties").at("advocateAllocateTime").value("readOnly", false), true);
  // A message of the same name in another service keeps its own.
  const json& ours = doc.at("definitions").at("reviews.v1Decision");
  const json& theirs = doc.at("definitions").at("allowances.v1Decision");
  EXPECT_THAT(ours.at("required").get<std::vector<std::string>>(),
              ::testing::IsSupersetOf({"text", "owner"}));
  EXPECT_FALSE(theirs.contains("required"));
  EXPECT_EQ(theirs.at("properties").at("createTime").value("readOnly", false), true);
}

}  // namespace
}  // namespace assure::gateway
