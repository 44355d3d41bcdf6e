#include "tests/support/postgres_server.h"

#include <glob.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/common/store/postgres_connection.h"

namespace assure::testing {
namespace {

constexpr char kUser[] = "assure-pg";
constexpr char kSuperuser[] = "postgres";
constexpr char kServiceRole[] = "assure_service";

[[noreturn]] void Fail(const std::string& what) {
  std::cerr << "postgres test server: " << what << std::endl;
  std::abort();
}

std::string NewestBinDir() {
  glob_t g;
  std::string dir;
  if (glob("/usr/lib/postgresql/*/bin/postgres", 0, nullptr, &g) == 0 && g.gl_pathc > 0) {
    dir = std::filesystem::path(g.gl_pathv[g.gl_pathc - 1]).parent_path().string();
  }
  globfree(&g);
  if (dir.empty()) Fail("no /usr/lib/postgresql/*/bin/postgres: install the postgresql package");
  return dir;
}

}  // namespace

PostgresServer& PostgresServer::Shared() {
  static PostgresServer* server = [] {
    auto* s = new PostgresServer;
    std::atexit([] { Shared().Stop(); });
    return s;
  }();
  return *server;
}

std::string PostgresServer::Run(const std::string& command) const {
  std::string out;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) Fail("popen " + command);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (pclose(p) != 0) Fail(command + ": " + out);
  return out;
}

PostgresServer::PostgresServer() {
  bin_ = NewestBinDir();
  char templ[] = "/tmp/assure-pg-XXXXXX";
  if (!mkdtemp(templ)) Fail("mkdtemp");
  dir_ = templ;
  if (geteuid() == 0) {
    if (system(absl::StrCat("id -u ", kUser, " >/dev/null 2>&1").c_str()) != 0) {
      Run(absl::StrCat("useradd --system --no-create-home --shell /usr/sbin/nologin ", kUser));
    }
    Run(absl::StrCat("chown ", kUser, " ", dir_));
    as_user_ = absl::StrCat("runuser -u ", kUser, " -- ");
  }
  Run(absl::StrCat(as_user_, bin_, "/initdb -D ", dir_, "/data -U ", kSuperuser,
                   " --auth=trust -E UTF8 --locale=C.UTF-8"));
  pid_ = fork();
  if (pid_ == 0) {
    const std::string log = dir_ + "/server.log";
    freopen(log.c_str(), "w", stderr);
    const std::string cmd =
        absl::StrCat("exec ", as_user_, bin_, "/postgres -D ", dir_, "/data -k ", dir_,
                     " -c listen_addresses='' -c max_connections=200 -c fsync=on");
    execl("/bin/sh", "sh", "-c", cmd.c_str(), nullptr);
    _exit(127);
  }
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (absl::Now() < deadline) {
    auto c = store::PostgresConnection::Open(
        absl::StrCat("postgresql:///postgres?host=", dir_, "&user=", kSuperuser));
    if (c.ok()) {
      auto st = (*c)->ExecScript(absl::StrCat("CREATE ROLE ", kServiceRole,
                                              " LOGIN NOSUPERUSER NOBYPASSRLS"));
      if (!st.ok()) Fail(st.ToString());
      return;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
  Fail("did not start; see " + dir_ + "/server.log");
}

std::string PostgresServer::NewDatabase() {
  const std::string name = absl::StrCat("db", ++databases_);
  auto c = store::PostgresConnection::Open(
      absl::StrCat("postgresql:///postgres?host=", dir_, "&user=", kSuperuser));
  if (!c.ok()) Fail(c.status().ToString());
  auto st = (*c)->ExecScript(absl::StrCat("CREATE DATABASE ", name, " OWNER ", kServiceRole));
  if (!st.ok()) Fail(st.ToString());
  return absl::StrCat("postgresql:///", name, "?host=", dir_, "&user=", kServiceRole);
}

std::string PostgresServer::SuperuserUrl(const std::string& service_url) const {
  std::string url = service_url;
  const std::string role = absl::StrCat("user=", kServiceRole);
  url.replace(url.find(role), role.size(), absl::StrCat("user=", kSuperuser));
  return url;
}

void PostgresServer::Stop() {
  if (pid_ <= 0) return;
  // Fast shutdown of the server (not of runuser alone).
  system(absl::StrCat(as_user_, bin_, "/pg_ctl -D ", dir_, "/data -m fast -w stop >/dev/null 2>&1")
             .c_str());
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  std::filesystem::remove_all(dir_);
}

}  // namespace assure::testing
