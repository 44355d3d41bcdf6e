// ReviewsService: scheduling, recording and cancelling meetings, and their paperwork.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_mask.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/reviews/advocacy_view.h"
#include "services/reviews/child_facts.h"
#include "services/reviews/history.h"
#include "services/reviews/kinds.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/roles.h"
#include "services/reviews/recording.h"
#include "services/reviews/service.h"
#include "services/reviews/validation.h"
#include "services/reviews/worklist.h"

namespace assure::reviews {
namespace {


const std::vector<std::string> kReviewMutablePaths = {
    "planned_date",
    "planned_time",
    "venue",
    "iro",
    "social_worker_consultation_date",
    "care_plan_received_date",
    "pep_received_date",
    "health_plan_received_date",
    "minutes_distributed_date",
    "decisions_distributed_date",
    "record_distributed_date",
    "decision_sheet_sent_time",
    "report.prepared_by",
    "report.sent_to_chair_date",
    "report.shared_with_family_date"};

absl::Status MustBeScheduled(const v1::Review& review, absl::string_view action) {
  if (review.state() == v1::REVIEW_STATE_SCHEDULED) return absl::OkStatus();
  return FailedRule("review.state", absl::StrCat("only a scheduled meeting can be ", action,
                                                 "; this one is ",
                                                 v1::ReviewState_Name(review.state())));
}

// The earliest day a meeting of this kind can have been held: no review before the child
// became looked after, no conference before child protection enquiries began.
std::optional<std::pair<absl::CivilDay, std::string>> EarliestHeld(const v1::Child& child,
                                                                   const v1::Review& review) {
  const auto kind = KindFromProto(review.kind());
  if (kind && IsChildProtection(*kind)) {
    std::optional<absl::CivilDay> first;
    for (const auto& episode : EpisodesOf(child.child_protection())) {
      const auto start = EpisodeStart(episode);
      if (start && (!first || *start < *first)) first = start;
    }
    if (first) return std::make_pair(*first, std::string("child protection enquiries began"));
    return std::nullopt;
  }
  if (const auto start = FromProto(review.period_of_care_start_date()).day) {
    return std::make_pair(*start, std::string("the child became looked after"));
  }
  if (const auto birth = FromProto(child.birth_date()).day) {
    return std::make_pair(*birth, std::string("the child was born"));
  }
  return std::nullopt;
}

// The due day as the worklist orders by it ("" when none).
std::string DueKey(const v1::Review& review) {
  const auto due = FromProto(review.due().due_date()).day;
  return due ? FormatDay(*due) : "";
}

// ListReviews' filter, order and page token as a query; `today` for overdue and due_soon.
absl::StatusOr<ReviewQuery> ReviewQueryOf(const v1::ListReviewsRequest& req,
                                          const std::string& query, absl::CivilDay today) {
  ReviewQuery q;
  ASSURE_ASSIGN_OR_RETURN(q.child, ParseChildParent(req.parent(), "parent"));
  ASSURE_ASSIGN_OR_RETURN(
      auto terms, ParseFilter(req.filter(), {"kind", "state", "late", "iro", "overdue", "due_soon",
                                             "due_date>=", "due_date<="}));
  ASSURE_RETURN_IF_ERROR(CheckOrderBy(req.order_by(), {"name", "due_date"}));
  q.by_due_date = absl::StripAsciiWhitespace(req.order_by()) == "due_date";
  ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req.page_token(), query));
  if (!after.empty()) {
    if (q.by_due_date) {
      const size_t space = after.find(' ');
      if (space == std::string::npos) return InvalidField("page_token", "is not one this method issued");
      q.after_due = after.substr(0, space);
      after = after.substr(space + 1);
    }
    ASSURE_ASSIGN_OR_RETURN(auto last, ParseReviewName(after, "page_token"));
    q.after_child = last.child;
    q.after_seq = last.review;
  }
  ASSURE_ASSIGN_OR_RETURN(q.kind, EnumTerm<v1::ReviewKind>(terms, "kind", v1::ReviewKind_Parse,
                                                           "REVIEW_KIND_LAC_REVIEW"));
  ASSURE_ASSIGN_OR_RETURN(q.state, EnumTerm<v1::ReviewState>(terms, "state", v1::ReviewState_Parse,
                                                             "REVIEW_STATE_HELD"));
  ASSURE_ASSIGN_OR_RETURN(q.late, BoolTerm(terms, "late"));
  if (auto it = terms.find("iro"); it != terms.end()) {
    ASSURE_ASSIGN_OR_RETURN(q.iro, ParseIroName(it->second, "filter"));
  }
  ASSURE_ASSIGN_OR_RETURN(q.overdue, BoolTerm(terms, "overdue"));
  ASSURE_ASSIGN_OR_RETURN(q.due_soon, BoolTerm(terms, "due_soon"));
  ASSURE_ASSIGN_OR_RETURN(q.due_from, DayTerm(terms, "due_date>="));
  ASSURE_ASSIGN_OR_RETURN(q.due_to, DayTerm(terms, "due_date<="));
  q.today = FormatDay(today);
  return q;
}

}  // namespace

// ---- CreateReview

ReviewsService::Reactor* ReviewsService::CreateReview(Ctx* ctx, const v1::CreateReviewRequest* req,
                                                      v1::Review* out) {
  auto who = Caller(ctx, *req, roles::kChairs, "CreateReview");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  if (!ParseChildName(req->parent(), "parent").ok()) v.Add("parent", "must be children/{child}");
  if (auto st = ValidateCreateReview(*req, std::move(v)); !st.ok()) return Reply(ctx, st);
  return Change<v1::Review>(
      ctx, *who, *req, "CreateReview",
      [this, req, who = *who](Tx& tx) { return CreateReviewTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::Review> ReviewsService::CreateReviewTx(Tx& tx, const Principal& who,
                                                          const v1::CreateReviewRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(std::string child_id, ParseChildName(req.parent(), "parent"));
  ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(tx.db(), who.tenant, child_id));
  ASSURE_ASSIGN_OR_RETURN(auto existing,
                          ReviewsStore::ReviewsOfChild(tx.db(), who.tenant, child_id));
  const MeetingKind kind = *KindFromProto(req.review().kind());
  if (!req.review().unscheduled()) {
    for (const auto& r : existing) {
      if (r.kind() == req.review().kind() && r.state() == v1::REVIEW_STATE_SCHEDULED) {
        return FailedRule("review.one_scheduled_per_chain",
                          absl::StrCat(r.name(), " is already scheduled; hold or cancel it first, "
                                                 "or mark this one unscheduled"));
      }
    }
  }
  ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(tx.db(), who.tenant));
  const auto next = NextMeetingOfKind(kind, HistoryOf(child, existing, settings), calendar_,
                                      settings.schedule);
  if (!next) {
    return FailedRule("review.kind_applies",
                      absl::StrCat("no ", Label(kind), " is due for ", child.name(),
                                   ": the child is not in that chain now (check periods of care, "
                                   "child protection and adoption dates)"));
  }
  std::string iro = req.review().iro().empty() ? child.iro_allocation().iro() : req.review().iro();
  ASSURE_RETURN_IF_ERROR(CheckMeetingIro(tx.db(), who.tenant, child, iro, "review.iro"));
  ASSURE_ASSIGN_OR_RETURN(auto due, DueToProto(next->due));
  ASSURE_ASSIGN_OR_RETURN(int64_t seq, ReviewsStore::NextReviewSeq(tx.db(), who.tenant, child_id));
  v1::Review review;
  review.set_name(ReviewNameOf(child_id, seq));
  review.set_kind(req.review().kind());
  review.set_state(v1::REVIEW_STATE_SCHEDULED);
  review.set_iro(iro);
  *review.mutable_due() = std::move(due);
  *review.mutable_planned_date() = req.review().planned_date();
  review.set_planned_time(req.review().planned_time());
  review.set_venue(req.review().venue());
  review.set_unscheduled(req.review().unscheduled());
  review.set_unscheduled_reason(req.review().unscheduled_reason());
  if (!IsChildProtection(kind)) {
    if (const auto start = CurrentLookedAfterDay(child)) {
      *review.mutable_period_of_care_start_date() = ToProto(*start);
    }
  }
  *review.mutable_create_time() = ToProto(clock_.Now());
  *review.mutable_update_time() = review.create_time();
  ASSURE_RETURN_IF_ERROR(SaveReview(tx, who.tenant, child_id, seq, review));
  ASSURE_RETURN_IF_ERROR(RefreshSchedule(tx, who.tenant, child));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, "CreateReview", review.name()));
  ASSURE_RETURN_IF_ERROR(Publish(tx, who, "reviews.review.scheduled", review));
  Present(review, settings);
  return review;
}

// ---- GetReview, ListReviews

ReviewsService::Reactor* ReviewsService::GetReview(Ctx* ctx, const v1::GetReviewRequest* req,
                                                   v1::Review* out) {
  auto who = Caller(ctx, *req, roles::kMeetingReaders, "GetReview");
  if (!who.ok()) return Reply(ctx, who.status());
  auto name = ParseReviewName(req->name(), "name");
  if (!name.ok()) return Reply(ctx, name.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(*out, MustLoadReview(db, who->tenant, name->child, name->review));
    return Present(db, who->tenant, *out);
  });
  if (!st.ok()) return Reply(ctx, st);
  return ReplyRead(ctx, *who, "GetReview", {req->name()}, absl::OkStatus());
}

ReviewsService::Reactor* ReviewsService::ListReviews(Ctx* ctx, const v1::ListReviewsRequest* req,
                                                     v1::ListReviewsResponse* out) {
  auto who = Caller(ctx, *req, roles::kMeetingReaders, "ListReviews");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    const std::string query = absl::StrCat(req->parent(), "|", req->filter(), "|", req->order_by());
    ASSURE_ASSIGN_OR_RETURN(ReviewQuery q, ReviewQueryOf(*req, query, Today()));
    q.limit = size + 1;
    std::vector<v1::Review> reviews;
    Settings settings;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(settings, SettingsFor(db, who->tenant));
      q.due_soon_until =
          FormatDay(DueSoonUntil(Today(), settings.due_soon_working_days, calendar_));
      ASSURE_ASSIGN_OR_RETURN(reviews, ReviewsStore::ListReviews(db, who->tenant, q));
      return absl::OkStatus();
    }));
    auto key_of = [by_due = q.by_due_date](const v1::Review& r) {
      return by_due ? absl::StrCat(DueKey(r), " ", r.name()) : r.name();
    };
    Emit(reviews, size, query, key_of, [&](v1::Review& r) { Present(r, settings); }, read,
         out->mutable_reviews(), out->mutable_next_page_token());
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListReviews", std::move(read), st);
}

// ---- UpdateReview

ReviewsService::Reactor* ReviewsService::UpdateReview(Ctx* ctx, const v1::UpdateReviewRequest* req,
                                                      v1::Review* out) {
  auto who = Caller(ctx, *req, roles::kPaperwork, "UpdateReview");
  if (!who.ok()) return Reply(ctx, who.status());
  auto name = ParseReviewName(req->review().name(), "review.name");
  if (!name.ok()) return Reply(ctx, name.status());
  return Change<v1::Review>(
      ctx, *who, *req, "UpdateReview",
      [this, req, who = *who](Tx& tx) { return UpdateReviewTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::Review> ReviewsService::UpdateReviewTx(Tx& tx, const Principal& who,
                                                          const v1::UpdateReviewRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto name, ParseReviewName(req.review().name(), "review.name"));
  ASSURE_ASSIGN_OR_RETURN(v1::Review review,
                          MustLoadReview(tx.db(), who.tenant, name.child, name.review));
  ASSURE_RETURN_IF_ERROR(CheckEtag(req.review().etag(), review.etag(), review.name()));
  if (review.state() == v1::REVIEW_STATE_CANCELLED) {
    return FailedRule("review.state", "a cancelled meeting cannot be changed");
  }
  const std::string preparer = review.report().prepared_by();
  const v1::Review before = review;
  ASSURE_RETURN_IF_ERROR(
      ApplyFieldMask(req.review(), req.update_mask(), kReviewMutablePaths, &review));
  // Who prepared a report is who says so, signed in: never a name typed by someone else
  // (seed 002 C9 separation of duties rests on it).
  const auto& paths = req.update_mask().paths();
  if (std::find(paths.begin(), paths.end(), "report.prepared_by") != paths.end()) {
    const std::string& sent = req.review().report().prepared_by();
    if (!sent.empty() && sent != who.subject) {
      return InvalidField("review.report.prepared_by",
                          "is the signed-in caller: send it empty (or as yourself) to record "
                          "that you prepared the report");
    }
    review.mutable_report()->set_prepared_by(who.subject);
  }
  if (!review.report().approved_by().empty() && review.report().prepared_by() != preparer) {
    return FailedRule("report.approved",
                      "the report is approved: its preparer cannot change after approval");
  }
  FieldViolations v;
  const absl::CivilDay today = Today();
  CheckDate(review.planned_date(), "review.planned_date", false, v);
  CheckPlannedTime(review, v);
  for (const auto& [field, date] :
       std::vector<std::pair<std::string, const google::type::Date*>>{
           {"review.social_worker_consultation_date", &review.social_worker_consultation_date()},
           {"review.care_plan_received_date", &review.care_plan_received_date()},
           {"review.decisions_distributed_date", &review.decisions_distributed_date()},
           {"review.record_distributed_date", &review.record_distributed_date()},
           {"review.report.sent_to_chair_date", &review.report().sent_to_chair_date()},
           {"review.report.shared_with_family_date", &review.report().shared_with_family_date()}}) {
    CheckDate(*date, field, false, v, today);
  }
  if (review.has_decision_sheet_sent_time() &&
      FromProto(review.decision_sheet_sent_time()) > clock_.Now()) {
    v.Add("review.decision_sheet_sent_time", "must not be in the future");
  }
  if (!review.iro().empty() && !ParseIroName(review.iro(), "review.iro").ok()) {
    v.Add("review.iro", "must be of the form iros/{iro}");
  }
  ASSURE_RETURN_IF_ERROR(v.ToStatus());
  ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(tx.db(), who.tenant, name.child));
  ASSURE_RETURN_IF_ERROR(CheckMeetingIro(tx.db(), who.tenant, child, review.iro(), "review.iro"));
  NoteReschedule(before, review, who.subject, clock_.Now());
  *review.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(SaveReview(tx, who.tenant, name.child, name.review, review));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, "UpdateReview", review.name()));
  if (review.reschedules_size() > before.reschedules_size()) {
    ASSURE_RETURN_IF_ERROR(Publish(tx, who, "reviews.review.moved", review));
  }
  ASSURE_RETURN_IF_ERROR(Present(tx.db(), who.tenant, review));
  return review;
}

// ---- RecordReview

ReviewsService::Reactor* ReviewsService::RecordReview(Ctx* ctx, const v1::RecordReviewRequest* req,
                                                      v1::Review* out) {
  auto who = Caller(ctx, *req, roles::kChairs, "RecordReview");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  if (!ParseReviewName(req->name(), "name").ok()) {
    v.Add("name", "must be children/{child}/reviews/{review}");
  }
  if (auto st = ValidateRecordReview(*req, Today(), std::move(v)); !st.ok()) return Reply(ctx, st);
  return Change<v1::Review>(
      ctx, *who, *req, "RecordReview",
      [this, req, who = *who](Tx& tx) { return RecordReviewTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::Review> ReviewsService::RecordReviewTx(Tx& tx, const Principal& who,
                                                          const v1::RecordReviewRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto name, ParseReviewName(req.name(), "name"));
  ASSURE_ASSIGN_OR_RETURN(v1::Review review,
                          MustLoadReview(tx.db(), who.tenant, name.child, name.review));
  ASSURE_RETURN_IF_ERROR(CheckEtag(req.etag(), review.etag(), review.name()));
  ASSURE_RETURN_IF_ERROR(MustBeScheduled(review, "recorded as held"));
  ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(tx.db(), who.tenant, name.child));
  const MeetingKind kind = *KindFromProto(review.kind());
  const absl::CivilDay held = *FromProto(req.held_date()).day;
  const auto completed = FromProto(req.completed_date()).day;
  const absl::CivilDay due = *FromProto(review.due().due_date()).day;

  FieldViolations v;
  if (const auto earliest = EarliestHeld(child, review); earliest && held < earliest->first) {
    v.Add("held_date", absl::StrCat("must not be before ", earliest->second, " (",
                                    FormatDay(earliest->first), ")"));
  }
  if (IsChildProtection(kind) && !req.has_held_time()) {
    v.Add("held_time", "is required for a child protection conference: decision sheets are due "
                       "48 hours after it");
  }
  const auto pn = PnCode(req.participation());
  if (kind == MeetingKind::kLacReview && !pn) {
    v.Add("participation", "is required for a looked-after review (SSDA903 PN0-PN7)");
  }
  if (pn) {
    if (const auto problem = ParticipationProblem(*pn, *FromProto(child.birth_date()).day, held)) {
      v.Add("participation", *problem);
    }
  }
  ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(tx.db(), who.tenant));
  const bool late = IsLate(held, completed, due, calendar_, settings);
  if (late && req.late_reason() == v1::LATE_REASON_UNSPECIFIED) {
    v.Add("late_reason", absl::StrCat("is required: the meeting was due by ", FormatDay(due)));
  }
  if (late && req.late_reason() == v1::LATE_REASON_OTHER && req.late_explanation().empty()) {
    v.Add("late_explanation", "is required when the late reason is OTHER");
  }
  CheckChallenges(req, name, v);
  ASSURE_RETURN_IF_ERROR(v.ToStatus());

  review.set_state(v1::REVIEW_STATE_HELD);
  *review.mutable_held_date() = req.held_date();
  if (req.has_held_time()) *review.mutable_held_time() = req.held_time();
  *review.mutable_completed_date() = req.completed_date();
  *review.mutable_effective_date() = ToProto(EffectiveDate(held, completed, settings));
  review.set_late(late);
  review.set_late_reason(late ? req.late_reason() : v1::LATE_REASON_UNSPECIFIED);
  review.set_late_explanation(late ? req.late_explanation() : "");
  review.set_participation(req.participation());
  review.set_iro_saw_child_beforehand(req.iro_saw_child_beforehand());
  review.set_child_chaired(req.child_chaired());
  review.set_care_plan_quality(req.care_plan_quality());
  ASSURE_ASSIGN_OR_RETURN(auto history, ReviewsStore::ReviewsOfChild(tx.db(), who.tenant, name.child));
  for (auto& r : history) {
    if (r.name() == review.name()) r = review;
  }
  ASSURE_RETURN_IF_ERROR(CheckRecordedHistory(child, history));
  ASSURE_RETURN_IF_ERROR(RaiseChallenges(tx, who, req, review));
  *review.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(SaveReview(tx, who.tenant, name.child, name.review, review));
  ASSURE_RETURN_IF_ERROR(RefreshSchedule(tx, who.tenant, child));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, "RecordReview", review.name()));
  ASSURE_RETURN_IF_ERROR(Publish(tx, who, "reviews.review.held", review));
  std::optional<bool> participated;
  if (kind == MeetingKind::kLacReview && pn && CountsForParticipation(*pn)) {
    participated = Participated(*pn, settings);
  }
  tx.AfterCommit([this, tenant = who.tenant, kind, late, participated] {
    metrics_.ReviewHeld(tenant, kind, late, participated);
  });
  Present(review, settings);
  return review;
}

// ---- CancelReview

ReviewsService::Reactor* ReviewsService::CancelReview(Ctx* ctx, const v1::CancelReviewRequest* req,
                                                      v1::Review* out) {
  auto who = Caller(ctx, *req, roles::kChairs, "CancelReview");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  auto name = ParseReviewName(req->name(), "name");
  if (!name.ok()) v.Add("name", "must be children/{child}/reviews/{review}");
  if (req->reason().empty()) v.Add("reason", "is required");
  CheckRequestId(req->request_id(), v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::Review>(
      ctx, *who, *req, "CancelReview",
      [this, req, who = *who, name = *name](Tx& tx) -> absl::StatusOr<v1::Review> {
        ASSURE_ASSIGN_OR_RETURN(v1::Review review,
                                MustLoadReview(tx.db(), who.tenant, name.child, name.review));
        ASSURE_RETURN_IF_ERROR(CheckEtag(req->etag(), review.etag(), review.name()));
        ASSURE_RETURN_IF_ERROR(MustBeScheduled(review, "cancelled"));
        review.set_state(v1::REVIEW_STATE_CANCELLED);
        review.set_cancel_reason(req->reason());
        *review.mutable_update_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(SaveReview(tx, who.tenant, name.child, name.review, review));
        ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(tx.db(), who.tenant, name.child));
        ASSURE_RETURN_IF_ERROR(RefreshSchedule(tx, who.tenant, child));
        ASSURE_RETURN_IF_ERROR(Access(tx, who, "CancelReview", review.name()));
        ASSURE_RETURN_IF_ERROR(Publish(tx, who, "reviews.review.cancelled", review));
        return review;
      },
      out);
}

// ---- ApproveReport

ReviewsService::Reactor* ReviewsService::ApproveReport(Ctx* ctx, const v1::ApproveReportRequest* req,
                                                       v1::Review* out) {
  auto who = Caller(ctx, *req, roles::kReportApprovers, "ApproveReport");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  if (!ParseReviewName(req->name(), "name").ok()) {
    v.Add("name", "must be children/{child}/reviews/{review}");
  }
  CheckDate(req->approved_date(), "approved_date", false, v, Today());
  CheckRequestId(req->request_id(), v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::Review>(
      ctx, *who, *req, "ApproveReport",
      [this, req, who = *who](Tx& tx) { return ApproveReportTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::Review> ReviewsService::ApproveReportTx(Tx& tx, const Principal& who,
                                                           const v1::ApproveReportRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto name, ParseReviewName(req.name(), "name"));
  ASSURE_ASSIGN_OR_RETURN(v1::Review review,
                          MustLoadReview(tx.db(), who.tenant, name.child, name.review));
  ASSURE_RETURN_IF_ERROR(CheckEtag(req.etag(), review.etag(), review.name()));
  // Every report, a looked-after review's as a conference's, is approved by a team manager
  // who did not prepare it (DOMAIN: separation of duties).
  const std::string& preparer = review.report().prepared_by();
  if (preparer.empty()) {
    return FailedRule("report.preparer_recorded",
                      "record who prepared the report (report.prepared_by) before approving it");
  }
  if (!req.approved_by().empty() && req.approved_by() != who.subject) {
    return InvalidField("approved_by", "is the signed-in caller: leave it empty");
  }
  const std::string& approver = who.subject;
  if (approver == preparer) {
    return FailedRule("report.separation_of_duties",
                      "the person who prepared a report cannot also approve it");
  }
  auto* report = review.mutable_report();
  report->set_approved_by(approver);
  *report->mutable_approved_date() =
      ToProto(FromProto(req.approved_date()).day.value_or(Today()));
  *review.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(SaveReview(tx, who.tenant, name.child, name.review, review));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, "ApproveReport", review.name()));
  ASSURE_RETURN_IF_ERROR(Present(tx.db(), who.tenant, review));
  return review;
}

}  // namespace assure::reviews
