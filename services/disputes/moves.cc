#include "services/disputes/moves.h"

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/due.h"
#include "services/common/errors.h"
#include "services/disputes/ladder.h"

namespace assure::disputes {
namespace {

bool IsOpen(const v1::Dispute& d) { return d.state() == v1::DISPUTE_STATE_OPEN; }

absl::Status MustBeOpen(const v1::Dispute& d, absl::string_view move) {
  if (IsOpen(d)) return absl::OkStatus();
  const char* state = d.state() == v1::DISPUTE_STATE_RESOLVED ? "resolved" : "withdrawn";
  return FailedRule("dispute.closed", absl::StrCat(d.name(), " is ", state, ": a closed dispute "
                                                   "cannot be ", move));
}

absl::Status NeedsNote(const Move& move) {
  if (move.automatic || !move.note.empty()) return absl::OkStatus();
  return InvalidField("note", "is required: what was said or agreed");
}

void AddEvent(v1::Dispute& d, v1::EventKind kind, const Move& move, int from, int to) {
  auto* e = d.add_history();
  e->set_kind(kind);
  e->set_actor(move.actor);
  *e->mutable_time() = ToProto(move.time);
  e->set_note(move.note);
  e->set_from_level(from);
  e->set_to_level(to);
  e->set_automatic(move.automatic);
}

void EndCurrentStage(v1::Dispute& d, absl::Time at) {
  if (d.stages_size() > 0) *d.mutable_stages(d.stages_size() - 1)->mutable_end_time() = ToProto(at);
}

absl::StatusOr<assure::type::v1::DueDate> FormalDueFrom(absl::CivilDay start,
                                                        const WorkingDays& calendar) {
  return DueToProto(MakeDue(
      calendar.AddWorkingDays(start, kGuidanceFormalWorkingDays), calendar,
      "disputes.formal_process", assure::type::v1::RULE_LEVEL_GUIDANCE,
      "IRO Handbook 2010, para 6.2", {{"first formal stage started", start}},
      absl::StrCat(kGuidanceFormalWorkingDays, " working days after ", FormatDay(start),
                   " (the formal process, all its stages)")));
}

// The dispute is now at `stage`, due its limit in working days after the day it starts,
// with `officer` answering for it there.
absl::Status Enter(v1::Dispute& d, const v1::Stage& stage, const WorkingDays& calendar,
                   absl::Time at, const std::string& officer) {
  const absl::CivilDay start = LondonDay(at);
  const Due due = MakeDue(
      calendar.AddWorkingDays(start, stage.limit_working_days()), calendar,
      "disputes.stage_limit", assure::type::v1::RULE_LEVEL_LOCAL,
      "the authority's dispute resolution procedure", {{"stage started", start}},
      absl::StrCat(stage.limit_working_days(), " working days after ", FormatDay(start), " (",
                   stage.title(), ")"));
  auto due_proto = DueToProto(due);
  if (!due_proto.ok()) return due_proto.status();
  if (stage.level() > 0 && !d.has_formal_due()) {
    auto formal = FormalDueFrom(start, calendar);
    if (!formal.ok()) return formal.status();
    *d.mutable_formal_due() = *std::move(formal);
  }
  auto* record = d.add_stages();
  record->set_level(stage.level());
  record->set_role(stage.role());
  record->set_title(stage.title());
  *record->mutable_start_time() = ToProto(at);
  *record->mutable_due() = *std::move(due_proto);
  record->set_responsible_officer(officer);
  d.set_responsible_officer(officer);
  d.set_stage_level(stage.level());
  d.set_stage_role(stage.role());
  *d.mutable_stage_due() = record->due();
  return absl::OkStatus();
}

absl::Status Close(v1::Dispute& d, v1::DisputeState state, v1::EventKind kind, const Move& move) {
  EndCurrentStage(d, move.time);
  d.set_state(state);
  *d.mutable_close_time() = ToProto(move.time);
  AddEvent(d, kind, move, d.stage_level(), d.stage_level());
  return absl::OkStatus();
}

}  // namespace

absl::Status Raise(v1::Dispute& d, const v1::DisputeSettings& settings,
                   const WorkingDays& calendar, const Move& move) {
  const int start = d.stage_level();
  if (start < 0 || start > TopLevel(settings)) {
    return InvalidField("dispute.stage_level",
                        absl::StrCat("must be 0 (informal) to ", TopLevel(settings),
                                     ": the authority's ladder has ", TopLevel(settings),
                                     " formal stages"));
  }
  d.set_state(v1::DISPUTE_STATE_OPEN);
  d.set_raised_by(move.actor);
  *d.mutable_raise_time() = ToProto(move.time);
  const std::string officer = d.responsible_officer();
  if (auto st = Enter(d, *StageAt(settings, 0), calendar, move.time, ""); !st.ok()) return st;
  AddEvent(d, v1::EVENT_KIND_RAISED, move, 0, start);
  if (start > 0) {
    EndCurrentStage(d, move.time);
    return Enter(d, *StageAt(settings, start), calendar, move.time, officer);
  }
  return absl::OkStatus();
}

absl::Status Escalate(v1::Dispute& d, const v1::DisputeSettings& settings,
                      const WorkingDays& calendar, int to_level, const std::string& officer,
                      const Move& move) {
  if (auto st = MustBeOpen(d, "escalated"); !st.ok()) return st;
  if (!move.automatic && officer.empty()) {
    return InvalidField("responsible_officer",
                        "is required: who answers for the dispute at the new stage");
  }
  const int top = TopLevel(settings);
  if (to_level < 0 || to_level > top) {
    return InvalidField("to_level", absl::StrCat("must be at most ", top, ": the authority's "
                                                 "ladder has ", top, " formal stages"));
  }
  const int from = d.stage_level();
  if (to_level == 0 && from >= top) {
    return FailedRule("dispute.top_of_ladder",
                      absl::StrCat(d.name(), " is at the last stage of the ladder (",
                                   d.stage_role(), "); refer it to Cafcass instead"));
  }
  const int to = to_level == 0 ? from + 1 : to_level;
  if (to <= from) {
    return FailedRule("dispute.escalates_upwards",
                      absl::StrCat("a dispute moves up the ladder: stage ", to,
                                   " is not above its current stage ", from));
  }
  if (auto st = NeedsNote(move); !st.ok()) return st;
  EndCurrentStage(d, move.time);
  AddEvent(d, v1::EVENT_KIND_ESCALATED, move, from, to);
  return Enter(d, *StageAt(settings, to), calendar, move.time, officer);
}

absl::Status Resolve(v1::Dispute& d, v1::Outcome outcome, const Move& move) {
  if (auto st = MustBeOpen(d, "resolved"); !st.ok()) return st;
  if (outcome == v1::OUTCOME_UNSPECIFIED || !v1::Outcome_IsValid(outcome)) {
    return InvalidField("outcome", "is required: how the dispute was resolved");
  }
  if (auto st = NeedsNote(move); !st.ok()) return st;
  d.set_outcome(outcome);
  return Close(d, v1::DISPUTE_STATE_RESOLVED, v1::EVENT_KIND_RESOLVED, move);
}

absl::Status Withdraw(v1::Dispute& d, const Move& move) {
  if (auto st = MustBeOpen(d, "withdrawn"); !st.ok()) return st;
  if (auto st = NeedsNote(move); !st.ok()) return st;
  return Close(d, v1::DISPUTE_STATE_WITHDRAWN, v1::EVENT_KIND_WITHDRAWN, move);
}

absl::Status ReferToCafcass(v1::Dispute& d, const Move& move) {
  if (d.has_cafcass_referral()) {
    return FailedRule("dispute.referred_once",
                      absl::StrCat(d.name(), " was already referred to Cafcass"));
  }
  if (auto st = NeedsNote(move); !st.ok()) return st;
  auto* r = d.mutable_cafcass_referral();
  *r->mutable_time() = ToProto(move.time);
  r->set_referred_by(move.actor);
  r->set_note(move.note);
  r->set_after_close(!IsOpen(d));
  AddEvent(d, v1::EVENT_KIND_REFERRED_TO_CAFCASS, move, d.stage_level(), d.stage_level());
  return absl::OkStatus();
}

absl::Status RecordCafcassOutcome(v1::Dispute& d, const Move& move) {
  if (!d.has_cafcass_referral()) {
    return FailedRule("dispute.cafcass_referred_first",
                      absl::StrCat(d.name(), " has not been referred to Cafcass"));
  }
  if (!d.cafcass_referral().outcome().empty()) {
    return FailedRule("dispute.cafcass_outcome_once",
                      absl::StrCat("the outcome of ", d.name(), "'s Cafcass referral is recorded"));
  }
  if (auto st = NeedsNote(move); !st.ok()) return st;
  auto* r = d.mutable_cafcass_referral();
  r->set_outcome(move.note);
  *r->mutable_outcome_time() = ToProto(move.time);
  r->set_outcome_recorded_by(move.actor);
  AddEvent(d, v1::EVENT_KIND_CAFCASS_OUTCOME_RECORDED, move, d.stage_level(), d.stage_level());
  return absl::OkStatus();
}

bool CheckDrift(v1::Dispute& d, const v1::DisputeSettings& settings,
                const WorkingDays& calendar, absl::Time now) {
  const auto due = CurrentDue(d);
  if (!due || LondonDay(now) <= *due) return false;
  auto* current = d.mutable_stages(d.stages_size() - 1);
  bool changed = false;
  if (!current->overdue()) {
    current->set_overdue(true);
    AddEvent(d, v1::EVENT_KIND_MARKED_OVERDUE,
             {kDriftCheckActor, now,
              absl::StrCat(current->title(), " passed its limit (due ", FormatDay(*due), ")"),
              true},
             d.stage_level(), d.stage_level());
    changed = true;
  }
  if (settings.auto_escalate() && d.stage_level() < TopLevel(settings)) {
    changed |= Escalate(d, settings, calendar, 0, "",
                        {kDriftCheckActor, now,
                         "escalated by the drift check: the stage passed its limit", true})
                   .ok();
  }
  return changed;
}

std::optional<absl::CivilDay> CurrentDue(const v1::Dispute& d) {
  if (!IsOpen(d) || d.stages_size() == 0) return std::nullopt;
  return FromProto(d.stages(d.stages_size() - 1).due().due_date()).day;
}

int FormalWorkingDays(const v1::Dispute& d, const WorkingDays& calendar, absl::Time until) {
  for (const auto& stage : d.stages()) {
    if (stage.level() == 0) continue;
    return calendar.WorkingDaysBetween(LondonDay(FromProto(stage.start_time())), LondonDay(until));
  }
  return 0;
}

absl::StatusOr<bool> FillFormalDue(v1::Dispute& d, const WorkingDays& calendar) {
  if (d.has_formal_due()) return false;
  for (const auto& stage : d.stages()) {
    if (stage.level() == 0) continue;
    auto formal = FormalDueFrom(LondonDay(FromProto(stage.start_time())), calendar);
    if (!formal.ok()) return formal.status();
    *d.mutable_formal_due() = *std::move(formal);
    return true;
  }
  return false;
}

std::optional<absl::CivilDay> FormalDue(const v1::Dispute& d) {
  if (!IsOpen(d) || !d.has_formal_due()) return std::nullopt;
  return FromProto(d.formal_due().due_date()).day;
}

void Present(v1::Dispute& d, const WorkingDays& calendar, absl::Time now) {
  const auto due = CurrentDue(d);
  d.set_overdue(due && LondonDay(now) > *due);
  const auto formal = FormalDue(d);
  d.set_past_formal_limit(formal && LondonDay(now) > *formal);
  d.set_formal_working_days(
      FormalWorkingDays(d, calendar, IsOpen(d) ? now : FromProto(d.close_time())));
}

}  // namespace assure::disputes
