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

TEST(ParseFilter, KeysAComparisonByFieldAndOperator) {
  auto terms = ParseFilter(R"(due_date >= "2027-01-04" AND due_date<=2027-02-01 AND kind = X)",
                           {"due_date>=", "due_date<=", "kind"});
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_EQ(terms->at("due_date>="), "2027-01-04");
  EXPECT_EQ(terms->at("due_date<="), "2027-02-01");
  EXPECT_EQ(terms->at("kind"), "X");
}

TEST(ParseFilter, RefusesAComparisonNotAllowedForTheField) {
  auto terms = ParseFilter("kind > 3", {"kind"});
  ASSERT_FALSE(terms.ok());
  EXPECT_NE(terms.status().message().find("kind>"), std::string::npos);
}

TEST(DayTerm, TakesOnlyARealDate) {
  auto terms = ParseFilter("due_date >= 2027-02-30 AND due_date <= 2027-03-01",
                           {"due_date>=", "due_date<="});
  ASSERT_TRUE(terms.ok());
  EXPECT_EQ(DayTerm(*terms, "due_date>=").status().code(), absl::StatusCode::kInvalidArgument);
  auto to = DayTerm(*terms, "due_date<=");
  ASSERT_TRUE(to.ok());
  EXPECT_EQ(**to, "2027-03-01");
  EXPECT_FALSE(DayTerm(*terms, "due_date>").value().has_value());
}

TEST(CheckOrderBy, AcceptsOnlyListedOrders) {
  EXPECT_TRUE(CheckOrderBy("", {"name"}).ok());
  EXPECT_TRUE(CheckOrderBy("name", {"name"}).ok());
  EXPECT_FALSE(CheckOrderBy("due_date desc", {"name"}).ok());
}

}  // namespace
}  // namespace assure
