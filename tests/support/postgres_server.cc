#include "tests/support/postgres_server.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"

namespace assure::testing {
namespace {

[[noreturn]] void Fail(const absl::Status& status) {
  std::cerr << "postgres test server: " << status << std::endl;
  std::abort();
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

PostgresServer::PostgresServer() {
  char templ[] = "/tmp/assure-pg-XXXXXX";
  if (!mkdtemp(templ)) Fail(absl::InternalError("mkdtemp"));
  dir_ = templ;
  auto server = LocalPostgres::Start(dir_);
  if (!server.ok()) Fail(server.status());
  server_ = *std::move(server);
}

std::string PostgresServer::NewDatabase() {
  auto url = server_->Database(absl::StrCat("db", ++databases_));
  if (!url.ok()) Fail(url.status());
  return *url;
}

void PostgresServer::Stop() {
  server_.reset();
  std::filesystem::remove_all(dir_);
}

}  // namespace assure::testing
