// ReviewsService: advocacy referrals (DOMAIN, partners). The authority's staff refer a child
// to a provider; the provider's advocates see only their own referrals, answer them, allocate
// an advocate and close them; a referral ends by itself when the child stops being looked
// after and leaves child protection (UpdateChild). The contract manager's report measures
// how quickly each provider answered.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/period.h"
#include "services/common/status_macros.h"
#include "services/reviews/child_facts.h"
#include "services/reviews/referral_store.h"
#include "services/reviews/referrals.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/validation.h"

namespace assure::reviews {
namespace {

// The feed's name for each step of a referral's life.
const char* ReferralEventOf(absl::string_view method) {
  if (method == "AcceptReferral") return "reviews.referral.accepted";
  if (method == "DeclineReferral") return "reviews.referral.declined";
  if (method == "AllocateAdvocate") return "reviews.referral.advocate_allocated";
  return "reviews.referral.closed";
}

template <typename Enum>
bool IsChosen(Enum value, bool (*is_valid)(int)) {
  return value != 0 && is_valid(value);
}

absl::Status ValidateReferral(const v1::CreateReferralRequest& req) {
  FieldViolations v;
  if (!ParseChildName(req.parent(), "parent").ok()) v.Add("parent", "must be children/{child}");
  const auto& r = req.referral();
  if (!IsTenantCode(r.partner())) {
    v.Add("referral.partner", "is required: the provider's partner code (e.g. nyas)");
  }
  if (!IsChosen(r.reason(), v1::ReferralReason_IsValid)) {
    v.Add("referral.reason", "is required: a REFERRAL_REASON_ value");
  }
  if (!IsChosen(r.urgency(), v1::ReferralUrgency_IsValid)) {
    v.Add("referral.urgency", "is required: REFERRAL_URGENCY_ROUTINE or _URGENT");
  }
  if (!IsChosen(r.consent(), v1::ChildConsent_IsValid)) {
    v.Add("referral.consent",
          "is required: CHILD_CONSENT_GIVEN, or _NON_INSTRUCTED when the child cannot instruct");
  }
  CheckRequestId(req.request_id(), v);
  return v.ToStatus();
}

// Checks the name, the request id and, for `field` when named, a staff identifier.
absl::Status ValidateStep(const std::string& name, const std::string& request_id, const char* field,
                          const std::string& value, bool value_required) {
  FieldViolations v;
  if (!ParseReferralName(name, "name").ok()) {
    v.Add("name", "must be children/{child}/referrals/{referral}");
  }
  if (field != nullptr && (value_required || !value.empty()) && !IsValidId(value)) {
    v.Add(field,
          "is required: the provider's identifier of the advocate, 1-64 letters, digits, "
          "'.', '_' or '-'");
  }
  CheckRequestId(request_id, v);
  return v.ToStatus();
}

// A partner sees only its own referrals, and hears of another's as of one that does not exist.
absl::Status CheckReferralScope(const Principal& who, const v1::Referral& r) {
  if (who.partner.empty() || who.partner == r.partner()) return absl::OkStatus();
  return NotFound(r.name());
}

}  // namespace

ReviewsService::Reactor* ReviewsService::CreateReferral(Ctx* ctx,
                                                        const v1::CreateReferralRequest* req,
                                                        v1::Referral* out) {
  auto who = Caller(ctx, *req, roles::kReferrers, "CreateReferral");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateReferral(*req); !st.ok()) return Reply(ctx, st);
  return Change<v1::Referral>(
      ctx, *who, *req, "CreateReferral",
      [this, req, who = *who](Tx& tx) -> absl::StatusOr<v1::Referral> {
        ASSURE_ASSIGN_OR_RETURN(std::string child_id, ParseChildName(req->parent(), "parent"));
        ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(tx.db(), who.tenant, child_id));
        if (!NeedsIro(child)) {
          return FailedRule("referral.child_eligible",
                            absl::StrCat(child.name(),
                                         " is neither looked after nor in child "
                                         "protection"));
        }
        ASSURE_ASSIGN_OR_RETURN(auto open, ReferralStore::OpenOf(tx.db(), who.tenant, child_id));
        ASSURE_RETURN_IF_ERROR(CheckNotReferredAlready(open, req->referral()));
        ASSURE_ASSIGN_OR_RETURN(int64_t seq, ReferralStore::NextSeq(tx.db(), who.tenant, child_id));
        v1::Referral r;
        r.set_name(ReferralNameOf(child_id, seq));
        r.set_partner(req->referral().partner());
        r.set_reason(req->referral().reason());
        r.set_urgency(req->referral().urgency());
        r.set_consent(req->referral().consent());
        r.set_note(req->referral().note());
        r.set_state(v1::REFERRAL_STATE_REFERRED);
        r.set_referred_by(who.subject);
        *r.mutable_referral_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(ReferralStore::Insert(tx.db(), who.tenant, child_id, seq, r));
        ASSURE_RETURN_IF_ERROR(Access(tx, who, "CreateReferral", r.name()));
        ASSURE_RETURN_IF_ERROR(Publish(
            tx, who, {"reviews.referral.made", r.name(), ChildName(child_id), r.partner()}));
        ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(tx.db(), who.tenant));
        PresentReferral(r, settings.referral_response, Today(), calendar_);
        return r;
      },
      out);
}

ReviewsService::Reactor* ReviewsService::GetReferral(Ctx* ctx, const v1::GetReferralRequest* req,
                                                     v1::Referral* out) {
  auto who = Caller(ctx, *req, roles::kReferralReaders, "GetReferral");
  if (!who.ok()) return Reply(ctx, who.status());
  auto name = ParseReferralName(req->name(), "name");
  if (!name.ok()) return Reply(ctx, name.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto r,
                            ReferralStore::Load(db, who->tenant, name->child, name->referral));
    if (!r) return NotFound(req->name());
    ASSURE_RETURN_IF_ERROR(CheckReferralScope(*who, *r));
    ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(db, who->tenant));
    PresentReferral(*r, settings.referral_response, Today(), calendar_);
    *out = *std::move(r);
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  return ReplyRead(ctx, *who, "GetReferral", {req->name()}, st);
}

ReviewsService::Reactor* ReviewsService::ListReferrals(Ctx* ctx,
                                                       const v1::ListReferralsRequest* req,
                                                       v1::ListReferralsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReferralReaders, "ListReferrals");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ReferralQuery q;
    ASSURE_ASSIGN_OR_RETURN(q.child, ParseChildParent(req->parent(), "parent"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(
        auto terms,
        ParseFilter(req->filter(), {"state", "partner", "urgency", "open", "meeting_within_days"}));
    const std::string query = absl::StrCat(req->parent(), "|", req->filter());
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(auto last, ParseReferralName(after, "page_token"));
      q.after_child = last.child;
      q.after_seq = last.referral;
    }
    ASSURE_ASSIGN_OR_RETURN(q.state,
                            EnumTerm<v1::ReferralState>(terms, "state", v1::ReferralState_Parse,
                                                        "REFERRAL_STATE_ACCEPTED"));
    ASSURE_ASSIGN_OR_RETURN(
        q.urgency, EnumTerm<v1::ReferralUrgency>(terms, "urgency", v1::ReferralUrgency_Parse,
                                                 "REFERRAL_URGENCY_URGENT"));
    ASSURE_ASSIGN_OR_RETURN(q.open, BoolTerm(terms, "open"));
    if (auto it = terms.find("partner"); it != terms.end()) q.partner = it->second;
    if (auto it = terms.find("meeting_within_days"); it != terms.end()) {
      int days = 0;
      if (!absl::SimpleAtoi(it->second, &days) || days < 0 || days > 366) {
        return InvalidField("filter", "meeting_within_days takes a number of days, 0-366");
      }
      q.today = FormatDay(Today());
      q.meeting_until = FormatDay(Today() + days);
    }
    // A partner's list is its own, whatever it asks for.
    if (!who->partner.empty()) q.partner = who->partner;
    q.limit = size + 1;
    std::vector<v1::Referral> rows;
    Settings settings;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, ReferralStore::List(db, who->tenant, q));
      ASSURE_ASSIGN_OR_RETURN(settings, SettingsFor(db, who->tenant));
      return absl::OkStatus();
    }));
    const absl::CivilDay today = Today();
    Emit(
        rows, size, query, [](const v1::Referral& r) { return r.name(); },
        [&](v1::Referral& r) { PresentReferral(r, settings.referral_response, today, calendar_); },
        read, out->mutable_referrals(), out->mutable_next_page_token());
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListReferrals", std::move(read), st);
}

absl::StatusOr<v1::Referral> ReviewsService::ChangeReferralTx(
    Tx& tx, const Principal& who, const std::string& name, const std::string& etag,
    const char* method, const std::function<absl::Status(v1::Referral&)>& step) const {
  ASSURE_ASSIGN_OR_RETURN(auto id, ParseReferralName(name, "name"));
  ASSURE_ASSIGN_OR_RETURN(auto r, ReferralStore::Load(tx.db(), who.tenant, id.child, id.referral));
  if (!r) return NotFound(name);
  ASSURE_RETURN_IF_ERROR(CheckReferralScope(who, *r));
  ASSURE_RETURN_IF_ERROR(CheckEtag(etag, r->etag(), r->name()));
  ASSURE_RETURN_IF_ERROR(step(*r));
  ASSURE_RETURN_IF_ERROR(ReferralStore::Update(tx.db(), who.tenant, id.child, id.referral, *r));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, method, r->name()));
  ASSURE_RETURN_IF_ERROR(Publish(
      tx, who, {ReferralEventOf(method), r->name(), ChildName(id.child), r->partner()}));
  ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(tx.db(), who.tenant));
  PresentReferral(*r, settings.referral_response, Today(), calendar_);
  return *std::move(r);
}

ReviewsService::Reactor* ReviewsService::AcceptReferral(Ctx* ctx,
                                                        const v1::AcceptReferralRequest* req,
                                                        v1::Referral* out) {
  auto who = Caller(ctx, *req, roles::kReferralResponders, "AcceptReferral");
  if (!who.ok()) return Reply(ctx, who.status());
  auto st = ValidateStep(req->name(), req->request_id(), "advocate", req->advocate(), false);
  if (!st.ok()) return Reply(ctx, st);
  return Change<v1::Referral>(
      ctx, *who, *req, "AcceptReferral",
      [this, req, who = *who](Tx& tx) {
        return ChangeReferralTx(tx, who, req->name(), req->etag(), "AcceptReferral",
                                [&](v1::Referral& r) -> absl::Status {
                                  ASSURE_RETURN_IF_ERROR(CheckCanAnswer(r));
                                  const auto now = ToProto(clock_.Now());
                                  r.set_state(v1::REFERRAL_STATE_ACCEPTED);
                                  r.set_responded_by(who.subject);
                                  *r.mutable_response_time() = now;
                                  if (!req->advocate().empty()) {
                                    r.set_advocate(req->advocate());
                                    *r.mutable_advocate_allocate_time() = now;
                                  }
                                  return absl::OkStatus();
                                });
      },
      out);
}

ReviewsService::Reactor* ReviewsService::DeclineReferral(Ctx* ctx,
                                                         const v1::DeclineReferralRequest* req,
                                                         v1::Referral* out) {
  auto who = Caller(ctx, *req, roles::kReferralResponders, "DeclineReferral");
  if (!who.ok()) return Reply(ctx, who.status());
  auto st = ValidateStep(req->name(), req->request_id(), nullptr, "", false);
  if (st.ok() && req->reason().empty()) {
    st = InvalidField("reason", "is required: why the provider cannot take the referral on");
  }
  if (!st.ok()) return Reply(ctx, st);
  return Change<v1::Referral>(
      ctx, *who, *req, "DeclineReferral",
      [this, req, who = *who](Tx& tx) {
        return ChangeReferralTx(tx, who, req->name(), req->etag(), "DeclineReferral",
                                [&](v1::Referral& r) -> absl::Status {
                                  ASSURE_RETURN_IF_ERROR(CheckCanAnswer(r));
                                  r.set_state(v1::REFERRAL_STATE_DECLINED);
                                  r.set_responded_by(who.subject);
                                  *r.mutable_response_time() = ToProto(clock_.Now());
                                  r.set_decline_reason(req->reason());
                                  return absl::OkStatus();
                                });
      },
      out);
}

ReviewsService::Reactor* ReviewsService::AllocateAdvocate(Ctx* ctx,
                                                          const v1::AllocateAdvocateRequest* req,
                                                          v1::Referral* out) {
  auto who = Caller(ctx, *req, roles::kReferralResponders, "AllocateAdvocate");
  if (!who.ok()) return Reply(ctx, who.status());
  auto st = ValidateStep(req->name(), req->request_id(), "advocate", req->advocate(), true);
  if (!st.ok()) return Reply(ctx, st);
  return Change<v1::Referral>(
      ctx, *who, *req, "AllocateAdvocate",
      [this, req, who = *who](Tx& tx) {
        return ChangeReferralTx(tx, who, req->name(), req->etag(), "AllocateAdvocate",
                                [&](v1::Referral& r) -> absl::Status {
                                  ASSURE_RETURN_IF_ERROR(CheckCanAllocate(r));
                                  r.set_advocate(req->advocate());
                                  *r.mutable_advocate_allocate_time() = ToProto(clock_.Now());
                                  return absl::OkStatus();
                                });
      },
      out);
}

ReviewsService::Reactor* ReviewsService::CloseReferral(Ctx* ctx,
                                                       const v1::CloseReferralRequest* req,
                                                       v1::Referral* out) {
  auto who = Caller(ctx, *req, roles::kReferralClosers, "CloseReferral");
  if (!who.ok()) return Reply(ctx, who.status());
  auto st = ValidateStep(req->name(), req->request_id(), nullptr, "", false);
  const bool chosen = IsChosen(req->reason(), v1::ReferralCloseReason_IsValid) &&
                      req->reason() != v1::REFERRAL_CLOSE_REASON_NO_LONGER_ELIGIBLE;
  if (st.ok() && !chosen) {
    st = InvalidField("reason",
                      "is required: REFERRAL_CLOSE_REASON_COMPLETED, _CHILD_WITHDREW, _WITHDRAWN "
                      "or _NO_CONTACT (_NO_LONGER_ELIGIBLE is the service's own)");
  }
  if (!st.ok()) return Reply(ctx, st);
  return Change<v1::Referral>(
      ctx, *who, *req, "CloseReferral",
      [this, req, who = *who](Tx& tx) {
        return ChangeReferralTx(tx, who, req->name(), req->etag(), "CloseReferral",
                                [&](v1::Referral& r) {
                                  return EndReferral(r, req->reason(), req->note(), who.subject);
                                });
      },
      out);
}

absl::Status ReviewsService::EndReferral(v1::Referral& r, v1::ReferralCloseReason reason,
                                         const std::string& note, const std::string& by) const {
  ASSURE_RETURN_IF_ERROR(CheckCanClose(r));
  r.set_state(v1::REFERRAL_STATE_CLOSED);
  r.set_close_reason(reason);
  r.set_close_note(note);
  r.set_closed_by(by);
  *r.mutable_close_time() = ToProto(clock_.Now());
  return absl::OkStatus();
}

absl::Status ReviewsService::EndReferralsIfIneligible(Tx& tx, const Principal& who,
                                                      const v1::Child& child) const {
  if (NeedsIro(child)) return absl::OkStatus();
  const std::string id = child.name().substr(9);
  ASSURE_ASSIGN_OR_RETURN(auto open, ReferralStore::OpenOf(tx.db(), who.tenant, id));
  for (auto& r : open) {
    ASSURE_RETURN_IF_ERROR(EndReferral(
        r, v1::REFERRAL_CLOSE_REASON_NO_LONGER_ELIGIBLE,
        "the child stopped being looked after and is not in child protection", who.subject));
    ASSURE_ASSIGN_OR_RETURN(auto name, ParseReferralName(r.name(), "name"));
    ASSURE_RETURN_IF_ERROR(ReferralStore::Update(tx.db(), who.tenant, id, name.referral, r));
    ASSURE_RETURN_IF_ERROR(
        Publish(tx, who, {"reviews.referral.closed", r.name(), child.name(), r.partner()}));
  }
  return absl::OkStatus();
}

absl::Status ReviewsService::FillReferredPartners(Connection& db, const std::string& tenant,
                                                  v1::Child& child) const {
  const std::string id = child.name().substr(9);
  ASSURE_ASSIGN_OR_RETURN(auto partners, ReferralStore::OpenPartners(db, tenant, id, id));
  child.clear_referred_partners();
  for (const auto& p : partners[id]) child.add_referred_partners(p);
  return absl::OkStatus();
}

absl::Status ReviewsService::CheckPartnerScope(Connection& db, const Principal& who,
                                               const std::string& child) const {
  if (who.partner.empty()) return absl::OkStatus();
  ASSURE_ASSIGN_OR_RETURN(bool referred,
                          ReferralStore::IsReferredTo(db, who.tenant, child, who.partner));
  return referred ? absl::OkStatus() : NotFound(ChildName(child));
}

ReviewsService::Reactor* ReviewsService::GetReferralReport(Ctx* ctx,
                                                           const v1::GetReferralReportRequest* req,
                                                           v1::ReferralReport* out) {
  auto who = Caller(ctx, *req, roles::kReporters, "GetReferralReport");
  if (!who.ok()) return Reply(ctx, who.status());
  auto period = ParsePeriod(req->start_date(), req->end_date());
  if (!period.ok()) return Reply(ctx, period.status());
  const auto [start, end] = *period;
  const absl::Status st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(db, who->tenant));
    ASSURE_ASSIGN_OR_RETURN(auto made, ReferralStore::MadeBetween(db, who->tenant, start, end));
    *out = BuildReferralReport(made, start, end, settings.referral_response, Today(), calendar_);
    return absl::OkStatus();
  });
  return Reply(ctx, st);
}

}  // namespace assure::reviews
