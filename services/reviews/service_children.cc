// ReviewsService: children, their IRO allocation and their review schedule.
#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/field_mask.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/reviews/allocation.h"
#include "services/reviews/child_facts.h"
#include "services/reviews/history.h"
#include "services/reviews/kinds.h"
#include "services/reviews/referral_store.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/validation.h"

namespace assure::reviews {
namespace {


const std::vector<std::string> kChildMutablePaths = {
    "birth_date",       "disability",      "gender",          "ethnicity",
    "placed_out_of_area", "sibling_group", "case_worker_ids", "case_worker_line_manager_ids",
    "periods_of_care",  "child_protection", "adoption", "short_breaks_start_date"};

// What advocacy needs of a child (DOMAIN, partners): age, whether looked after, and which IRO
// to contact; meetings come from the schedule. Nothing of the care history, the family or
// the other partners involved.
v1::Child PartnerView(const v1::Child& child) {
  v1::Child view;
  view.set_name(child.name());
  *view.mutable_birth_date() = child.birth_date();
  view.set_looked_after(child.looked_after());
  view.mutable_iro_allocation()->set_iro(child.iro_allocation().iro());
  return view;
}

std::optional<std::string> TextTerm(const FilterTerms& terms, const std::string& field) {
  auto it = terms.find(field);
  if (it == terms.end()) return std::nullopt;
  return it->second;
}

}  // namespace

// ---- CreateChild

ReviewsService::Reactor* ReviewsService::CreateChild(Ctx* ctx, const v1::CreateChildRequest* req,
                                                     v1::Child* out) {
  auto who = Caller(ctx, *req, roles::kChildWriters, "CreateChild");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  if (!IsValidId(req->child_id())) {
    v.Add("child_id", "is required: the case reference, 1-64 letters, digits, '.', '_' or '-'");
  }
  CheckChild(req->child(), Today(), "child", v);
  CheckRequestId(req->request_id(), v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::Child>(
      ctx, *who, *req, "CreateChild",
      [this, req, who = *who](Tx& tx) { return CreateChildTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::Child> ReviewsService::CreateChildTx(Tx& tx, const Principal& who,
                                                        const v1::CreateChildRequest& req) const {
  const std::string& id = req.child_id();
  ASSURE_ASSIGN_OR_RETURN(auto existing, ReviewsStore::LoadChild(tx.db(), who.tenant, id));
  if (existing) return AlreadyExists(ChildName(id));
  v1::Child child = req.child();
  child.set_name(ChildName(id));
  child.clear_iro_allocation();
  child.clear_referred_partners();  // a partner is referred by CreateReferral
  DeriveChildFields(child);
  *child.mutable_create_time() = ToProto(clock_.Now());
  *child.mutable_update_time() = child.create_time();
  ASSURE_RETURN_IF_ERROR(ReviewsStore::InsertChild(tx.db(), who.tenant, id, child));
  ASSURE_RETURN_IF_ERROR(RefreshSchedule(tx, who.tenant, child));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, "CreateChild", child.name()));
  ASSURE_RETURN_IF_ERROR(ReviewsMetrics::PlanInForceChanged(
      tx, who.tenant, std::nullopt, PlanInForce(EpisodesOf(child.child_protection()))));
  if (NeedsIro(child)) {
    ASSURE_RETURN_IF_ERROR(ReviewsMetrics::AddWithoutActiveIro(tx, who.tenant, 1));
  }
  return child;
}

// ---- GetChild, ListChildren

ReviewsService::Reactor* ReviewsService::GetChild(Ctx* ctx, const v1::GetChildRequest* req,
                                                  v1::Child* out) {
  auto who = Caller(ctx, *req, roles::kChildReaders, "GetChild");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseChildName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  absl::StatusOr<v1::Child> child = absl::UnknownError("unread");
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    child = MustLoadChild(db, who->tenant, *id);
    ASSURE_RETURN_IF_ERROR(child.status());
    ASSURE_RETURN_IF_ERROR(CheckPartnerScope(db, *who, *id));
    return FillReferredPartners(db, who->tenant, *child);
  });
  if (!st.ok()) return Reply(ctx, st);
  if (!who->partner.empty()) child = PartnerView(*child);
  *out = *std::move(child);
  return ReplyRead(ctx, *who, "GetChild", {req->name()}, absl::OkStatus());
}

ReviewsService::Reactor* ReviewsService::ListChildren(Ctx* ctx,
                                                      const v1::ListChildrenRequest* req,
                                                      v1::ListChildrenResponse* out) {
  auto who = Caller(ctx, *req, roles::kChildListers, "ListChildren");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(
        auto terms, ParseFilter(req->filter(), {"looked_after", "has_active_iro", "iro",
                                                "sibling_group"}));
    ASSURE_RETURN_IF_ERROR(CheckOrderBy(req->order_by(), {"name"}));
    const std::string query = absl::StrCat(req->filter(), "|", req->order_by());
    ChildQuery q;
    ASSURE_ASSIGN_OR_RETURN(q.after_id, DecodePageToken(req->page_token(), query));
    ASSURE_ASSIGN_OR_RETURN(q.looked_after, BoolTerm(terms, "looked_after"));
    ASSURE_ASSIGN_OR_RETURN(q.has_active_iro, BoolTerm(terms, "has_active_iro"));
    q.iro = TextTerm(terms, "iro");
    if (q.iro) {
      ASSURE_ASSIGN_OR_RETURN(*q.iro, ParseIroName(*q.iro, "filter"));
    }
    q.sibling_group = TextTerm(terms, "sibling_group");
    q.limit = size + 1;
    std::vector<v1::Child> children;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(children, ReviewsStore::ListChildren(db, who->tenant, q));
      if (children.empty()) return absl::OkStatus();
      ASSURE_ASSIGN_OR_RETURN(
          auto partners,
          ReferralStore::OpenPartners(db, who->tenant, children.front().name().substr(9),
                                      children.back().name().substr(9)));
      for (auto& c : children) {
        c.clear_referred_partners();
        for (const auto& p : partners[c.name().substr(9)]) c.add_referred_partners(p);
      }
      return absl::OkStatus();
    }));
    Emit(children, size, query, [](const v1::Child& c) { return c.name().substr(9); },
         [](v1::Child&) {}, read,
         out->mutable_children(), out->mutable_next_page_token());
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListChildren", std::move(read), st);
}

// ---- UpdateChild

ReviewsService::Reactor* ReviewsService::UpdateChild(Ctx* ctx, const v1::UpdateChildRequest* req,
                                                     v1::Child* out) {
  auto who = Caller(ctx, *req, roles::kChildWriters, "UpdateChild");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseChildName(req->child().name(), "child.name");
  if (!id.ok()) return Reply(ctx, id.status());
  return Change<v1::Child>(
      ctx, *who, *req, "UpdateChild",
      [this, req, who = *who](Tx& tx) { return UpdateChildTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::Child> ReviewsService::UpdateChildTx(Tx& tx, const Principal& who,
                                                        const v1::UpdateChildRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(std::string id, ParseChildName(req.child().name(), "child.name"));
  ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(tx.db(), who.tenant, id));
  ASSURE_RETURN_IF_ERROR(CheckEtag(req.child().etag(), child.etag(), child.name()));
  ASSURE_ASSIGN_OR_RETURN(bool was_without, WithoutActiveIro(tx.db(), who.tenant, child));
  const auto plan_before = PlanInForce(EpisodesOf(child.child_protection()));
  ASSURE_RETURN_IF_ERROR(ApplyFieldMask(req.child(), req.update_mask(), kChildMutablePaths, &child));
  child.clear_referred_partners();  // output only: from the referrals
  FieldViolations v;
  CheckChild(child, Today(), "child", v);
  ASSURE_RETURN_IF_ERROR(v.ToStatus());
  ASSURE_ASSIGN_OR_RETURN(auto reviews, ReviewsStore::ReviewsOfChild(tx.db(), who.tenant, id));
  ASSURE_RETURN_IF_ERROR(CheckRecordedHistory(child, reviews));
  DeriveChildFields(child);
  *child.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(ReviewsStore::UpdateChild(tx.db(), who.tenant, id, child));
  ASSURE_RETURN_IF_ERROR(RefreshSchedule(tx, who.tenant, child));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, "UpdateChild", child.name()));
  ASSURE_RETURN_IF_ERROR(ReviewsMetrics::PlanInForceChanged(
      tx, who.tenant, plan_before, PlanInForce(EpisodesOf(child.child_protection()))));
  ASSURE_ASSIGN_OR_RETURN(bool now_without, WithoutActiveIro(tx.db(), who.tenant, child));
  if (was_without != now_without) {
    ASSURE_RETURN_IF_ERROR(
        ReviewsMetrics::AddWithoutActiveIro(tx, who.tenant, now_without ? 1 : -1));
  }
  const std::string iro = child.iro_allocation().iro();
  if (!iro.empty()) {
    // The allocated IRO may not become one of the case's workers (reg 46).
    ASSURE_RETURN_IF_ERROR(CheckIroIndependence(
        iro.substr(5), CaseStaffOf(child)));
  }
  ASSURE_RETURN_IF_ERROR(PublishCaseload(tx, who.tenant, iro.empty() ? "" : iro.substr(5)));
  ASSURE_RETURN_IF_ERROR(EndReferralsIfIneligible(tx, who, child));
  ASSURE_RETURN_IF_ERROR(FillReferredPartners(tx.db(), who.tenant, child));
  return child;
}

// ---- AllocateIro

ReviewsService::Reactor* ReviewsService::AllocateIro(Ctx* ctx, const v1::AllocateIroRequest* req,
                                                     v1::Child* out) {
  auto who = Caller(ctx, *req, roles::kIroManagers, "AllocateIro");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  if (!ParseChildName(req->name(), "name").ok()) v.Add("name", "must be children/{child}");
  if (!ParseIroName(req->iro(), "iro").ok()) v.Add("iro", "is required: iros/{iro}");
  CheckDate(req->allocated_date(), "allocated_date", false, v, Today());
  CheckRequestId(req->request_id(), v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::Child>(
      ctx, *who, *req, "AllocateIro",
      [this, req, who = *who](Tx& tx) { return AllocateIroTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::Child> ReviewsService::AllocateIroTx(Tx& tx, const Principal& who,
                                                        const v1::AllocateIroRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(std::string id, ParseChildName(req.name(), "name"));
  ASSURE_ASSIGN_OR_RETURN(std::string iro_id, ParseIroName(req.iro(), "iro"));
  ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(tx.db(), who.tenant, id));
  ASSURE_RETURN_IF_ERROR(CheckEtag(req.etag(), child.etag(), child.name()));
  ASSURE_ASSIGN_OR_RETURN(auto iro, ReviewsStore::LoadIro(tx.db(), who.tenant, iro_id));
  if (!iro) return InvalidField("iro", absl::StrCat(req.iro(), " does not exist"));
  ASSURE_ASSIGN_OR_RETURN(bool was_without, WithoutActiveIro(tx.db(), who.tenant, child));

  AllocationFacts facts;
  facts.iro_id = iro_id;
  facts.iro_active = iro->status() == v1::IRO_STATUS_ACTIVE;
  facts.iro_chairs_lac = iro->chairs_lac_reviews();
  facts.iro_chairs_cp = iro->chairs_cp_conferences();
  facts.child_looked_after = IsLookedAfter(child);
  facts.child_in_child_protection = InChildProtection(child);
  facts.staff = CaseStaffOf(child);
  ASSURE_ASSIGN_OR_RETURN(const Caseload caseload,
                          ReviewsStore::CaseloadOf(tx.db(), who.tenant, iro_id));
  const bool already_theirs = child.iro_allocation().iro() == IroName(iro_id);
  facts.iro_caseload = caseload.lac + caseload.cp - (already_theirs ? 1 : 0);
  facts.iro_fte_hundredths = iro->fte_hundredths();
  ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(tx.db(), who.tenant));
  facts.caseload_benchmark_high = settings.caseload_benchmark_high;
  ASSURE_ASSIGN_OR_RETURN(auto siblings, ReviewsStore::ActiveSiblingIros(
                                             tx.db(), who.tenant, child.sibling_group(), id));
  facts.sibling_iros.insert(siblings.begin(), siblings.end());
  ASSURE_ASSIGN_OR_RETURN(auto reviews, ReviewsStore::ReviewsOfChild(tx.db(), who.tenant, id));
  for (const auto& r : reviews) {
    const auto kind = KindFromProto(r.kind());
    if (r.state() == v1::REVIEW_STATE_HELD && kind && IsChildProtection(*kind) && !r.iro().empty()) {
      facts.cp_chair = r.iro().substr(5);
    }
  }
  const AllocationDecision decision = CheckAllocation(facts, req.override_reason());
  ASSURE_RETURN_IF_ERROR(decision.refusal);

  const absl::CivilDay allocated = FromProto(req.allocated_date()).day.value_or(Today());
  const std::string previous = child.iro_allocation().iro();
  const NotificationDelay delay =
      MeasureNotificationDelay(CurrentLookedAfterDay(child), allocated, calendar_,
                               settings.iro_notification_target_working_days);
  v1::IroAllocation& a = *child.mutable_iro_allocation();
  a.Clear();
  a.set_iro(IroName(iro_id));
  *a.mutable_allocated_date() = ToProto(allocated);
  a.set_notification_delay_working_days(delay.working_days);
  a.set_within_notification_target(delay.within_target);
  for (const auto& w : decision.warnings) a.add_overridden_warnings(w);
  if (!decision.warnings.empty()) a.set_override_reason(req.override_reason());
  a.set_allocated_by(who.subject);
  *child.mutable_update_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(ReviewsStore::UpdateChild(tx.db(), who.tenant, id, child));
  ASSURE_RETURN_IF_ERROR(ReviewsStore::InsertAllocation(tx.db(), who.tenant, id, a,
                                                        absl::ToUnixMicros(clock_.Now())));
  ASSURE_RETURN_IF_ERROR(Access(tx, who, "AllocateIro", child.name()));
  ASSURE_RETURN_IF_ERROR(PublishCaseload(tx, who.tenant, iro_id));
  if (!previous.empty() && previous != a.iro()) {
    ASSURE_RETURN_IF_ERROR(PublishCaseload(tx, who.tenant, previous.substr(5)));
  }
  if (was_without && NeedsIro(child) && facts.iro_active) {
    ASSURE_RETURN_IF_ERROR(ReviewsMetrics::AddWithoutActiveIro(tx, who.tenant, -1));
  }
  ASSURE_RETURN_IF_ERROR(FillReferredPartners(tx.db(), who.tenant, child));
  return child;
}

// ---- GetReviewSchedule

ReviewsService::Reactor* ReviewsService::GetReviewSchedule(Ctx* ctx,
                                                           const v1::GetReviewScheduleRequest* req,
                                                           v1::ReviewSchedule* out) {
  auto who = Caller(ctx, *req, roles::kChildReaders, "GetReviewSchedule");
  if (!who.ok()) return Reply(ctx, who.status());
  const std::string suffix = "/reviewSchedule";
  const std::string& name = req->name();
  const bool shaped = name.size() > suffix.size() &&
                      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  auto id = shaped ? ParseChildName(name.substr(0, name.size() - suffix.size()), "name")
                   : absl::StatusOr<std::string>(
                         InvalidField("name", "must be of the form children/{child}/reviewSchedule"));
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(db, who->tenant, *id));
    ASSURE_RETURN_IF_ERROR(CheckPartnerScope(db, *who, *id));
    ASSURE_ASSIGN_OR_RETURN(auto reviews, ReviewsStore::ReviewsOfChild(db, who->tenant, *id));
    ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(db, who->tenant));
    out->set_name(name);
    for (const auto& next :
         NextMeetings(HistoryOf(child, reviews, settings), calendar_, settings.schedule)) {
      ASSURE_ASSIGN_OR_RETURN(auto due, DueToProto(next.due));
      auto* m = out->add_meetings();
      m->set_kind(KindToProto(next.kind));
      *m->mutable_due() = std::move(due);
    }
    return absl::OkStatus();
  });
  return ReplyRead(ctx, *who, "GetReviewSchedule", {ChildName(*id)}, st);
}

}  // namespace assure::reviews
