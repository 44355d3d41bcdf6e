#include "tools/local_postgres/local_postgres.h"

#include <glob.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/status_macros.h"
#include "services/common/store/postgres_connection.h"

namespace assure {
namespace {

constexpr char kUser[] = "assure-pg";
constexpr char kSuperuser[] = "postgres";
constexpr char kServiceRole[] = "assure_service";

// The cluster's superuser on its Unix socket in `dir`: only the harness connects so.
std::string SuperuserUrl(const std::string& dir) {
  return absl::StrCat("postgresql:///postgres?host=", dir, "&user=", kSuperuser);
}

absl::StatusOr<std::string> NewestBinDir() {
  glob_t g;
  std::string dir;
  if (glob("/usr/lib/postgresql/*/bin/postgres", 0, nullptr, &g) == 0 && g.gl_pathc > 0) {
    dir = std::filesystem::path(g.gl_pathv[g.gl_pathc - 1]).parent_path().string();
  }
  globfree(&g);
  if (dir.empty()) {
    return absl::FailedPreconditionError(
        "no /usr/lib/postgresql/*/bin/postgres: install the postgresql package");
  }
  return dir;
}

}  // namespace

absl::StatusOr<std::string> LocalPostgres::Run(const std::string& command) const {
  std::string out;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return absl::InternalError("popen " + command);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (pclose(p) != 0) return absl::InternalError(command + ": " + out);
  return out;
}

absl::StatusOr<std::unique_ptr<LocalPostgres>> LocalPostgres::Start(const std::string& dir) {
  std::unique_ptr<LocalPostgres> pg(new LocalPostgres);
  ASSURE_ASSIGN_OR_RETURN(pg->bin_, NewestBinDir());
  std::filesystem::create_directories(dir);
  pg->dir_ = std::filesystem::absolute(dir).string();
  if (geteuid() == 0) {
    if (system(absl::StrCat("id -u ", kUser, " >/dev/null 2>&1").c_str()) != 0) {
      ASSURE_RETURN_IF_ERROR(
          pg->Run(absl::StrCat("useradd --system --no-create-home --shell /usr/sbin/nologin ",
                               kUser)).status());
    }
    ASSURE_RETURN_IF_ERROR(pg->Run(absl::StrCat("chown -R ", kUser, " ", pg->dir_)).status());
    pg->as_user_ = absl::StrCat("runuser -u ", kUser, " -- ");
    if (!pg->Run(absl::StrCat(pg->as_user_, "test -w ", pg->dir_)).ok()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "PostgreSQL runs as ", kUser, ", which cannot reach ", pg->dir_,
          ": choose a data folder whose parent folders others may enter (chmod o+x)"));
    }
  }
  const bool fresh = !std::filesystem::exists(pg->dir_ + "/data/PG_VERSION");
  if (fresh) {
    ASSURE_RETURN_IF_ERROR(pg->Run(absl::StrCat(pg->as_user_, pg->bin_, "/initdb -D ", pg->dir_,
                                                "/data -U ", kSuperuser,
                                                " --auth=trust -E UTF8 --locale=C.UTF-8"))
                               .status());
  }
  pg->pid_ = fork();
  if (pg->pid_ == 0) {
    // The launcher blocks SIGINT and SIGTERM to wait for them; the server must receive them.
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, nullptr);
    const std::string log = pg->dir_ + "/server.log";
    if (!freopen(log.c_str(), "a", stderr)) _exit(126);
    const std::string cmd =
        absl::StrCat("exec ", pg->as_user_, pg->bin_, "/postgres -D ", pg->dir_, "/data -k ",
                     pg->dir_, " -c listen_addresses='' -c max_connections=200 -c fsync=on");
    execl("/bin/sh", "sh", "-c", cmd.c_str(), nullptr);
    _exit(127);
  }
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (absl::Now() < deadline) {
    auto c = store::PostgresConnection::Open(SuperuserUrl(pg->dir_));
    if (c.ok()) {
      if (fresh) {
        ASSURE_RETURN_IF_ERROR((*c)->ExecScript(
            absl::StrCat("CREATE ROLE ", kServiceRole, " LOGIN NOSUPERUSER NOBYPASSRLS")));
      }
      return pg;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
  return absl::UnavailableError("PostgreSQL did not start; see " + pg->dir_ + "/server.log");
}

LocalPostgres::~LocalPostgres() { Stop(); }

absl::StatusOr<std::string> LocalPostgres::Database(const std::string& name) {
  ASSURE_ASSIGN_OR_RETURN(auto c, store::PostgresConnection::Open(SuperuserUrl(dir_)));
  bool exists = false;
  ASSURE_RETURN_IF_ERROR(c->Query("SELECT 1 FROM pg_database WHERE datname = ?", {name},
                                  [&](const store::Row&) { exists = true; }));
  if (!exists) {
    ASSURE_RETURN_IF_ERROR(
        c->ExecScript(absl::StrCat("CREATE DATABASE ", name, " OWNER ", kServiceRole)));
  }
  return absl::StrCat("postgresql:///", name, "?host=", dir_, "&user=", kServiceRole);
}

absl::StatusOr<int> LocalPostgres::PostmasterPid() const {
  std::ifstream in(dir_ + "/data/postmaster.pid");
  int pid = 0;
  if (!(in >> pid) || pid <= 0) return absl::NotFoundError("no postmaster.pid: not running");
  return pid;
}

void LocalPostgres::Stop(const std::string& mode) {
  if (pid_ <= 0) return;
  Run(absl::StrCat(as_user_, bin_, "/pg_ctl -D ", dir_, "/data -m ", mode, " -w stop"))
      .status()
      .IgnoreError();
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace assure
