#include "services/common/listing.h"

#include "gtest/gtest.h"

namespace assure {
namespace {

TEST(PageSize, ZeroMeansTheDefaultAndLargeIsCapped) {
  EXPECT_EQ(*PageSize(0), kDefaultPageSize);
  EXPECT_EQ(*PageSize(5000), kMaxPageSize);
  EXPECT_EQ(PageSize(-1).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PageToken, RoundTripsForTheSameQuery) {
  const std::string token = EncodePageToken("children/42", "filter=x");
  EXPECT_EQ(*DecodePageToken(token, "filter=x"), "children/42");
  EXPECT_EQ(*DecodePageToken("", "filter=x"), "");
}

TEST(PageToken, IsRefusedForAnotherQuery) {
  const std::string token = EncodePageToken("children/42", "filter=x");
  EXPECT_EQ(DecodePageToken(token, "filter=y").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodePageToken("%%%", "").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ParseFilter, ReadsTermsJoinedByAnd) {
  auto terms = ParseFilter(R"(state = "open" AND overdue = true)", {"state", "overdue"});
  ASSERT_TRUE(terms.ok());
  EXPECT_EQ(terms->at("state"), "open");
  EXPECT_EQ(terms->at("overdue"), "true");
}

TEST(ParseFilter, NamesAFieldThatCannotBeFiltered) {
  auto terms = ParseFilter("colour = red", {"state"});
  ASSERT_FALSE(terms.ok());
  EXPECT_NE(terms.status().message().find("colour"), std::string::npos);
}

TEST(CheckOrderBy, AcceptsOnlyListedOrders) {
  EXPECT_TRUE(CheckOrderBy("", {"name"}).ok());
  EXPECT_TRUE(CheckOrderBy("name", {"name"}).ok());
  EXPECT_FALSE(CheckOrderBy("due_date desc", {"name"}).ok());
}

}  // namespace
}  // namespace assure
