// The audits repository: the SQL for this service and nothing else. Every function takes the
// connection it runs on (a reader, or the writer's shared transaction) and the tenant, so no
// query can leave the tenant out.
#ifndef ASSURE_SERVICES_AUDITS_STORE_H_
#define ASSURE_SERVICES_AUDITS_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "assure/audits/v1/resources.pb.h"
#include "services/audits/selection.h"
#include "services/common/store/connection.h"

namespace assure::audits {

namespace v1 = ::assure::audits::v1;
using store::Connection;

// Filters already checked by the service; empty optionals are "any".
struct CaseQuery {
  std::optional<std::string> team;
  std::optional<std::string> service;
  std::optional<std::string> worker;
  std::optional<int> cohort;
  std::optional<bool> open;
  std::string after_id;
  int limit = 50;
};

struct ToolVersionQuery {
  std::string tool;  // "" for every tool
  std::optional<int> state;
  std::string after_tool;
  int64_t after_seq = 0;
  int limit = 50;
};

struct ActionQuery {
  std::string audit;  // "" for every audit
  std::optional<bool> open;
  std::optional<std::string> owner;
  // Open and due before this day (YYYY-MM-DD).
  std::optional<std::string> overdue_before;
  std::string after_audit;
  int64_t after_seq = 0;
  int limit = 50;
};

struct AuditQuery {
  std::optional<std::string> case_file;  // cases/{case}
  std::optional<std::string> auditor;
  std::optional<int> state;
  std::optional<std::string> selection;
  std::optional<bool> escalated;
  std::optional<bool> awaiting_moderation;
  std::string after_id;
  int limit = 50;
};

struct ObservationQuery {
  std::optional<std::string> iro;  // iros/{iro}
  std::string after_id;
  int limit = 50;
};

// A theme's count of audits in a month, and the finding it became, if any.
struct ThemeTally {
  int64_t audits = 0;
  std::string finding;
};

// An open action whose due date has come and is not yet told to the feed, in any tenant.
struct DueAction {
  std::string tenant;
  std::string audit;
  int64_t seq = 0;
};

class AuditsStore {
 public:
  // Cases. Upsert bumps the version (the etag) and writes the derived columns, keeping the
  // day the case was last selected.
  static absl::StatusOr<std::optional<v1::Case>> LoadCase(Connection& db,
                                                         const std::string& tenant,
                                                         const std::string& id);
  static absl::Status UpsertCase(Connection& db, const std::string& tenant, const std::string& id,
                                 v1::Case& c);
  static absl::StatusOr<std::vector<v1::Case>> ListCases(Connection& db, const std::string& tenant,
                                                         const CaseQuery& q);
  // The cases open at some time in [first, last], as the draw reads them.
  static absl::StatusOr<std::vector<Candidate>> OpenCases(Connection& db, const std::string& tenant,
                                                          absl::CivilDay first,
                                                          absl::CivilDay last);

  // Every case, open or closed, in any of `cohorts`: what a themed programme draws from.
  static absl::StatusOr<std::vector<v1::Case>> CohortCases(Connection& db,
                                                           const std::string& tenant,
                                                           const std::vector<int>& cohorts);

  // Selections and audits.
  static absl::StatusOr<std::optional<v1::Selection>> LoadSelection(Connection& db,
                                                                   const std::string& tenant,
                                                                   const std::string& id);
  static absl::Status InsertSelection(Connection& db, const std::string& tenant,
                                      const std::string& id, v1::Selection& s);
  static absl::StatusOr<std::optional<v1::Audit>> LoadAudit(Connection& db,
                                                           const std::string& tenant,
                                                           const std::string& id);
  // Insert and Update bump the version (the etag) and write the derived columns.
  static absl::Status InsertAudit(Connection& db, const std::string& tenant, const std::string& id,
                                  v1::Audit& a);
  static absl::Status UpdateAudit(Connection& db, const std::string& tenant, const std::string& id,
                                  v1::Audit& a);
  static absl::StatusOr<std::vector<v1::Audit>> ListAudits(Connection& db,
                                                           const std::string& tenant,
                                                           const AuditQuery& q);

  // Actions.
  static absl::StatusOr<std::optional<v1::AuditAction>> LoadAction(Connection& db,
                                                                  const std::string& tenant,
                                                                  const std::string& audit,
                                                                  int64_t seq);
  static absl::StatusOr<int64_t> NextActionSeq(Connection& db, const std::string& tenant,
                                               const std::string& audit);
  static absl::Status InsertAction(Connection& db, const std::string& tenant,
                                   const std::string& audit, int64_t seq, v1::AuditAction& a);
  static absl::Status UpdateAction(Connection& db, const std::string& tenant,
                                   const std::string& audit, int64_t seq, v1::AuditAction& a);
  static absl::StatusOr<std::vector<v1::AuditAction>> ListActions(Connection& db,
                                                                  const std::string& tenant,
                                                                  const ActionQuery& q);
  static absl::StatusOr<int64_t> OpenActions(Connection& db, const std::string& tenant,
                                             const std::string& audit);
  // The due check's scan, across tenants: open actions due by `today` (YYYY-MM-DD) not yet
  // announced.
  static absl::StatusOr<std::vector<DueAction>> ActionsFallenDue(Connection& db,
                                                                 const std::string& today);
  // Marks the action announced; false when it was already (another replica's check) or is
  // no longer open. The row stays locked by the transaction until it ends.
  static absl::StatusOr<bool> MarkDueAnnounced(Connection& db, const DueAction& a);

  // Frameworks, and what the month's scorecard reads.
  static absl::StatusOr<int64_t> NextFrameworkSeq(Connection& db, const std::string& tenant);
  static absl::Status InsertFramework(Connection& db, const std::string& tenant, int64_t seq,
                                      v1::AuditFramework& f);
  static absl::StatusOr<std::optional<v1::AuditFramework>> LoadFramework(
      Connection& db, const std::string& tenant, int64_t seq);
  static absl::StatusOr<std::vector<v1::AuditFramework>> ListFrameworks(
      Connection& db, const std::string& tenant, int64_t after_seq, int limit);
  // The latest framework effective by `month` (day 0), if any was saved.
  static absl::StatusOr<std::optional<v1::AuditFramework>> FrameworkInForce(
      Connection& db, const std::string& tenant, const google::type::Date& month);
  static absl::StatusOr<std::vector<v1::Selection>> SelectionsInMonth(
      Connection& db, const std::string& tenant, const google::type::Date& month);
  static absl::StatusOr<std::vector<v1::Audit>> AuditsInMonth(Connection& db,
                                                              const std::string& tenant,
                                                              const google::type::Date& month);
  // selections/{selection}'s audits.
  static absl::StatusOr<std::vector<v1::Audit>> AuditsOfSelection(Connection& db,
                                                                  const std::string& tenant,
                                                                  const std::string& selection);

  // Themes: one more audit of `month` raised `tag` (of `kind`); the tally after it, its row
  // held by the transaction until it ends.
  static absl::StatusOr<ThemeTally> CountTheme(Connection& db, const std::string& tenant,
                                               const google::type::Date& month, int kind,
                                               const std::string& tag);
  static absl::Status MarkThemeReferred(Connection& db, const std::string& tenant,
                                       const google::type::Date& month, int kind,
                                       const std::string& tag, const std::string& finding);
  // The areas referred in the months [first, last]: (YYYY-MM, tag) -> finding.
  static absl::StatusOr<std::map<std::pair<std::string, std::string>, std::string>>
  ThemeReferrals(Connection& db, const std::string& tenant, const google::type::Date& first,
                 const google::type::Date& last);
  // The audits of the months [first, last].
  static absl::StatusOr<std::vector<v1::Audit>> AuditsBetweenMonths(
      Connection& db, const std::string& tenant, const google::type::Date& first,
      const google::type::Date& last);
  static absl::StatusOr<std::vector<v1::Selection>> SelectionsBetweenMonths(
      Connection& db, const std::string& tenant, const google::type::Date& first,
      const google::type::Date& last);
  // The actions of the audits of the months [first, last].
  static absl::StatusOr<std::vector<v1::AuditAction>> ActionsBetweenMonths(
      Connection& db, const std::string& tenant, const google::type::Date& first,
      const google::type::Date& last);
  // Bumps the version (the etag).
  static absl::Status UpdateSelection(Connection& db, const std::string& tenant,
                                      const std::string& id, v1::Selection& s);

  // IRO observations: inserted once, never changed.
  static absl::StatusOr<std::optional<v1::IroObservation>> LoadObservation(
      Connection& db, const std::string& tenant, const std::string& id);
  static absl::Status InsertObservation(Connection& db, const std::string& tenant,
                                        const std::string& id, v1::IroObservation& o);
  static absl::StatusOr<std::vector<v1::IroObservation>> ListObservations(
      Connection& db, const std::string& tenant, const ObservationQuery& q);
  // The observations made in [first, last].
  static absl::StatusOr<std::vector<v1::IroObservation>> ObservationsBetween(
      Connection& db, const std::string& tenant, absl::CivilDay first, absl::CivilDay last);

  // Audit tool versions.
  static absl::StatusOr<std::optional<v1::AuditToolVersion>> LoadToolVersion(
      Connection& db, const std::string& tenant, const std::string& tool, int64_t seq);
  static absl::StatusOr<int64_t> NextToolSeq(Connection& db, const std::string& tenant,
                                             const std::string& tool);
  static absl::Status InsertToolVersion(Connection& db, const std::string& tenant,
                                        const std::string& tool, int64_t seq,
                                        v1::AuditToolVersion& t);
  static absl::Status UpdateToolVersion(Connection& db, const std::string& tenant,
                                        const std::string& tool, int64_t seq,
                                        v1::AuditToolVersion& t);
  static absl::StatusOr<std::vector<v1::AuditToolVersion>> ListToolVersions(
      Connection& db, const std::string& tenant, const ToolVersionQuery& q);
};

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_STORE_H_
