#include "services/allowances/annual_checks.h"

#include "gtest/gtest.h"
#include "tests/allowances/allowance_fixture.h"

namespace assure::allowances {
namespace {

// 16 on 10 May 2026.
v1::SupportedChild Sixteen() {
  v1::SupportedChild c = AChild();
  *c.mutable_birth_date() = Day(2010, 5, 10);
  return c;
}

TEST(EducationEvidence, NoneIsAskedOfAChildUnder16) {
  EXPECT_FALSE(EducationEvidenceDue(Sixteen(), absl::CivilDay(2026, 5, 9), 30));
  EXPECT_FALSE(MissingEducationEvidence(Sixteen(), absl::CivilDay(2026, 5, 9), 30));
}

TEST(EducationEvidence, DueDaysAfterTheLaterOfTheYearsStartAndThe16thBirthday) {
  EXPECT_EQ(*EducationEvidenceDue(Sixteen(), absl::CivilDay(2026, 5, 10), 30),
            absl::CivilDay(2026, 6, 9));
  EXPECT_EQ(*EducationEvidenceDue(Sixteen(), absl::CivilDay(2026, 9, 1), 30),
            absl::CivilDay(2026, 10, 1));
  EXPECT_EQ(AcademicYearStart(absl::CivilDay(2027, 8, 31)), absl::CivilDay(2026, 9, 1));
}

TEST(EducationEvidence, EachAcademicYearNeedsItsOwnProof) {
  v1::SupportedChild c = Sixteen();
  EXPECT_FALSE(MissingEducationEvidence(c, absl::CivilDay(2026, 9, 30), 30));
  EXPECT_TRUE(MissingEducationEvidence(c, absl::CivilDay(2026, 10, 1), 30));
  *c.mutable_education_evidence_date() = Day(2026, 9, 15);
  EXPECT_FALSE(MissingEducationEvidence(c, absl::CivilDay(2026, 10, 1), 30));
  EXPECT_TRUE(MissingEducationEvidence(c, absl::CivilDay(2027, 10, 1), 30)) << "last year's";
}

TEST(EnhancementReview, DueTwoYearsAfterTheLastOrTheStart) {
  v1::Allowance a = AnApproved();
  a.set_state(v1::ALLOWANCE_STATE_ACTIVE);
  EXPECT_FALSE(ReviewOverdue(a, absl::CivilDay(2030, 1, 1), 24)) << "not an enhancement";
  a.set_type(v1::ALLOWANCE_TYPE_ENHANCEMENT);
  EXPECT_EQ(*ReviewDue(a, 24), absl::CivilDay(2028, 4, 6));
  EXPECT_FALSE(ReviewOverdue(a, absl::CivilDay(2028, 4, 6), 24));
  EXPECT_TRUE(ReviewOverdue(a, absl::CivilDay(2028, 4, 7), 24));
  *a.mutable_last_review_date() = Day(2028, 3, 1);
  EXPECT_FALSE(ReviewOverdue(a, absl::CivilDay(2028, 4, 7), 24));
  a.set_state(v1::ALLOWANCE_STATE_CEASED);
  EXPECT_FALSE(ReviewOverdue(a, absl::CivilDay(2031, 1, 1), 24));
}

}  // namespace
}  // namespace assure::allowances
