// AuditsService: the register of cases that can be audited, fed by the case system.
#include "absl/strings/str_cat.h"
#include "protos/assure/audits/v1/names.h"
#include "services/audits/roles.h"
#include "services/audits/service.h"
#include "services/audits/validation.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::audits {
namespace {

bool IsOpen(const v1::Case& c) { return !IsSet(c.close_date()); }

}  // namespace

AuditsService::Reactor* AuditsService::BatchUpsertCases(Ctx* ctx,
                                                        const v1::BatchUpsertCasesRequest* req,
                                                        v1::BatchUpsertCasesResponse* out) {
  auto who = Caller(ctx, *req, roles::kRegisterFeeders, "BatchUpsertCases");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateBatchUpsertCases(*req); !st.ok()) return Reply(ctx, st);
  return Change<v1::BatchUpsertCasesResponse>(
      ctx, *who, *req, "BatchUpsertCases",
      [this, req, who = *who](Tx& tx) { return UpsertCasesTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::BatchUpsertCasesResponse> AuditsService::UpsertCasesTx(
    Tx& tx, const Principal& who, const v1::BatchUpsertCasesRequest& req) const {
  v1::BatchUpsertCasesResponse out;
  int64_t opened = 0;
  for (const auto& in : req.cases()) {
    ASSURE_ASSIGN_OR_RETURN(const std::string id, ParseCaseName(in.name(), "name"));
    ASSURE_ASSIGN_OR_RETURN(auto before, AuditsStore::LoadCase(tx.db(), who.tenant, id));
    v1::Case c = in;
    // The version is the stored row's, whatever the feed sends; and the draw's memory of
    // the case is the service's, not the feed's.
    c.clear_etag();
    if (before) {
      *c.mutable_last_selected_date() = before->last_selected_date();
      c.set_etag(before->etag());
    }
    *c.mutable_update_time() = ToProto(clock_.Now());
    ASSURE_RETURN_IF_ERROR(AuditsStore::UpsertCase(tx.db(), who.tenant, id, c));
    ASSURE_RETURN_IF_ERROR(
        store::RecordAccess(tx.db(), who, "BatchUpsertCases", c.name(), clock_.Now()));
    opened += int64_t{IsOpen(c)} - (before ? int64_t{IsOpen(*before)} : 0);
    *out.add_cases() = std::move(c);
  }
  if (opened != 0) ASSURE_RETURN_IF_ERROR(AuditsMetrics::OpenCasesChanged(tx, who.tenant, opened));
  return out;
}

AuditsService::Reactor* AuditsService::GetCase(Ctx* ctx, const v1::GetCaseRequest* req,
                                               v1::Case* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetCase");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseCaseName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto c, AuditsStore::LoadCase(db, who->tenant, *id));
    if (!c) return NotFound(req->name());
    *out = *std::move(c);
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  return ReplyRead(ctx, *who, "GetCase", {req->name()}, absl::OkStatus());
}

AuditsService::Reactor* AuditsService::ListCases(Ctx* ctx, const v1::ListCasesRequest* req,
                                                 v1::ListCasesResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListCases");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    CaseQuery q;
    ASSURE_ASSIGN_OR_RETURN(auto terms,
                            ParseFilter(req->filter(), {"team", "service", "worker", "cohort",
                                                        "open"}));
    const std::pair<const char*, std::optional<std::string>*> texts[] = {
        {"team", &q.team}, {"service", &q.service}, {"worker", &q.worker}};
    for (const auto& [field, slot] : texts) {
      if (auto it = terms.find(field); it != terms.end()) *slot = it->second;
    }
    ASSURE_ASSIGN_OR_RETURN(q.cohort, EnumTerm<v1::Cohort>(terms, "cohort", v1::Cohort_Parse,
                                                           "COHORT_LOOKED_AFTER"));
    ASSURE_ASSIGN_OR_RETURN(q.open, BoolTerm(terms, "open"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    const std::string& query = req->filter();
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(q.after_id, ParseCaseName(after, "page_token"));
    }
    q.limit = size + 1;
    std::vector<v1::Case> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, AuditsStore::ListCases(db, who->tenant, q));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, query, [](const v1::Case& c) { return c.name(); });
    for (auto& c : rows) {
      read.push_back(c.name());
      *out->add_cases() = std::move(c);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListCases", std::move(read), st);
}

}  // namespace assure::audits
