#include "services/reviews/work_programme.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/text.h"

namespace assure::reviews {
namespace {

constexpr int kMaxItems = 50;

}  // namespace

absl::Status ValidateWorkProgramme(const v1::WorkProgramme& w) {
  FieldViolations v;
  CheckDate(w.start_date(), "work_programme.start_date", true, v);
  CheckDate(w.end_date(), "work_programme.end_date", true, v);
  const auto start = DayOf(w.start_date());
  const auto end = DayOf(w.end_date());
  if (start && end && *end < *start) {
    v.Add("work_programme.end_date", "must not be before start_date");
  }
  if (w.items().empty() || w.items_size() > kMaxItems) {
    v.Add("work_programme.items", "must hold 1 to 50 priorities");
  }
  for (int i = 0; i < w.items_size(); ++i) {
    const auto& item = w.items(i);
    const std::string at = absl::StrCat("work_programme.items[", i, "]");
    if (item.title().empty() || !IsPlainText(item.title())) {
      v.Add(at + ".title", "is required, one line of text");
    }
    if (item.text().empty() || !IsValidUtf8(item.text())) v.Add(at + ".text", "is required text");
    if (item.priority() == 0 || !v1::WorkPriority_IsValid(item.priority())) {
      v.Add(at + ".priority", "must be High, Medium or Low");
    }
  }
  return v.ToStatus();
}

::assure::actionplans::v1::CreateFindingRequest ItemFinding(const v1::WorkProgramme& w,
                                                            const v1::WorkProgrammeItem& item,
                                                            const std::string& finding_id,
                                                            absl::Time now) {
  namespace plans = ::assure::actionplans::v1;
  plans::CreateFindingRequest req;
  req.set_finding_id(finding_id);
  plans::Finding* f = req.mutable_finding();
  f->set_source(plans::FINDING_SOURCE_ANNUAL_REPORT);
  f->set_source_record(w.name());
  f->set_title(item.title());
  f->set_text(item.text());
  // The two enums number High, Medium and Low alike.
  f->set_priority(static_cast<plans::FindingPriority>(item.priority()));
  f->set_raised_by(w.adopted_by());
  *f->mutable_raise_time() = ToProto(now);
  return req;
}

}  // namespace assure::reviews
