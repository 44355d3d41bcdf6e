#include "services/audits/retention.h"

namespace assure::audits {

v1::RetentionClass RetentionOf(const v1::Case& c) {
  bool looked_after = false;
  for (int cohort : c.cohorts()) {
    if (cohort == v1::COHORT_ADOPTION) return v1::RETENTION_CLASS_ADOPTION;
    looked_after |= cohort == v1::COHORT_LOOKED_AFTER || cohort == v1::COHORT_CARE_LEAVER;
  }
  return looked_after ? v1::RETENTION_CLASS_LOOKED_AFTER : v1::RETENTION_CLASS_CHILDRENS_CASE;
}

}  // namespace assure::audits
