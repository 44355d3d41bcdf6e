// Every read and write of a child's data leaves a record, and the records officer can list a
// child's, oldest first, for a subject access request; nobody else can.
#include "gmock/gmock.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

class AccessRecordsTest : public ReviewsServiceTest {
 protected:
  static std::unique_ptr<grpc::ClientContext> Officer(const std::string& tenant = "LA1") {
    return As("ig-1", "records_officer", tenant);
  }

  std::vector<std::pair<std::string, std::string>> Records(const std::string& child,
                                                           int page_size = 0) {
    v1::ListAccessRecordsRequest req;
    req.set_parent(child);
    req.set_page_size(page_size);
    std::vector<std::pair<std::string, std::string>> seen;
    do {
      v1::ListAccessRecordsResponse page;
      auto st = stub_->ListAccessRecords(Officer().get(), req, &page);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      for (const auto& r : page.access_records()) seen.emplace_back(r.method(), r.resource());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    return seen;
  }
};

TEST_F(AccessRecordsTest, ReadsAndWritesOfAChildAreListedOldestFirstAndNoOtherChilds) {
  CreateIro("iro-1");
  CreateLookedAfterChild("C1", D(2026, 10, 1));
  CreateLookedAfterChild("C10", D(2026, 10, 1));
  const v1::Review review = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);
  Schedule("C10", v1::REVIEW_KIND_LAC_REVIEW);
  auto ctx = Iro();
  ctx->AddMetadata(kPurposeHeader, "preparing the review");
  v1::GetChildRequest get_child;
  get_child.set_name("children/C1");
  v1::Child child;
  ASSERT_TRUE(stub_->GetChild(ctx.get(), get_child, &child).ok());
  v1::GetReviewRequest get_review;
  get_review.set_name(review.name());
  v1::Review read;
  ASSERT_TRUE(stub_->GetReview(Iro().get(), get_review, &read).ok());

  EXPECT_THAT(Records("children/C1"),
              ElementsAre(Pair("CreateChild", "children/C1"),
                          Pair("CreateReview", "children/C1/reviews/1"),
                          Pair("GetChild", "children/C1"),
                          Pair("GetReview", "children/C1/reviews/1")));
  v1::ListAccessRecordsRequest req;
  req.set_parent("children/C1");
  v1::ListAccessRecordsResponse out;
  ASSERT_TRUE(stub_->ListAccessRecords(Officer().get(), req, &out).ok());
  // The records say who, and why when the caller said so; listing them is itself recorded.
  ASSERT_GE(out.access_records_size(), 5);
  EXPECT_EQ(out.access_records(2).subject(), "iro-1");
  EXPECT_EQ(out.access_records(2).purpose(), "preparing the review");
  EXPECT_GT(out.access_records(2).access_time().seconds(), 0);
  EXPECT_EQ(out.access_records(4).method(), "ListAccessRecords");
  EXPECT_EQ(out.access_records(4).subject(), "ig-1");
}

TEST_F(AccessRecordsTest, PagesGiveTheSameRecordsAsOnePage) {
  CreateLookedAfterChild("C1", D(2026, 10, 1));
  v1::GetChildRequest get;
  get.set_name("children/C1");
  v1::Child child;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(stub_->GetChild(Iro().get(), get, &child).ok());
  const auto whole = Records("children/C1", 100);
  ASSERT_EQ(whole.size(), 5u);
  // Each listing is recorded once, at its first page: the paged one sees the first listing's
  // record and its own, and no more however many pages it takes.
  auto paged = Records("children/C1", 2);
  ASSERT_EQ(paged.size(), whole.size() + 2);
  EXPECT_EQ(paged.back(), std::make_pair(std::string("ListAccessRecords"), std::string("children/C1")));
  paged.resize(whole.size());
  EXPECT_EQ(paged, whole);
}

TEST_F(AccessRecordsTest, OnlyTheRecordsOfficerOfTheChildsAuthorityMayListThem) {
  CreateLookedAfterChild("C1", D(2026, 10, 1));
  v1::ListAccessRecordsRequest req;
  req.set_parent("children/C1");
  v1::ListAccessRecordsResponse out;
  EXPECT_EQ(stub_->ListAccessRecords(Manager().get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(stub_->ListAccessRecords(Officer("LA2").get(), req, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  req.set_parent("children/-");
  EXPECT_EQ(stub_->ListAccessRecords(Officer().get(), req, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace assure::reviews
