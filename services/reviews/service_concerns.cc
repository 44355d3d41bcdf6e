// ReviewsService: concerns an advocate raises with the child's IRO. Raised only while the child
// is referred to the advocate's provider; acknowledged and answered by the IRO within the
// authority's timescales (fixed when raised), or taken up as a formal challenge, which opens
// a dispute through the outbox in the same transaction.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "assure/disputes/v1/resources.pb.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/reviews/advocate_input_store.h"
#include "services/reviews/concerns.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/validation.h"

namespace assure::reviews {
namespace {

// The feed's name for each step of a concern's life.
const char* ConcernEventOf(absl::string_view method) {
  if (method == "AcknowledgeConcern") return "reviews.concern.acknowledged";
  if (method == "AnswerConcern") return "reviews.concern.answered";
  return "reviews.concern.challenged";
}

// `review`, when given, is one of `child`'s meetings.
void CheckOwnReview(const std::string& review, const std::string& child, const char* field,
                    FieldViolations& v) {
  if (review.empty()) return;
  auto r = ParseReviewName(review, field);
  if (!r.ok() || r->child != child) {
    v.Add(field, "must be one of this child's meetings: children/{child}/reviews/{review}");
  }
}

absl::Status ValidateConcern(const v1::RaiseConcernRequest& req) {
  FieldViolations v;
  auto child = ParseChildName(req.parent(), "parent");
  if (!child.ok()) v.Add("parent", "must be children/{child}");
  if (req.concern().text().empty()) v.Add("concern.text", "is required: the concern");
  if (child.ok()) CheckOwnReview(req.concern().review(), *child, "concern.review", v);
  CheckRequestId(req.request_id(), v);
  return v.ToStatus();
}

absl::Status ValidateStep(const std::string& name, const std::string& request_id) {
  FieldViolations v;
  if (!ParseConcernName(name, "name").ok()) {
    v.Add("name", "must be children/{child}/concerns/{concern}");
  }
  CheckRequestId(request_id, v);
  return v.ToStatus();
}

void Acknowledge(v1::Concern& c, const std::string& by, const google::protobuf::Timestamp& at) {
  if (c.state() != v1::CONCERN_STATE_RAISED) return;
  c.set_acknowledged_by(by);
  *c.mutable_acknowledge_time() = at;
  c.set_state(v1::CONCERN_STATE_ACKNOWLEDGED);
}

}  // namespace

ReviewsService::Reactor* ReviewsService::RaiseConcern(Ctx* ctx, const v1::RaiseConcernRequest* req,
                                                      v1::Concern* out) {
  auto who = Caller(ctx, *req, roles::kReferralResponders, "RaiseConcern");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateConcern(*req); !st.ok()) return Reply(ctx, st);
  return Change<v1::Concern>(
      ctx, *who, *req, "RaiseConcern",
      [this, req, who = *who](Tx& tx) -> absl::StatusOr<v1::Concern> {
        ASSURE_ASSIGN_OR_RETURN(std::string child, ParseChildName(req->parent(), "parent"));
        ASSURE_RETURN_IF_ERROR(MustLoadChild(tx.db(), who.tenant, child).status());
        ASSURE_RETURN_IF_ERROR(CheckPartnerScope(tx.db(), who, child));
        if (!req->concern().review().empty()) {
          ASSURE_ASSIGN_OR_RETURN(auto r, ParseReviewName(req->concern().review(), "review"));
          ASSURE_RETURN_IF_ERROR(MustLoadReview(tx.db(), who.tenant, child, r.review).status());
        }
        ASSURE_ASSIGN_OR_RETURN(int64_t seq,
                                AdvocateInputStore::NextConcernSeq(tx.db(), who.tenant, child));
        ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(tx.db(), who.tenant));
        v1::Concern c;
        c.set_name(ConcernNameOf(child, seq));
        c.set_text(req->concern().text());
        c.set_review(req->concern().review());
        c.set_state(v1::CONCERN_STATE_RAISED);
        c.set_partner(who.partner);
        c.set_raised_by(who.subject);
        *c.mutable_raise_time() = ToProto(clock_.Now());
        SetConcernDueDates(c, settings.concerns, calendar_);
        ASSURE_RETURN_IF_ERROR(
            AdvocateInputStore::InsertConcern(tx.db(), who.tenant, child, seq, c));
        ASSURE_RETURN_IF_ERROR(Access(tx, who, "RaiseConcern", c.name()));
        ASSURE_RETURN_IF_ERROR(Publish(
            tx, who, {"reviews.concern.raised", c.name(), ChildName(child), c.partner()}));
        PresentConcern(c, Today());
        return c;
      },
      out);
}

ReviewsService::Reactor* ReviewsService::ListConcerns(Ctx* ctx, const v1::ListConcernsRequest* req,
                                                      v1::ListConcernsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReferralReaders, "ListConcerns");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ConcernQuery q;
    ASSURE_ASSIGN_OR_RETURN(q.child, ParseChildParent(req->parent(), "parent"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"state", "overdue"}));
    const std::string query = absl::StrCat(req->parent(), "|", req->filter());
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(auto last, ParseConcernName(after, "page_token"));
      q.after_child = last.child;
      q.after_seq = last.concern;
    }
    ASSURE_ASSIGN_OR_RETURN(
        q.state,
        EnumTerm<v1::ConcernState>(terms, "state", v1::ConcernState_Parse, "CONCERN_STATE_RAISED"));
    ASSURE_ASSIGN_OR_RETURN(q.overdue, BoolTerm(terms, "overdue"));
    const absl::CivilDay today = Today();
    q.today = FormatDay(today);
    if (!who->partner.empty()) q.partner = who->partner;  // a provider's own, whatever it asks
    q.limit = size + 1;
    std::vector<v1::Concern> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, AdvocateInputStore::ListConcerns(db, who->tenant, q));
      return absl::OkStatus();
    }));
    Emit(
        rows, size, query, [](const v1::Concern& c) { return c.name(); },
        [&](v1::Concern& c) { PresentConcern(c, today); }, read, out->mutable_concerns(),
        out->mutable_next_page_token());
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListConcerns", std::move(read), st);
}

absl::StatusOr<v1::Concern> ReviewsService::ChangeConcernTx(
    Tx& tx, const Principal& who, const std::string& name, const std::string& etag,
    const char* method, const std::function<absl::Status(v1::Concern&)>& step) const {
  ASSURE_ASSIGN_OR_RETURN(auto id, ParseConcernName(name, "name"));
  ASSURE_ASSIGN_OR_RETURN(
      auto c, AdvocateInputStore::LoadConcern(tx.db(), who.tenant, id.child, id.concern));
  if (!c) return NotFound(name);
  ASSURE_RETURN_IF_ERROR(CheckEtag(etag, c->etag(), c->name()));
  ASSURE_RETURN_IF_ERROR(step(*c));
  ASSURE_RETURN_IF_ERROR(
      AdvocateInputStore::UpdateConcern(tx.db(), who.tenant, id.child, id.concern, *c));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, method, c->name()));
  ASSURE_RETURN_IF_ERROR(Publish(
      tx, who, {ConcernEventOf(method), c->name(), ChildName(id.child), c->partner()}));
  PresentConcern(*c, Today());
  return *std::move(c);
}

ReviewsService::Reactor* ReviewsService::AcknowledgeConcern(
    Ctx* ctx, const v1::AcknowledgeConcernRequest* req, v1::Concern* out) {
  auto who = Caller(ctx, *req, roles::kChairs, "AcknowledgeConcern");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateStep(req->name(), req->request_id()); !st.ok()) return Reply(ctx, st);
  return Change<v1::Concern>(
      ctx, *who, *req, "AcknowledgeConcern",
      [this, req, who = *who](Tx& tx) {
        return ChangeConcernTx(tx, who, req->name(), req->etag(), "AcknowledgeConcern",
                               [&](v1::Concern& c) -> absl::Status {
                                 ASSURE_RETURN_IF_ERROR(CheckCanAcknowledge(c));
                                 Acknowledge(c, who.subject, ToProto(clock_.Now()));
                                 return absl::OkStatus();
                               });
      },
      out);
}

ReviewsService::Reactor* ReviewsService::AnswerConcern(Ctx* ctx,
                                                       const v1::AnswerConcernRequest* req,
                                                       v1::Concern* out) {
  auto who = Caller(ctx, *req, roles::kChairs, "AnswerConcern");
  if (!who.ok()) return Reply(ctx, who.status());
  auto st = ValidateStep(req->name(), req->request_id());
  if (st.ok() && req->answer().empty()) {
    st = InvalidField("answer", "is required: the IRO's answer to the advocate");
  }
  if (!st.ok()) return Reply(ctx, st);
  return Change<v1::Concern>(
      ctx, *who, *req, "AnswerConcern",
      [this, req, who = *who](Tx& tx) {
        return ChangeConcernTx(tx, who, req->name(), req->etag(), "AnswerConcern",
                               [&](v1::Concern& c) -> absl::Status {
                                 ASSURE_RETURN_IF_ERROR(CheckCanAnswer(c));
                                 const auto now = ToProto(clock_.Now());
                                 Acknowledge(c, who.subject, now);
                                 c.set_state(v1::CONCERN_STATE_ANSWERED);
                                 c.set_answer(req->answer());
                                 c.set_answered_by(who.subject);
                                 *c.mutable_answer_time() = now;
                                 return absl::OkStatus();
                               });
      },
      out);
}

ReviewsService::Reactor* ReviewsService::ChallengeConcern(Ctx* ctx,
                                                          const v1::ChallengeConcernRequest* req,
                                                          v1::Concern* out) {
  auto who = Caller(ctx, *req, roles::kChairs, "ChallengeConcern");
  if (!who.ok()) return Reply(ctx, who.status());
  auto st = ValidateStep(req->name(), req->request_id());
  if (st.ok()) {
    FieldViolations v;
    if (!IsCode(req->theme())) {
      v.Add("theme", "is required: a theme code of the authority's dispute settings");
    }
    if (req->stage_level() < 0) v.Add("stage_level", "must be 0 (informal) or more");
    CheckOwnReview(req->review(), ParseConcernName(req->name(), "name")->child, "review", v);
    st = v.ToStatus();
  }
  if (!st.ok()) return Reply(ctx, st);
  return Change<v1::Concern>(
      ctx, *who, *req, "ChallengeConcern",
      [this, req, who = *who](Tx& tx) {
        return ChangeConcernTx(
            tx, who, req->name(), req->etag(), "ChallengeConcern",
            [&](v1::Concern& c) -> absl::Status {
              ASSURE_RETURN_IF_ERROR(CheckCanChallenge(c));
              const std::string& about = req->review().empty() ? c.review() : req->review();
              if (about.empty()) {
                return InvalidField("review",
                                    "is required: the concern names no meeting, and "
                                    "a challenge is about one");
              }
              ASSURE_ASSIGN_OR_RETURN(auto r, ParseReviewName(about, "review"));
              ASSURE_ASSIGN_OR_RETURN(v1::Review review,
                                      MustLoadReview(tx.db(), who.tenant, r.child, r.review));
              assure::disputes::v1::Dispute ask;
              ask.set_theme(req->theme());
              ask.set_concern(c.text());
              ask.set_stage_level(req->stage_level());
              ASSURE_ASSIGN_OR_RETURN(std::string dispute,
                                      OpenDispute(tx, who, review, std::move(ask)));
              Acknowledge(c, who.subject, ToProto(clock_.Now()));
              c.set_state(v1::CONCERN_STATE_CHALLENGED);
              c.set_dispute(std::move(dispute));
              return absl::OkStatus();
            });
      },
      out);
}

}  // namespace assure::reviews
