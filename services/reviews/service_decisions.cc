// ReviewsService: decisions made at reviews, the IRO's checks on them, and drift.
#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/validation.h"

namespace assure::reviews {
namespace {


absl::Status MustBeOpen(const v1::Decision& d) {
  if (d.state() == v1::DECISION_STATE_OPEN) return absl::OkStatus();
  return FailedRule("decision.state", "the decision is already done");
}

}  // namespace

ReviewsService::Reactor* ReviewsService::CreateDecision(Ctx* ctx,
                                                        const v1::CreateDecisionRequest* req,
                                                        v1::Decision* out) {
  auto who = Caller(ctx, *req, roles::kChairs, "CreateDecision");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  if (!ParseReviewName(req->parent(), "parent").ok()) {
    v.Add("parent", "must be children/{child}/reviews/{review}");
  }
  if (auto st = ValidateCreateDecision(*req, std::move(v)); !st.ok()) return Reply(ctx, st);
  return Change<v1::Decision>(
      ctx, *who, *req, "CreateDecision",
      [this, req, who = *who](Tx& tx) { return CreateDecisionTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::Decision> ReviewsService::CreateDecisionTx(
    Tx& tx, const Principal& who, const v1::CreateDecisionRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto parent, ParseReviewName(req.parent(), "parent"));
  ASSURE_ASSIGN_OR_RETURN(v1::Review review,
                          MustLoadReview(tx.db(), who.tenant, parent.child, parent.review));
  if (review.state() != v1::REVIEW_STATE_HELD) {
    return FailedRule("decision.review_held", "decisions are recorded on a meeting that was held");
  }
  const absl::CivilDay held = *FromProto(review.held_date()).day;
  const absl::CivilDay due = *FromProto(req.decision().due_date()).day;
  if (due < held) {
    return InvalidField("decision.due_date",
                        absl::StrCat("must not be before the meeting (", FormatDay(held), ")"));
  }
  ASSURE_ASSIGN_OR_RETURN(int64_t seq, ReviewsStore::NextDecisionSeq(tx.db(), who.tenant,
                                                                     parent.child, parent.review));
  v1::Decision d;
  d.set_name(DecisionNameOf(parent.child, parent.review, seq));
  d.set_text(req.decision().text());
  d.set_owner(req.decision().owner());
  *d.mutable_due_date() = req.decision().due_date();
  d.set_starred(req.decision().starred());
  d.set_theme(req.decision().theme());
  d.set_state(v1::DECISION_STATE_OPEN);
  *d.mutable_create_time() = ToProto(clock_.Now());
  *d.mutable_update_time() = d.create_time();
  ASSURE_RETURN_IF_ERROR(
      ReviewsStore::InsertDecision(tx.db(), who.tenant, parent.child, parent.review, seq, d));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, "CreateDecision", d.name()));
  ASSURE_RETURN_IF_ERROR(ReviewsMetrics::DecisionOpened(tx, who.tenant, due));
  if (d.starred()) ASSURE_RETURN_IF_ERROR(ReviewsMetrics::StarredOpened(tx, who.tenant, due));
  Present(d);
  return d;
}

absl::StatusOr<v1::Decision> ReviewsService::LoadOpenDecision(Tx& tx, const Principal& who,
                                                              const DecisionName& name,
                                                              const std::string& etag) const {
  ASSURE_ASSIGN_OR_RETURN(
      v1::Decision d, MustLoadDecision(tx.db(), who.tenant, name.child, name.review, name.decision));
  ASSURE_RETURN_IF_ERROR(CheckEtag(etag, d.etag(), d.name()));
  ASSURE_RETURN_IF_ERROR(MustBeOpen(d));
  return d;
}

absl::Status ReviewsService::SaveDecision(Tx& tx, const Principal& who, const DecisionName& name,
                                          v1::Decision& decision, const char* method) const {
  *decision.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(ReviewsStore::UpdateDecision(tx.db(), who.tenant, name.child,
                                                      name.review, name.decision, decision));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, method, decision.name()));
  Present(decision);
  return absl::OkStatus();
}

ReviewsService::Reactor* ReviewsService::GetDecision(Ctx* ctx, const v1::GetDecisionRequest* req,
                                                     v1::Decision* out) {
  auto who = Caller(ctx, *req, roles::kMeetingReaders, "GetDecision");
  if (!who.ok()) return Reply(ctx, who.status());
  auto name = ParseDecisionName(req->name(), "name");
  if (!name.ok()) return Reply(ctx, name.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(
        *out, MustLoadDecision(db, who->tenant, name->child, name->review, name->decision));
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  Present(*out);
  return ReplyRead(ctx, *who, "GetDecision", {req->name()}, absl::OkStatus());
}

ReviewsService::Reactor* ReviewsService::ListDecisions(Ctx* ctx,
                                                       const v1::ListDecisionsRequest* req,
                                                       v1::ListDecisionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kMeetingReaders, "ListDecisions");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    DecisionQuery q;
    ASSURE_ASSIGN_OR_RETURN(auto parent, ParseReviewName(req->parent(), "parent", true));
    q.child = parent.child;
    q.review = parent.review;
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(auto terms,
                            ParseFilter(req->filter(), {"state", "owner", "overdue", "starred"}));
    ASSURE_ASSIGN_OR_RETURN(q.starred, BoolTerm(terms, "starred"));
    ASSURE_RETURN_IF_ERROR(CheckOrderBy(req->order_by(), {"name"}));
    const std::string query = absl::StrCat(req->parent(), "|", req->filter(), "|", req->order_by());
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(auto last, ParseDecisionName(after, "page_token"));
      q.after_child = last.child;
      q.after_review = last.review;
      q.after_seq = last.decision;
    }
    if (auto it = terms.find("state"); it != terms.end()) {
      v1::DecisionState s;
      if (!v1::DecisionState_Parse(it->second, &s)) {
        return InvalidField("filter", "state takes DECISION_STATE_OPEN or DECISION_STATE_DONE");
      }
      q.open = s == v1::DECISION_STATE_OPEN;
    }
    if (auto it = terms.find("owner"); it != terms.end()) q.owner = it->second;
    if (auto it = terms.find("overdue"); it != terms.end()) {
      if (it->second != "true") return InvalidField("filter", "overdue takes true");
      q.overdue_before = FormatDay(Today());
    }
    q.limit = size + 1;
    std::vector<v1::Decision> decisions;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(decisions, ReviewsStore::ListDecisions(db, who->tenant, q));
      return absl::OkStatus();
    }));
    Emit(decisions, size, query, [](const v1::Decision& d) { return d.name(); },
         [this](v1::Decision& d) { Present(d); }, read,
         out->mutable_decisions(), out->mutable_next_page_token());
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListDecisions", std::move(read), st);
}

ReviewsService::Reactor* ReviewsService::RecordDecisionCheck(
    Ctx* ctx, const v1::RecordDecisionCheckRequest* req, v1::Decision* out) {
  auto who = Caller(ctx, *req, roles::kChairs, "RecordDecisionCheck");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  auto name = ParseDecisionName(req->name(), "name");
  if (!name.ok()) v.Add("name", "must be children/{child}/reviews/{review}/decisions/{decision}");
  CheckDate(req->check().check_date(), "check.check_date", true, v, Today());
  if (req->check().note().empty()) v.Add("check.note", "is required: what the IRO found");
  CheckRequestId(req->request_id(), v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::Decision>(
      ctx, *who, *req, "RecordDecisionCheck",
      [this, req, who = *who, name = *name](Tx& tx) -> absl::StatusOr<v1::Decision> {
        ASSURE_ASSIGN_OR_RETURN(v1::Decision d, LoadOpenDecision(tx, who, name, req->etag()));
        auto* check = d.add_checks();
        *check = req->check();
        if (check->checked_by().empty()) check->set_checked_by(who.subject);
        ASSURE_RETURN_IF_ERROR(SaveDecision(tx, who, name, d, "RecordDecisionCheck"));
        return d;
      },
      out);
}

ReviewsService::Reactor* ReviewsService::CompleteDecision(Ctx* ctx,
                                                          const v1::CompleteDecisionRequest* req,
                                                          v1::Decision* out) {
  auto who = Caller(ctx, *req, roles::kDecisionClosers, "CompleteDecision");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  auto name = ParseDecisionName(req->name(), "name");
  if (!name.ok()) v.Add("name", "must be children/{child}/reviews/{review}/decisions/{decision}");
  CheckDate(req->completed_date(), "completed_date", false, v, Today());
  CheckRequestId(req->request_id(), v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::Decision>(
      ctx, *who, *req, "CompleteDecision",
      [this, req, who = *who, name = *name](Tx& tx) -> absl::StatusOr<v1::Decision> {
        ASSURE_ASSIGN_OR_RETURN(v1::Decision d, LoadOpenDecision(tx, who, name, req->etag()));
        d.set_state(v1::DECISION_STATE_DONE);
        *d.mutable_completed_date() =
            ToProto(FromProto(req->completed_date()).day.value_or(Today()));
        ASSURE_RETURN_IF_ERROR(SaveDecision(tx, who, name, d, "CompleteDecision"));
        const absl::CivilDay due = *FromProto(d.due_date()).day;
        ASSURE_RETURN_IF_ERROR(ReviewsMetrics::DecisionClosed(tx, who.tenant, due));
        if (d.starred()) ASSURE_RETURN_IF_ERROR(ReviewsMetrics::StarredClosed(tx, who.tenant, due));
        return d;
      },
      out);
}

}  // namespace assure::reviews
