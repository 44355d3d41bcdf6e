// Each local authority is a tenant: another authority's caller sees, changes and counts none
// of its children, reviews or IROs, on SQLite and on PostgreSQL (where row-level security is
// a second wall behind the queries' own filter).
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/reviews/service_fixture.h"

namespace assure::reviews {
namespace {

using assure::testing::As;

TEST_F(ReviewsServiceTest, AnotherAuthoritySeesChangesAndCountsNoneOfATenantsData) {
  CreateIro("iro-1");
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::Child allocated;
  ASSERT_TRUE(Allocate("C1", "iro-1", &allocated).ok());
  const v1::Review review = Schedule("C1", v1::REVIEW_KIND_LAC_REVIEW);

  auto other_manager = [] { return As("mgr-9", "iro_manager", "LA2"); };
  v1::GetChildRequest get;
  get.set_name("children/C1");
  v1::Child child;
  EXPECT_EQ(stub_->GetChild(other_manager().get(), get, &child).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::GetReviewRequest get_review;
  get_review.set_name(review.name());
  v1::Review r;
  EXPECT_EQ(stub_->GetReview(other_manager().get(), get_review, &r).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ListChildrenRequest list;
  v1::ListChildrenResponse children;
  ASSERT_TRUE(stub_->ListChildren(other_manager().get(), list, &children).ok());
  EXPECT_EQ(children.children_size(), 0);
  v1::ListIrosRequest list_iros;
  v1::ListIrosResponse iros;
  ASSERT_TRUE(stub_->ListIros(other_manager().get(), list_iros, &iros).ok());
  EXPECT_EQ(iros.iros_size(), 0);
  v1::UpdateChildRequest update;
  update.mutable_child()->set_name("children/C1");
  update.mutable_child()->set_sibling_group("S9");
  update.mutable_update_mask()->add_paths("sibling_group");
  EXPECT_EQ(stub_->UpdateChild(As("mosaic", "case_system", "LA2").get(), update, &child)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::GetAnnualReportRequest report;
  *report.mutable_start_date() = D(2026, 1, 1);
  *report.mutable_end_date() = D(2026, 12, 31);
  v1::AnnualReport annual;
  ASSERT_TRUE(stub_->GetAnnualReport(other_manager().get(), report, &annual).ok());
  v1::AnnualReport empty;
  ASSERT_TRUE(stub_->GetAnnualReport(As("mgr-8", "iro_manager", "LA3").get(), report, &empty).ok());
  EXPECT_EQ(annual.SerializeAsString(), empty.SerializeAsString());
}

TEST_F(ReviewsServiceTest, TheSameCaseReferenceInTwoAuthoritiesIsTwoChildren) {
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::CreateChildRequest req;
  req.set_child_id("C1");
  *req.mutable_child()->mutable_birth_date() = D(2019, 1, 1);
  v1::Child theirs;
  ASSERT_TRUE(stub_->CreateChild(As("liquidlogic", "case_system", "LA2").get(), req, &theirs).ok());
  v1::GetChildRequest get;
  get.set_name("children/C1");
  v1::Child ours;
  ASSERT_TRUE(stub_->GetChild(Iro().get(), get, &ours).ok());
  EXPECT_EQ(ours.birth_date().year(), 2012);
  ASSERT_TRUE(stub_->GetChild(As("iro-9", "iro", "LA2").get(), get, &theirs).ok());
  EXPECT_EQ(theirs.birth_date().year(), 2019);
}

TEST_F(ReviewsServiceTest, ACallWithNoAuthorityGetsNoData) {
  CreateLookedAfterChild("C1", D(2026, 3, 2));
  v1::GetChildRequest get;
  get.set_name("children/C1");
  v1::Child child;
  EXPECT_EQ(stub_->GetChild(As("iro-1", "iro", "").get(), get, &child).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace assure::reviews
