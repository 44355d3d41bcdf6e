#include "services/actionplans/board_report.h"

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "protos/assure/actionplans/v1/names.h"
#include "services/actionplans/action_life.h"
#include "services/actionplans/update_cycle.h"
#include "services/common/dates.h"

namespace assure::actionplans {
namespace {

// PRIORITY_HIGH under "PRIORITY_" is "high".
template <typename Enum>
std::string Key(Enum value, const std::string& (*name)(Enum), absl::string_view prefix) {
  return absl::AsciiStrToLower(absl::StripPrefix(name(value), prefix));
}

void Put(std::map<std::string, int64_t>& counts,
         google::protobuf::RepeatedPtrField<v1::Count>* out) {
  for (const auto& [key, n] : counts) {
    v1::Count* c = out->Add();
    c->set_key(key);
    c->set_count(n);
  }
}

v1::ActionLine LineOf(const v1::Action& a, const std::string& plan) {
  v1::ActionLine l;
  l.set_action(a.name());
  l.set_plan(plan);
  l.set_priority(a.priority());
  l.set_what(a.what());
  *l.mutable_original_target_date() = a.original_target_date();
  *l.mutable_target_date() = a.target_date();
  l.set_slips(a.slips());
  l.set_follow_up_status(a.follow_up_status());
  *l.mutable_target_date_changes() = a.target_date_changes();
  return l;
}

std::string PlanOf(const v1::Action& a) {
  auto action = ParseActionName(a.name(), "name");
  return action.ok() ? PlanName(action->plan) : std::string();
}

bool NotImplemented(v1::FollowUpStatus s) {
  return s == v1::FOLLOW_UP_STATUS_NOT_IMPLEMENTED || s == v1::FOLLOW_UP_STATUS_PARTLY_IMPLEMENTED;
}

}  // namespace

v1::Rag RagOf(const std::vector<const v1::Action*>& actions, const v1::ActionPlanSettings& settings,
              absl::CivilDay today) {
  int64_t open = 0, overdue = 0, slipped = 0;
  bool high_overdue = false;
  for (const v1::Action* a : actions) {
    if (!IsOpen(*a)) continue;
    ++open;
    slipped += a->slips() > 0;
    if (IsOverdue(*a, today)) {
      ++overdue;
      high_overdue |= a->priority() == v1::PRIORITY_HIGH;
    }
  }
  if (open == 0) return v1::RAG_COMPLETE;
  if (high_overdue || overdue * 100 >= open * settings.red_overdue_percent()) return v1::RAG_RED;
  if (overdue > 0 || slipped > 0) return v1::RAG_AMBER;
  return v1::RAG_GREEN;
}

v1::BoardReport Report(const BoardRecords& r) {
  v1::BoardReport out;
  *out.mutable_as_of() = ToProto(r.today);
  std::map<std::string, int64_t> by_state, by_priority, by_follow_up;
  std::map<std::string, std::vector<const v1::Action*>> per_plan;
  for (const auto& a : r.actions) {
    const std::string plan = PlanOf(a);
    per_plan[plan].push_back(&a);
    ++by_state[Key(a.state(), v1::ActionState_Name, "ACTION_STATE_")];
    ++by_follow_up[a.follow_up_status() == v1::FOLLOW_UP_STATUS_UNSPECIFIED
                       ? "not_tested"
                       : Key(a.follow_up_status(), v1::FollowUpStatus_Name, "FOLLOW_UP_STATUS_")];
    if (IsOpen(a)) ++by_priority[Key(a.priority(), v1::Priority_Name, "PRIORITY_")];
    out.set_overdue(out.overdue() + IsOverdue(a, r.today));
    if (a.slips() > 0) {
      out.set_slipped(out.slipped() + 1);
      *out.add_slipped_actions() = LineOf(a, plan);
    }
    out.set_completed(out.completed() + (a.state() == v1::ACTION_STATE_COMPLETED));
    out.set_completed_on_time(out.completed_on_time() + CompletedOnTime(a));
    if (a.priority() == v1::PRIORITY_HIGH && IsOpen(a) && NotImplemented(a.follow_up_status())) {
      *out.add_high_not_implemented() = LineOf(a, plan);
    }
  }
  Put(by_state, out.mutable_by_state());
  Put(by_priority, out.mutable_open_by_priority());
  Put(by_follow_up, out.mutable_by_follow_up_status());
  for (const auto& q : r.open_requests) {
    out.set_updates_overdue(out.updates_overdue() + UpdateOverdue(q, r.settings, r.today));
  }
  for (const auto& p : r.plans) {
    const auto& actions = per_plan[p.name()];
    v1::PlanProgress* line = out.add_plans();
    line->set_plan(p.name());
    line->set_title(p.title());
    line->set_state(p.state());
    line->set_rag(RagOf(actions, r.settings, r.today));
    line->set_actions(static_cast<int64_t>(actions.size()));
    for (const v1::Action* a : actions) {
      line->set_open(line->open() + IsOpen(*a));
      line->set_overdue(line->overdue() + IsOverdue(*a, r.today));
      line->set_slipped(line->slipped() + (a->slips() > 0));
      line->set_completed(line->completed() + (a->state() == v1::ACTION_STATE_COMPLETED));
      line->set_completed_on_time(line->completed_on_time() + CompletedOnTime(*a));
    }
    *line->mutable_statement_due() = p.inspection().statement_due().due_date();
  }
  return out;
}

}  // namespace assure::actionplans
