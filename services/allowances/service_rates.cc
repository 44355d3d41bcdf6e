// AllowancesService: rate tables, effective-dated and never changed, uprated each April; the
// table in force on an allowance's start sets its rate when it is activated.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "protos/assure/allowances/v1/names.h"
#include "services/allowances/rates.h"
#include "services/allowances/roles.h"
#include "services/allowances/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::allowances {

absl::StatusOr<v1::RateTable> AllowancesService::SaveRateTable(Tx& tx, const Principal& who,
                                                               std::string id,
                                                               v1::RateTable t) const {
  if (id.empty()) id = NewResourceId("r-");
  ASSURE_ASSIGN_OR_RETURN(auto found, AllowancesStore::LoadRateTable(tx.db(), who.tenant, id));
  if (found) return AlreadyExists(RateTableName(id));
  t.set_name(RateTableName(id));
  t.set_created_by(who.subject);
  *t.mutable_create_time() = ToProto(clock_.Now());
  t.clear_etag();
  ASSURE_RETURN_IF_ERROR(AllowancesStore::InsertRateTable(tx.db(), who.tenant, id, t));
  ASSURE_RETURN_IF_ERROR(
      store::RecordAccess(tx.db(), who, "SaveRateTable", t.name(), clock_.Now()));
  return t;
}

absl::StatusOr<int64_t> AllowancesService::RateOf(Connection& db, const std::string& tenant,
                                                  const v1::Allowance& a,
                                                  const v1::SupportedChild& child) const {
  const auto start = FromProto(a.start_date()).day;
  const auto birth = FromProto(child.birth_date()).day;
  if (!start || !birth) return 0;
  ASSURE_ASSIGN_OR_RETURN(auto tables, AllowancesStore::RateTables(db, tenant, "", "", 1 << 20));
  return RateFor(tables, a.type(), AgeOn(*birth, *start), *start).value_or(0);
}

AllowancesService::Reactor* AllowancesService::CreateRateTable(
    Ctx* ctx, const v1::CreateRateTableRequest* req, v1::RateTable* out) {
  auto who = Caller(ctx, *req, roles::kConfigurers, "CreateRateTable");
  if (!who.ok()) return Reply(ctx, who.status());
  if (!req->rate_table_id().empty() && !IsValidId(req->rate_table_id())) {
    return Reply(ctx, InvalidField("rate_table_id", "must be 1-64 of [A-Za-z0-9._-]"));
  }
  if (auto st = ValidateRateTable(req->rate_table()); !st.ok()) return Reply(ctx, st);
  return Change<v1::RateTable>(
      ctx, *who, *req, "CreateRateTable",
      [this, who = *who, req = *req](Tx& tx) -> absl::StatusOr<v1::RateTable> {
        v1::RateTable t = req.rate_table();
        t.clear_uprated_from();
        t.clear_uprating_basis_points();
        return SaveRateTable(tx, who, req.rate_table_id(), std::move(t));
      },
      out);
}

AllowancesService::Reactor* AllowancesService::UprateRateTable(
    Ctx* ctx, const v1::UprateRateTableRequest* req, v1::RateTable* out) {
  auto who = Caller(ctx, *req, roles::kConfigurers, "UprateRateTable");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseRateTableName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  FieldViolations v;
  if (req->basis_points() < -10000 || req->basis_points() > 10000) {
    v.Add("basis_points", "must be -10000 to 10000 (150 is 1.5%)");
  }
  CheckDate(req->effective_date(), "effective_date", true, v);
  if (!req->rate_table_id().empty() && !IsValidId(req->rate_table_id())) {
    v.Add("rate_table_id", "must be 1-64 of [A-Za-z0-9._-]");
  }
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::RateTable>(
      ctx, *who, *req, "UprateRateTable",
      [this, who = *who, id = *id, req = *req](Tx& tx) -> absl::StatusOr<v1::RateTable> {
        ASSURE_ASSIGN_OR_RETURN(auto from, AllowancesStore::LoadRateTable(tx.db(), who.tenant, id));
        if (!from) return NotFound(req.name());
        const absl::CivilDay effective = *FromProto(req.effective_date()).day;
        if (effective <= *FromProto(from->effective_date()).day) {
          return FailedRule("rate_table.uprate_later",
                            "an uprated table takes effect after the one it is uprated from");
        }
        return SaveRateTable(tx, who, req.rate_table_id(),
                             Uprate(*from, req.basis_points(), effective));
      },
      out);
}

AllowancesService::Reactor* AllowancesService::ListRateTables(Ctx* ctx,
                                                              const v1::ListRateTablesRequest* req,
                                                              v1::ListRateTablesResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListRateTables");
  if (!who.ok()) return Reply(ctx, who.status());
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), "rateTables"));
    // The token is "{effective day}|{id}".
    std::string after_day, after_id;
    if (!after.empty()) {
      const std::vector<std::string> parts = absl::StrSplit(after, '|');
      if (parts.size() != 2) return InvalidField("page_token", "is not a token this list gave");
      after_day = parts[0];
      after_id = parts[1];
    }
    std::vector<v1::RateTable> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(
          rows, AllowancesStore::RateTables(db, who->tenant, after_day, after_id, size + 1));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, "rateTables", [](const v1::RateTable& t) {
          return absl::StrCat(FormatDay(*FromProto(t.effective_date()).day), "|",
                              t.name().substr(t.name().find('/') + 1));
        });
    for (auto& t : rows) *out->add_rate_tables() = std::move(t);
    return absl::OkStatus();
  };
  return Reply(ctx, run());
}

}  // namespace assure::allowances
