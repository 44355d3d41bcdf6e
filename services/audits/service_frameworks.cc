// AuditsService: frameworks (what the programme asks of whom, from a month on) and the
// monthly scorecard of audits against them.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/audits/frameworks.h"
#include "services/audits/roles.h"
#include "services/audits/scorecard.h"
#include "services/audits/service.h"
#include "services/audits/validation.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::audits {
namespace {

constexpr char kFrameworks[] = "auditFrameworks/";

absl::StatusOr<int64_t> ParseFrameworkName(absl::string_view name, absl::string_view field) {
  int64_t seq = 0;
  if (!absl::ConsumePrefix(&name, kFrameworks) || name.empty() || name[0] < '1' ||
      name[0] > '9' || !absl::SimpleAtoi(name, &seq)) {
    return InvalidField(field, "must be of the form auditFrameworks/{number}");
  }
  return seq;
}

}  // namespace

absl::StatusOr<v1::AuditFramework> AuditsService::FrameworkFor(
    Connection& db, const std::string& tenant, const google::type::Date& month) const {
  ASSURE_ASSIGN_OR_RETURN(auto saved, AuditsStore::FrameworkInForce(db, tenant, month));
  if (saved) return *std::move(saved);
  return DefaultFramework();
}

AuditsService::Reactor* AuditsService::CreateAuditFramework(
    Ctx* ctx, const v1::CreateAuditFrameworkRequest* req, v1::AuditFramework* out) {
  auto who = Caller(ctx, *req, roles::kSelectors, "CreateAuditFramework");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = CheckFramework(req->framework()); !st.ok()) return Reply(ctx, st);
  return Change<v1::AuditFramework>(
      ctx, *who, *req, "CreateAuditFramework",
      [this, req, who = *who](Tx& tx) -> absl::StatusOr<v1::AuditFramework> {
        ASSURE_ASSIGN_OR_RETURN(int64_t seq, AuditsStore::NextFrameworkSeq(tx.db(), who.tenant));
        v1::AuditFramework f = req->framework();
        f.set_name(absl::StrCat(kFrameworks, seq));
        f.set_created_by(who.subject);
        *f.mutable_create_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(AuditsStore::InsertFramework(tx.db(), who.tenant, seq, f));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "CreateAuditFramework", f.name(), clock_.Now()));
        return f;
      },
      out);
}

AuditsService::Reactor* AuditsService::GetAuditFramework(Ctx* ctx,
                                                         const v1::GetAuditFrameworkRequest* req,
                                                         v1::AuditFramework* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetAuditFramework");
  if (!who.ok()) return Reply(ctx, who.status());
  auto seq = ParseFrameworkName(req->name(), "name");
  if (!seq.ok()) return Reply(ctx, seq.status());
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto f, AuditsStore::LoadFramework(db, who->tenant, *seq));
    if (!f) return NotFound(req->name());
    *out = *std::move(f);
    return absl::OkStatus();
  }));
}

AuditsService::Reactor* AuditsService::ListAuditFrameworks(
    Ctx* ctx, const v1::ListAuditFrameworksRequest* req, v1::ListAuditFrameworksResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListAuditFrameworks");
  if (!who.ok()) return Reply(ctx, who.status());
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), kFrameworks));
    int64_t after_seq = 0;
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(after_seq, ParseFrameworkName(after, "page_token"));
    }
    std::vector<v1::AuditFramework> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows,
                              AuditsStore::ListFrameworks(db, who->tenant, after_seq, size + 1));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, kFrameworks, [](const v1::AuditFramework& f) { return f.name(); });
    for (auto& f : rows) *out->add_frameworks() = std::move(f);
    return absl::OkStatus();
  };
  return Reply(ctx, run());
}

AuditsService::Reactor* AuditsService::GetAuditScorecard(Ctx* ctx,
                                                         const v1::GetAuditScorecardRequest* req,
                                                         v1::AuditScorecard* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetAuditScorecard");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateMonth(req->month(), "month"); !st.ok()) return Reply(ctx, st);
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto selections,
                            AuditsStore::SelectionsInMonth(db, who->tenant, req->month()));
    ASSURE_ASSIGN_OR_RETURN(auto audits, AuditsStore::AuditsInMonth(db, who->tenant, req->month()));
    *out = Scorecard(req->month(), selections, audits, Today());
    return absl::OkStatus();
  }));
}

}  // namespace assure::audits
