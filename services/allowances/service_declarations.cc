// AllowancesService: the carers' annual declarations, issued each year and returned; the
// reminder and the suspension that follow one not returned are the drift check's.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "protos/assure/allowances/v1/names.h"
#include "services/allowances/declarations.h"
#include "services/allowances/roles.h"
#include "services/allowances/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::allowances {

AllowancesService::Reactor* AllowancesService::IssueDeclaration(
    Ctx* ctx, const v1::IssueDeclarationRequest* req, v1::Declaration* out) {
  auto who = Caller(ctx, *req, roles::kPayers, "IssueDeclaration");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseAllowanceName(req->parent(), "parent");
  if (!id.ok()) return Reply(ctx, id.status());
  FieldViolations v;
  CheckDate(req->declaration().issue_date(), "declaration.issue_date", true, v);
  if (req->declaration().year() < 2000 || req->declaration().year() > 2200) {
    v.Add("declaration.year", "must be a financial year, by the year its April falls in");
  }
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::Declaration>(
      ctx, *who, *req, "IssueDeclaration",
      [this, who = *who, id = *id, req = *req](Tx& tx) -> absl::StatusOr<v1::Declaration> {
        ASSURE_ASSIGN_OR_RETURN(auto a, AllowancesStore::Load(tx.db(), who.tenant, id));
        if (!a) return NotFound(req.parent());
        if (a->state() != v1::ALLOWANCE_STATE_ACTIVE &&
            a->state() != v1::ALLOWANCE_STATE_SUSPENDED) {
          return FailedRule("declaration.allowance_paying",
                            "declarations go to the carers of an allowance active or suspended");
        }
        const int year = req.declaration().year();
        ASSURE_ASSIGN_OR_RETURN(auto found,
                                AllowancesStore::LoadDeclaration(tx.db(), who.tenant, id, year));
        if (found) return AlreadyExists(DeclarationNameOf(id, year));
        ASSURE_ASSIGN_OR_RETURN(auto settings, SettingsOf(tx.db(), who.tenant));
        const absl::CivilDay today = LondonDay(clock_.Now());
        ASSURE_ASSIGN_OR_RETURN(auto d, Issue(year, *FromProto(req.declaration().issue_date()).day,
                                              settings.declaration_reminder_days(), today));
        d.set_name(DeclarationNameOf(id, year));
        *d.mutable_create_time() = ToProto(clock_.Now());
        *d.mutable_update_time() = d.create_time();
        ASSURE_RETURN_IF_ERROR(AllowancesStore::SaveDeclaration(tx.db(), who.tenant, id, d));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "IssueDeclaration", d.name(), clock_.Now()));
        return d;
      },
      out);
}

AllowancesService::Reactor* AllowancesService::ReturnDeclaration(
    Ctx* ctx, const v1::ReturnDeclarationRequest* req, v1::Declaration* out) {
  auto who = Caller(ctx, *req, roles::kPayers, "ReturnDeclaration");
  if (!who.ok()) return Reply(ctx, who.status());
  auto name = ParseDeclarationName(req->name(), "name");
  if (!name.ok()) return Reply(ctx, name.status());
  FieldViolations v;
  CheckDate(req->return_date(), "return_date", true, v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::Declaration>(
      ctx, *who, *req, "ReturnDeclaration",
      [this, who = *who, name = *name, req = *req](Tx& tx) -> absl::StatusOr<v1::Declaration> {
        ASSURE_ASSIGN_OR_RETURN(auto found, AllowancesStore::LoadDeclaration(
                                                tx.db(), who.tenant, name.allowance, name.year));
        if (!found) return NotFound(req.name());
        ASSURE_RETURN_IF_ERROR(CheckEtag(req.etag(), found->etag(), found->name()));
        v1::Declaration d = *found;
        ASSURE_RETURN_IF_ERROR(
            Return(d, *FromProto(req.return_date()).day, req.changes(), LondonDay(clock_.Now())));
        *d.mutable_update_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(
            AllowancesStore::SaveDeclaration(tx.db(), who.tenant, name.allowance, d));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "ReturnDeclaration", d.name(), clock_.Now()));
        return d;
      },
      out);
}

AllowancesService::Reactor* AllowancesService::ListDeclarations(
    Ctx* ctx, const v1::ListDeclarationsRequest* req, v1::ListDeclarationsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListDeclarations");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    DeclarationQuery q;
    ASSURE_ASSIGN_OR_RETURN(q.allowance, ParseAllowanceParent(req->parent(), "parent", true));
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"state", "year"}));
    ASSURE_ASSIGN_OR_RETURN(
        q.state, EnumTerm<v1::DeclarationState>(terms, "state", v1::DeclarationState_Parse,
                                                "DECLARATION_STATE_REMINDED"));
    if (auto it = terms.find("year"); it != terms.end()) {
      int year = 0;
      if (!absl::SimpleAtoi(it->second, &year)) {
        return InvalidField("filter", "year takes a number, e.g. year = 2026");
      }
      q.year = year;
    }
    const std::string query = absl::StrCat(req->parent(), "|", req->filter());
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(auto last, ParseDeclarationName(after, "page_token"));
      q.after_allowance = last.allowance;
      q.after_year = last.year;
    }
    q.limit = size + 1;
    std::vector<v1::Declaration> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, AllowancesStore::ListDeclarations(db, who->tenant, q));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, query, [](const v1::Declaration& d) { return d.name(); });
    for (auto& d : rows) {
      read.push_back(d.name());
      *out->add_declarations() = std::move(d);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListDeclarations", std::move(read), st);
}

}  // namespace assure::allowances
