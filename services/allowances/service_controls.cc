// AllowancesService: the controls report, computed by one function (controls.h) from every
// record of the tenant.
#include "services/allowances/controls.h"
#include "services/allowances/end_points.h"
#include "services/allowances/roles.h"
#include "services/allowances/service.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace assure::allowances {

AllowancesService::Reactor* AllowancesService::GetAllowanceControls(
    Ctx* ctx, const v1::GetAllowanceControlsRequest* req, v1::AllowanceControls* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetAllowanceControls");
  if (!who.ok()) return Reply(ctx, who.status());
  if (req->year() != 0 && (req->year() < 2000 || req->year() > 2200)) {
    return Reply(ctx, InvalidField("year",
                                   "must be a financial year, by the year its April "
                                   "falls in, or 0 for the current one"));
  }
  ControlRecords records;
  records.today = Today();
  records.year = req->year() != 0 ? req->year() : FinancialYearOf(records.today);
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(records.settings, SettingsOf(db, who->tenant));
    return AllowancesStore::ReadForControls(db, who->tenant, records.year, records);
  });
  if (st.ok()) *out = Controls(records);
  return ReplyRead(ctx, *who, "GetAllowanceControls", {"allowanceControls"}, st);
}

}  // namespace assure::allowances
