// The allowances repository: the SQL for this service and nothing else. Every function takes
// the connection it runs on (a reader, or the writer's shared transaction) and the tenant, so
// no query can leave the tenant out.
#ifndef ASSURE_SERVICES_ALLOWANCES_STORE_H_
#define ASSURE_SERVICES_ALLOWANCES_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "assure/allowances/v1/resources.pb.h"
#include "services/allowances/controls.h"
#include "services/common/store/connection.h"

namespace assure::allowances {

namespace v1 = ::assure::allowances::v1;
using store::Connection;

// Filters already checked by the service; empty optionals are "any".
struct AllowanceQuery {
  std::optional<std::string> child;
  std::optional<int> state;
  std::optional<int> type;
  std::string after_id;
  int limit = 50;
};

struct DeclarationQuery {
  // Empty: every allowance's.
  std::string allowance;
  std::optional<int> state;
  std::optional<int> year;
  // (allowance, year) the last page ended at.
  std::string after_allowance;
  int after_year = 0;
  int limit = 50;
};

// A row the drift check must look at, in any tenant: keys, not records.
struct TenantKey {
  std::string tenant;
  std::string id;
  int year = 0;
};

// An allowance being paid or suspended, with the child it is paid for (the drift check).
struct PayingAllowance {
  std::string tenant;
  v1::Allowance allowance;
  v1::SupportedChild child;
};

class AllowancesStore {
 public:
  static absl::StatusOr<std::optional<v1::SupportedChild>> LoadChild(Connection& db,
                                                                     const std::string& tenant,
                                                                     const std::string& id);
  // Inserts (etag empty) or updates the child, bumping its version.
  static absl::Status SaveChild(Connection& db, const std::string& tenant, const std::string& id,
                                v1::SupportedChild& c);

  static absl::StatusOr<std::optional<v1::Allowance>> Load(Connection& db,
                                                           const std::string& tenant,
                                                           const std::string& id);
  // Inserts (etag empty) or updates the allowance, bumping its version.
  static absl::Status Save(Connection& db, const std::string& tenant, const std::string& id,
                           v1::Allowance& a);
  static absl::StatusOr<std::vector<v1::Allowance>> List(Connection& db, const std::string& tenant,
                                                         const AllowanceQuery& q);

  // Appends `e` to the allowance's ledger as its next entry (naming it); a payment names the
  // scheduled entry it settles (`settles`, its number).
  static absl::Status Append(Connection& db, const std::string& tenant,
                             const std::string& allowance, v1::LedgerEntry& e,
                             std::optional<int64_t> settles = std::nullopt);
  static absl::StatusOr<std::optional<v1::LedgerEntry>> LoadEntry(Connection& db,
                                                                  const std::string& tenant,
                                                                  const std::string& allowance,
                                                                  int64_t seq);
  static absl::StatusOr<bool> IsSettled(Connection& db, const std::string& tenant,
                                        const std::string& allowance, int64_t seq);
  // Scheduled entries due in [from, to] not yet settled by a payment, in due order after
  // (after_day, after_allowance, after_seq), at most `limit`.
  static absl::StatusOr<std::vector<v1::LedgerEntry>> Unpaid(Connection& db,
                                                             const std::string& tenant,
                                                             absl::CivilDay from, absl::CivilDay to,
                                                             const std::string& after_day,
                                                             const std::string& after_allowance,
                                                             int64_t after_seq, int limit);
  // Entries after number `after`, oldest first, at most `limit`.
  static absl::StatusOr<std::vector<v1::LedgerEntry>> Entries(Connection& db,
                                                              const std::string& tenant,
                                                              const std::string& allowance,
                                                              int64_t after, int limit);
  // The sum of every entry, and how many are of `kind`.
  static absl::StatusOr<int64_t> Balance(Connection& db, const std::string& tenant,
                                         const std::string& allowance);
  static absl::StatusOr<int64_t> CountOf(Connection& db, const std::string& tenant,
                                         const std::string& allowance, v1::LedgerEntryKind kind);
  static absl::StatusOr<bool> InstalmentOn(Connection& db, const std::string& tenant,
                                           const std::string& allowance,
                                           const std::string& due_day);

  static absl::StatusOr<std::optional<v1::Declaration>> LoadDeclaration(
      Connection& db, const std::string& tenant, const std::string& allowance, int year);
  // Inserts (etag empty) or updates the declaration, bumping its version.
  static absl::Status SaveDeclaration(Connection& db, const std::string& tenant,
                                      const std::string& allowance, v1::Declaration& d);
  static absl::StatusOr<std::vector<v1::Declaration>> ListDeclarations(Connection& db,
                                                                       const std::string& tenant,
                                                                       const DeclarationQuery& q);

  // Decisions: numbered from 1 per allowance (Insert names it).
  static absl::StatusOr<std::optional<v1::Decision>> LoadDecision(Connection& db,
                                                                  const std::string& tenant,
                                                                  const std::string& allowance,
                                                                  int64_t seq);
  static absl::Status InsertDecision(Connection& db, const std::string& tenant,
                                     const std::string& allowance, v1::Decision& d);
  static absl::Status UpdateDecision(Connection& db, const std::string& tenant,
                                     const std::string& allowance, int64_t seq, v1::Decision& d);
  // Every allowance's (allowance empty) or one's, in order after (after_allowance,
  // after_seq), of `state` if set.
  static absl::StatusOr<std::vector<v1::Decision>> ListDecisions(
      Connection& db, const std::string& tenant, const std::string& allowance,
      std::optional<int> state, const std::string& after_allowance, int64_t after_seq, int limit);

  // Every record of the tenant the controls report reads, the declarations of `year` only.
  static absl::Status ReadForControls(Connection& db, const std::string& tenant, int year,
                                      ControlRecords& out);

  static absl::StatusOr<std::optional<v1::RateTable>> LoadRateTable(Connection& db,
                                                                    const std::string& tenant,
                                                                    const std::string& id);
  static absl::Status InsertRateTable(Connection& db, const std::string& tenant,
                                      const std::string& id, v1::RateTable& t);
  // Newest effective first, after (after_day, after_id) in that order, at most `limit`.
  static absl::StatusOr<std::vector<v1::RateTable>> RateTables(Connection& db,
                                                               const std::string& tenant,
                                                               const std::string& after_day,
                                                               const std::string& after_id,
                                                               int limit);

  // The controls failing now for the tenant: control -> the finding sent for it.
  static absl::StatusOr<std::map<std::string, std::string>> FailingControls(
      Connection& db, const std::string& tenant);
  static absl::Status MarkFailing(Connection& db, const std::string& tenant,
                                  const std::string& control, absl::CivilDay since,
                                  const std::string& finding);
  static absl::Status ClearFailing(Connection& db, const std::string& tenant,
                                   const std::string& control);
  // Every tenant with an allowance.
  static absl::StatusOr<std::vector<std::string>> Tenants(Connection& db);

  // The drift check's scans, across tenants: declarations whose next step is due by `today`,
  // and every allowance active or suspended with its child.
  static absl::StatusOr<std::vector<TenantKey>> DeclarationsDue(Connection& db,
                                                                absl::CivilDay today);
  static absl::StatusOr<std::vector<PayingAllowance>> Paying(Connection& db);
};

}  // namespace assure::allowances

#endif  // ASSURE_SERVICES_ALLOWANCES_STORE_H_
