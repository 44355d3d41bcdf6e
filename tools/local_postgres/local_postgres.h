// A PostgreSQL cluster in a local folder, for the launcher (./data/pg, kept between runs) and
// for tests (a temporary folder): initdb once, `postgres` listening only on a Unix socket in
// the folder, databases owned by the service role, pg_ctl stop at the end.
//
// PostgreSQL refuses to run as root, and CI runs as root: when this process is root, the
// server runs as the unprivileged user `assure-pg` (created if missing) through runuser.
// Services connect as `assure_service`, a role that is neither superuser nor BYPASSRLS, so
// row-level security applies to them as it would in production.
#ifndef ASSURE_TOOLS_LOCAL_POSTGRES_LOCAL_POSTGRES_H_
#define ASSURE_TOOLS_LOCAL_POSTGRES_LOCAL_POSTGRES_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace assure {

class LocalPostgres {
 public:
  // Creates the cluster in `dir` if it has none, and starts it.
  static absl::StatusOr<std::unique_ptr<LocalPostgres>> Start(const std::string& dir);
  ~LocalPostgres();

  // The database `name` (created, owned by the service role, if missing) as a URL for
  // --store.
  absl::StatusOr<std::string> Database(const std::string& name);
  // pg_ctl stop in `mode`: "fast" (the default), "smart" or "immediate" (no checkpoint: the
  // next start recovers, as after a crash).
  void Stop(const std::string& mode = "fast");
  // The postmaster's process id (from postmaster.pid), e.g. to kill or freeze it in tests.
  absl::StatusOr<int> PostmasterPid() const;

 private:
  LocalPostgres() = default;
  absl::StatusOr<std::string> Run(const std::string& command) const;

  std::string dir_;
  std::string bin_;
  std::string as_user_;  // "runuser -u assure-pg -- " when root, else ""
  int pid_ = -1;
};

}  // namespace assure

#endif  // ASSURE_TOOLS_LOCAL_POSTGRES_LOCAL_POSTGRES_H_
