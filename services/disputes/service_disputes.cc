// DisputesService: raising a dispute, reading the log, and the moves up and off the ladder.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/period.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/common/text.h"
#include "services/common/store/access_record.h"
#include "protos/assure/disputes/v1/names.h"
#include "services/disputes/roles.h"
#include "services/disputes/service.h"
#include "services/disputes/findings.h"
#include "services/disputes/validation.h"

namespace assure::disputes {
namespace {

constexpr char kCreateFinding[] = "/assure.actionplans.v1.ActionPlansService/CreateFinding";

}  // namespace
namespace {

// A person's id or name, as the authority writes it.
constexpr size_t kMaxOfficerBytes = 256;

// The fields a caller sets; everything else is output only.
v1::Dispute InputOf(const v1::Dispute& in) {
  v1::Dispute d;
  d.set_child(in.child());
  d.set_review(in.review());
  *d.mutable_decisions() = in.decisions();
  d.set_theme(in.theme());
  d.set_concern(in.concern());
  d.set_starred(in.starred());
  d.set_stage_level(in.stage_level());
  d.set_responsible_officer(in.responsible_officer());
  d.set_case_type(in.case_type());
  return d;
}

}  // namespace

// ---- CreateDispute

DisputesService::Reactor* DisputesService::CreateDispute(Ctx* ctx,
                                                         const v1::CreateDisputeRequest* req,
                                                         v1::Dispute* out) {
  auto who = Caller(ctx, *req, roles::kRaisers, "CreateDispute");
  if (!who.ok()) return Reply(ctx, who.status());
  if (!req->dispute_id().empty() && !IsValidId(req->dispute_id())) {
    return Reply(ctx, InvalidField("dispute_id", "must be 1-64 of A-Z a-z 0-9 . _ -"));
  }
  return Change<v1::Dispute>(
      ctx, *who, *req, "CreateDispute",
      [this, who = *who, req = *req](Tx& tx) { return CreateDisputeTx(tx, who, req); }, out);
}

absl::StatusOr<v1::Dispute> DisputesService::CreateDisputeTx(
    Tx& tx, const Principal& who, const v1::CreateDisputeRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto settings, SettingsOf(tx.db(), who.tenant));
  ASSURE_RETURN_IF_ERROR(ValidateNewDispute(req.dispute(), settings));
  const std::string id = req.dispute_id().empty() ? NewDisputeId() : req.dispute_id();
  ASSURE_ASSIGN_OR_RETURN(auto existing, DisputesStore::Load(tx.db(), who.tenant, id));
  if (existing) return AlreadyExists(DisputeName(id));
  const absl::Time now = clock_.Now();
  v1::Dispute d = InputOf(req.dispute());
  d.set_name(DisputeName(id));
  ASSURE_RETURN_IF_ERROR(Raise(d, settings, calendar_, {who.subject, now, d.concern()}));
  *d.mutable_create_time() = ToProto(now);
  *d.mutable_update_time() = ToProto(now);
  ASSURE_RETURN_IF_ERROR(DisputesStore::Insert(tx.db(), who.tenant, id, d));
  ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, "CreateDispute", d.name(), now));
  ASSURE_RETURN_IF_ERROR(Publish(tx, who, "disputes.dispute.raised", d));
  ASSURE_RETURN_IF_ERROR(metrics_.Changed(tx, who.tenant, nullptr, d));
  ASSURE_RETURN_IF_ERROR(ReferRecurringTheme(tx, who, d, settings));
  Present(d, calendar_, now);
  return d;
}

absl::Status DisputesService::ReferRecurringTheme(Tx& tx, const Principal& who,
                                                  const v1::Dispute& d,
                                                  const v1::DisputeSettings& settings) const {
  if (d.theme().empty()) return absl::OkStatus();
  const absl::CivilDay today = LondonDay(clock_.Now());
  ASSURE_ASSIGN_OR_RETURN(int64_t count,
                          DisputesStore::CountThemeSince(tx.db(), who.tenant, d.theme(),
                                                         ThemeWindowStart(settings, today),
                                                         ThemeThreshold(settings) + 1));
  if (!ThemeRecursNow(settings, count)) return absl::OkStatus();
  auto finding = ThemeFinding(settings, d.theme(), count, today, who.subject, clock_.Now());
  return outbox_.Enqueue(tx, who, kCreateFinding, finding, clock_.Now()).status();
}

// ---- GetDispute, ListDisputes

DisputesService::Reactor* DisputesService::GetDispute(Ctx* ctx, const v1::GetDisputeRequest* req,
                                                      v1::Dispute* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetDispute");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseDisputeName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto d, DisputesStore::Load(db, who->tenant, *id));
    if (!d) return NotFound(req->name());
    *out = *std::move(d);
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  Present(*out, calendar_, clock_.Now());
  return ReplyRead(ctx, *who, "GetDispute", {req->name()}, absl::OkStatus());
}

absl::StatusOr<DisputeQuery> DisputesService::QueryOf(const v1::ListDisputesRequest& req,
                                                      const std::string& query) const {
  DisputeQuery q;
  ASSURE_ASSIGN_OR_RETURN(auto terms,
                          ParseFilter(req.filter(), {"state", "stage_level", "theme", "outcome",
                                                     "starred", "overdue", "child", "review",
                                                     "raised_by", "past_formal_limit",
                                                     "case_type"}));
  ASSURE_ASSIGN_OR_RETURN(
      q.state, EnumTerm<v1::DisputeState>(terms, "state", v1::DisputeState_Parse,
                                          "DISPUTE_STATE_OPEN"));
  ASSURE_ASSIGN_OR_RETURN(
      q.outcome, EnumTerm<v1::Outcome>(terms, "outcome", v1::Outcome_Parse, "OUTCOME_ACTION_AGREED"));
  ASSURE_ASSIGN_OR_RETURN(q.starred, BoolTerm(terms, "starred"));
  ASSURE_ASSIGN_OR_RETURN(q.case_type, EnumTerm<v1::CaseType>(terms, "case_type",
                                                              v1::CaseType_Parse,
                                                              "CASE_TYPE_CHILD_PROTECTION"));
  ASSURE_ASSIGN_OR_RETURN(auto overdue, BoolTerm(terms, "overdue"));
  if (overdue.value_or(false)) q.overdue_on = LondonDay(clock_.Now());
  if (overdue.has_value() && !*overdue) {
    return InvalidField("filter", "overdue takes only true (the stages past their limit)");
  }
  ASSURE_ASSIGN_OR_RETURN(auto past_formal, BoolTerm(terms, "past_formal_limit"));
  if (past_formal.value_or(false)) q.past_formal_limit_on = LondonDay(clock_.Now());
  if (past_formal.has_value() && !*past_formal) {
    return InvalidField("filter", "past_formal_limit takes only true (open past 20 formal "
                                  "working days)");
  }
  if (auto it = terms.find("stage_level"); it != terms.end()) {
    int level = 0;
    if (!absl::SimpleAtoi(it->second, &level) || level < 0) {
      return InvalidField("filter", "stage_level takes a number, 0 for the informal step");
    }
    q.stage_level = level;
  }
  const std::pair<const char*, std::optional<std::string>*> texts[] = {
      {"theme", &q.theme}, {"child", &q.child}, {"review", &q.review}, {"raised_by", &q.raised_by}};
  for (const auto& [field, slot] : texts) {
    if (auto it = terms.find(field); it != terms.end()) *slot = it->second;
  }
  if (IsSet(req.start_date()) || IsSet(req.end_date())) {
    ASSURE_ASSIGN_OR_RETURN(auto period, ParsePeriod(req.start_date(), req.end_date()));
    q.active_from = period.first;
    q.active_to = period.second;
  }
  ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req.page_size()));
  ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req.page_token(), query));
  if (!after.empty()) {
    ASSURE_ASSIGN_OR_RETURN(q.after_id, ParseDisputeName(after, "page_token"));
  }
  q.limit = size + 1;
  return q;
}

DisputesService::Reactor* DisputesService::ListDisputes(Ctx* ctx,
                                                        const v1::ListDisputesRequest* req,
                                                        v1::ListDisputesResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListDisputes");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    const std::string query =
        absl::StrCat(req->filter(), "|", FormatDay(FromProto(req->start_date()).day.value_or(
                                              absl::CivilDay())),
                     "|", FormatDay(FromProto(req->end_date()).day.value_or(absl::CivilDay())));
    ASSURE_ASSIGN_OR_RETURN(DisputeQuery q, QueryOf(*req, query));
    std::vector<v1::Dispute> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, DisputesStore::List(db, who->tenant, q));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, q.limit - 1, query, [](const v1::Dispute& d) { return d.name(); });
    for (auto& d : rows) {
      Present(d, calendar_, clock_.Now());
      read.push_back(d.name());
      *out->add_disputes() = std::move(d);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListDisputes", std::move(read), st);
}

// ---- The moves

DisputesService::Reactor* DisputesService::EscalateDispute(Ctx* ctx,
                                                           const v1::EscalateDisputeRequest* req,
                                                           v1::Dispute* out) {
  const int to = req->to_level();
  if (req->responsible_officer().size() > kMaxOfficerBytes) {
    return Reply(ctx, InvalidField("responsible_officer",
                                   absl::StrCat("must be at most ", kMaxOfficerBytes, " bytes")));
  }
  return ApplyMove(
      ctx, *req, roles::kChallengers, "EscalateDispute", req->name(), req->etag(),
      [this, to, officer = req->responsible_officer()](
          v1::Dispute& d, const v1::DisputeSettings& s, const Move& m) {
        return Escalate(d, s, calendar_, to, officer, m);
      },
      req->note(), out);
}

DisputesService::Reactor* DisputesService::ResolveDispute(Ctx* ctx,
                                                          const v1::ResolveDisputeRequest* req,
                                                          v1::Dispute* out) {
  const v1::Outcome outcome = req->outcome();
  const std::string finding = req->service_finding();
  if (!IsValidUtf8(finding)) return Reply(ctx, InvalidField("service_finding", "must be text"));
  AfterMove refer = nullptr;
  if (!finding.empty()) {
    refer = [this](Tx& tx, const Principal& who, v1::Dispute& d) {
      auto req = ServiceFinding(d, clock_.Now());
      return outbox_.Enqueue(tx, who, kCreateFinding, req, clock_.Now()).status();
    };
  }
  return ApplyMove(
      ctx, *req, roles::kResolvers, "ResolveDispute", req->name(), req->etag(),
      [outcome, finding](v1::Dispute& d, const v1::DisputeSettings&, const Move& m) {
        ASSURE_RETURN_IF_ERROR(Resolve(d, outcome, m));
        if (!finding.empty()) {
          d.set_service_finding(finding);
          d.set_finding(absl::StrCat("findings/", NewResourceId("f-")));
        }
        return absl::OkStatus();
      },
      req->note(), out, std::move(refer));
}

DisputesService::Reactor* DisputesService::WithdrawDispute(Ctx* ctx,
                                                           const v1::WithdrawDisputeRequest* req,
                                                           v1::Dispute* out) {
  return ApplyMove(
      ctx, *req, roles::kChallengers, "WithdrawDispute", req->name(), req->etag(),
      [](v1::Dispute& d, const v1::DisputeSettings&, const Move& m) { return Withdraw(d, m); },
      req->note(), out);
}

DisputesService::Reactor* DisputesService::ReferDisputeToCafcass(
    Ctx* ctx, const v1::ReferDisputeToCafcassRequest* req, v1::Dispute* out) {
  return ApplyMove(
      ctx, *req, roles::kChallengers, "ReferDisputeToCafcass", req->name(), req->etag(),
      [](v1::Dispute& d, const v1::DisputeSettings&, const Move& m) {
        return ReferToCafcass(d, m);
      },
      req->note(), out);
}

DisputesService::Reactor* DisputesService::RecordCafcassOutcome(
    Ctx* ctx, const v1::RecordCafcassOutcomeRequest* req, v1::Dispute* out) {
  return ApplyMove(
      ctx, *req, roles::kChallengers, "RecordCafcassOutcome", req->name(), req->etag(),
      [](v1::Dispute& d, const v1::DisputeSettings&, const Move& m) {
        return disputes::RecordCafcassOutcome(d, m);
      },
      req->note(), out);
}

}  // namespace assure::disputes
