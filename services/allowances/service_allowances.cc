// AllowancesService: an allowance's life from draft to ceased, every step through
// ChangeAllowance, and reading allowances back, by child, state or type.
#include "absl/strings/str_cat.h"
#include "protos/assure/allowances/v1/names.h"
#include "services/allowances/allowance_settings.h"
#include "services/allowances/ledger.h"
#include "services/allowances/money.h"
#include "services/allowances/roles.h"
#include "services/allowances/service.h"
#include "services/allowances/validation.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::allowances {

AllowancesService::Reactor* AllowancesService::ChangeAllowance(
    Ctx* ctx, const google::protobuf::Message& request, const Roles& roles, const char* method,
    const std::string& name, const std::string& etag, Step step, v1::Allowance* out) {
  auto who = Caller(ctx, request, roles, method);
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseAllowanceName(name, "name");
  if (!id.ok()) return Reply(ctx, id.status());
  return Change<v1::Allowance>(
      ctx, *who, request, method,
      [this, who = *who, id = *id, etag, step = std::move(step), method](Tx& tx)
          -> absl::StatusOr<v1::Allowance> { return ApplyStep(tx, who, id, etag, method, step); },
      out);
}

absl::StatusOr<v1::Allowance> AllowancesService::ApplyStep(Tx& tx, const Principal& who,
                                                           const std::string& id,
                                                           const std::string& etag,
                                                           const char* method,
                                                           const Step& step) const {
  ASSURE_ASSIGN_OR_RETURN(auto found, AllowancesStore::Load(tx.db(), who.tenant, id));
  if (!found) return NotFound(AllowanceName(id));
  ASSURE_RETURN_IF_ERROR(CheckEtag(etag, found->etag(), found->name()));
  ASSURE_ASSIGN_OR_RETURN(auto settings, SettingsOf(tx.db(), who.tenant));
  ASSURE_ASSIGN_OR_RETURN(auto child, ChildOf(tx.db(), who.tenant, *found));
  const Actor by{who.subject, who.roles, clock_.Now()};
  v1::Allowance a = *found;
  if (auto st = step({tx, who, by, settings, child}, a); !st.ok()) {
    metrics_.Refused(who.tenant, st);
    return st;
  }
  *a.mutable_update_time() = ToProto(by.now);
  ASSURE_RETURN_IF_ERROR(AllowancesStore::Save(tx.db(), who.tenant, id, a));
  ASSURE_RETURN_IF_ERROR(AllowancesMetrics::Changed(tx, who.tenant, &*found, a));
  ASSURE_RETURN_IF_ERROR(store::RecordAccess(tx.db(), who, method, a.name(), by.now));
  return a;
}

absl::StatusOr<v1::Allowance> AllowancesService::CreateAllowanceTx(
    Tx& tx, const Principal& who, const v1::CreateAllowanceRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(auto child_id,
                          ParseSupportedChildName(req.allowance().child(), "allowance.child"));
  ASSURE_ASSIGN_OR_RETURN(auto child, AllowancesStore::LoadChild(tx.db(), who.tenant, child_id));
  if (!child) return NotFound(req.allowance().child());
  ASSURE_ASSIGN_OR_RETURN(auto settings, SettingsOf(tx.db(), who.tenant));
  const auto code = LedgerCodeFor(settings, req.allowance().type());
  if (!code || *code != req.allowance().ledger_code()) {
    return FailedRule("allowance.ledger_code",
                      absl::StrCat("the ledger code must be the one this authority books ",
                                   v1::AllowanceType_Name(req.allowance().type()),
                                   " to: ", code.value_or("none set")));
  }
  const std::string id = req.allowance_id().empty() ? NewResourceId("a-") : req.allowance_id();
  ASSURE_ASSIGN_OR_RETURN(auto found, AllowancesStore::Load(tx.db(), who.tenant, id));
  if (found) return AlreadyExists(AllowanceName(id));
  v1::Allowance a = req.allowance();
  a.set_name(AllowanceName(id));
  a.set_state(v1::ALLOWANCE_STATE_DRAFT);
  a.set_prepared_by(who.subject);
  if (a.responsible_authority().empty()) a.set_responsible_authority(who.tenant);
  a.clear_approvals();
  a.clear_suspension();
  a.clear_cessation();
  a.clear_etag();
  a.set_balance_pence(0);
  *a.mutable_create_time() = ToProto(clock_.Now());
  *a.mutable_update_time() = a.create_time();
  ASSURE_RETURN_IF_ERROR(AllowancesStore::Save(tx.db(), who.tenant, id, a));
  ASSURE_RETURN_IF_ERROR(AllowancesMetrics::Changed(tx, who.tenant, nullptr, a));
  ASSURE_RETURN_IF_ERROR(
      store::RecordAccess(tx.db(), who, "CreateAllowance", a.name(), clock_.Now()));
  return a;
}

AllowancesService::Reactor* AllowancesService::CreateAllowance(
    Ctx* ctx, const v1::CreateAllowanceRequest* req, v1::Allowance* out) {
  auto who = Caller(ctx, *req, roles::kPreparers, "CreateAllowance");
  if (!who.ok()) return Reply(ctx, who.status());
  if (!req->allowance_id().empty() && !IsValidId(req->allowance_id())) {
    return Reply(ctx, InvalidField("allowance_id", "must be 1-64 of [A-Za-z0-9._-]"));
  }
  if (auto st = ValidateAllowance(req->allowance()); !st.ok()) return Reply(ctx, st);
  if (!req->allowance().paperwork().SerializeAsString().empty() ||
      req->allowance().has_assessment()) {
    return Reply(ctx, InvalidField("allowance.paperwork",
                                   "paperwork and assessment are recorded by their own methods"));
  }
  return Change<v1::Allowance>(
      ctx, *who, *req, "CreateAllowance",
      [this, who = *who, req = *req](Tx& tx) { return CreateAllowanceTx(tx, who, req); }, out);
}

AllowancesService::Reactor* AllowancesService::GetAllowance(Ctx* ctx,
                                                            const v1::GetAllowanceRequest* req,
                                                            v1::Allowance* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetAllowance");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseAllowanceName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto a, AllowancesStore::Load(db, who->tenant, *id));
    if (!a) return NotFound(req->name());
    *out = *std::move(a);
    return absl::OkStatus();
  });
  return ReplyRead(ctx, *who, "GetAllowance", {req->name()}, st);
}

absl::StatusOr<AllowanceQuery> AllowancesService::QueryOf(const v1::ListAllowancesRequest& req,
                                                          const std::string& query) const {
  AllowanceQuery q;
  ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req.filter(), {"child", "state", "type"}));
  if (auto it = terms.find("child"); it != terms.end()) {
    if (!ParseSupportedChildName(it->second, "filter").ok()) {
      return InvalidField("filter", "child takes a child's name, e.g. supportedChildren/C-1");
    }
    q.child = it->second;
  }
  ASSURE_ASSIGN_OR_RETURN(q.state,
                          EnumTerm<v1::AllowanceState>(terms, "state", v1::AllowanceState_Parse,
                                                       "ALLOWANCE_STATE_ACTIVE"));
  ASSURE_ASSIGN_OR_RETURN(q.type,
                          EnumTerm<v1::AllowanceType>(terms, "type", v1::AllowanceType_Parse,
                                                      "ALLOWANCE_TYPE_ADOPTION"));
  ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req.page_size()));
  ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req.page_token(), query));
  if (!after.empty()) {
    ASSURE_ASSIGN_OR_RETURN(q.after_id, ParseAllowanceName(after, "page_token"));
  }
  q.limit = size + 1;
  return q;
}

AllowancesService::Reactor* AllowancesService::ListAllowances(Ctx* ctx,
                                                              const v1::ListAllowancesRequest* req,
                                                              v1::ListAllowancesResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListAllowances");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    const std::string& query = req->filter();
    ASSURE_ASSIGN_OR_RETURN(AllowanceQuery q, QueryOf(*req, query));
    std::vector<v1::Allowance> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, AllowancesStore::List(db, who->tenant, q));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, q.limit - 1, query, [](const v1::Allowance& a) { return a.name(); });
    for (auto& a : rows) {
      read.push_back(a.name());
      *out->add_allowances() = std::move(a);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListAllowances", std::move(read), st);
}

AllowancesService::Reactor* AllowancesService::RecordPaperwork(
    Ctx* ctx, const v1::RecordPaperworkRequest* req, v1::Allowance* out) {
  if (auto st = ValidatePaperwork(req->paperwork(), Today()); !st.ok()) return Reply(ctx, st);
  Step step = [req](const StepContext&, v1::Allowance& a) {
    return allowances::RecordPaperwork(a, req->paperwork());
  };
  return ChangeAllowance(ctx, *req, roles::kPreparers, "RecordPaperwork", req->name(), req->etag(),
                         std::move(step), out);
}

AllowancesService::Reactor* AllowancesService::RecordFinancialAssessment(
    Ctx* ctx, const v1::RecordFinancialAssessmentRequest* req, v1::Allowance* out) {
  if (auto st = ValidateAssessment(req->assessment(), Today()); !st.ok()) return Reply(ctx, st);
  Step step = [req](const StepContext& at, v1::Allowance& a) {
    v1::FinancialAssessment f = req->assessment();
    f.set_assessed_by(at.who.subject);
    return RecordAssessment(a, f);
  };
  return ChangeAllowance(ctx, *req, roles::kPreparers, "RecordFinancialAssessment", req->name(),
                         req->etag(), std::move(step), out);
}

AllowancesService::Reactor* AllowancesService::ApproveAllowance(
    Ctx* ctx, const v1::ApproveAllowanceRequest* req, v1::Allowance* out) {
  Step step = [req](const StepContext& at, v1::Allowance& a) {
    return Approve(a, at.settings, req->role(), at.by);
  };
  return ChangeAllowance(ctx, *req, roles::kApprovers, "ApproveAllowance", req->name(), req->etag(),
                         std::move(step), out);
}

AllowancesService::Reactor* AllowancesService::ActivateAllowance(
    Ctx* ctx, const v1::ActivateAllowanceRequest* req, v1::Allowance* out) {
  Step step = [this](const StepContext& at, v1::Allowance& a) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(const int64_t rate, RateOf(at.tx.db(), at.who.tenant, a, at.child));
    v1::Allowance rated = a;
    rated.set_rate_weekly_pence(rate);
    ASSURE_RETURN_IF_ERROR(Activate(rated, at.settings));
    a = std::move(rated);
    return absl::OkStatus();
  };
  return ChangeAllowance(ctx, *req, roles::kDeciders, "ActivateAllowance", req->name(), req->etag(),
                         std::move(step), out);
}

AllowancesService::Reactor* AllowancesService::SuspendAllowance(
    Ctx* ctx, const v1::SuspendAllowanceRequest* req, v1::Allowance* out) {
  Step step = [req](const StepContext& at, v1::Allowance& a) {
    return Suspend(a, req->reason(), req->note(), at.by);
  };
  return ChangeAllowance(ctx, *req, roles::kDeciders, "SuspendAllowance", req->name(), req->etag(),
                         std::move(step), out);
}

AllowancesService::Reactor* AllowancesService::ResumeAllowance(
    Ctx* ctx, const v1::ResumeAllowanceRequest* req, v1::Allowance* out) {
  if (req->pay_arrears() != (req->arrears_pence() > 0) || req->arrears_pence() < 0 ||
      req->arrears_pence() > kMaxPaymentPence) {
    return Reply(ctx, InvalidField("arrears_pence",
                                   "is 1 to 10000000 when arrears are paid, "
                                   "and 0 when they are not"));
  }
  Step step = [this, req](const StepContext& at, v1::Allowance& a) -> absl::Status {
    ASSURE_RETURN_IF_ERROR(Resume(a, at.settings));
    if (!req->pay_arrears()) return absl::OkStatus();
    v1::LedgerEntry e;
    e.set_kind(v1::LEDGER_ENTRY_KIND_ARREARS);
    e.set_amount_pence(Signed(e.kind(), req->arrears_pence()));
    *e.mutable_due_date() = ToProto(LondonDay(at.by.now));
    e.set_ledger_code(a.ledger_code());
    e.set_note(req->note());
    e.set_recorded_by(at.who.subject);
    return Book(at.tx, at.who.tenant, a, e);
  };
  return ChangeAllowance(ctx, *req, roles::kDeciders, "ResumeAllowance", req->name(), req->etag(),
                         std::move(step), out);
}

AllowancesService::Reactor* AllowancesService::RecordReview(Ctx* ctx,
                                                            const v1::RecordReviewRequest* req,
                                                            v1::Allowance* out) {
  FieldViolations v;
  CheckDate(req->review_date(), "review_date", true, v, Today());
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  Step step = [req](const StepContext&, v1::Allowance& a) -> absl::Status {
    if (a.state() != v1::ALLOWANCE_STATE_ACTIVE && a.state() != v1::ALLOWANCE_STATE_SUSPENDED) {
      return FailedRule("allowance.state", "an allowance is reviewed while it is paying");
    }
    *a.mutable_last_review_date() = req->review_date();
    return absl::OkStatus();
  };
  return ChangeAllowance(ctx, *req, roles::kDeciders, "RecordReview", req->name(), req->etag(),
                         std::move(step), out);
}

AllowancesService::Reactor* AllowancesService::CeaseAllowance(Ctx* ctx,
                                                              const v1::CeaseAllowanceRequest* req,
                                                              v1::Allowance* out) {
  FieldViolations v;
  CheckDate(req->end_date(), "end_date", true, v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  Step step = [req](const StepContext& at, v1::Allowance& a) {
    return Cease(a, at.child, req->end_point(), *FromProto(req->end_date()).day, req->note(),
                 at.by);
  };
  return ChangeAllowance(ctx, *req, roles::kDeciders, "CeaseAllowance", req->name(), req->etag(),
                         std::move(step), out);
}

}  // namespace assure::allowances
