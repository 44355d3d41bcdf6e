// assure-launch: runs the whole suite on one machine with SQLite stores under --data_dir,
// waits until every process reports SERVING, prints where everything is, and stops every
// process cleanly (SIGTERM, then SIGKILL after a grace period) on Ctrl-C or SIGTERM.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "services/common/flags_from_env.h"
#include "services/common/health_client.h"
#include "absl/strings/str_join.h"
#include "services/common/auth/jwt_signer.h"
#include "services/common/server.h"
#include "services/common/dates.h"
#include "services/common/serving_report.h"
#include "tools/launcher/components.h"
#include "tools/launcher/demo.h"
#include "tools/local_postgres/local_postgres.h"

ABSL_FLAG(std::string, data_dir, "./data", "where SQLite stores and logs are kept");
ABSL_FLAG(std::string, bin_dir, "", "where the assure-* executables are (default: beside this)");
ABSL_FLAG(std::string, host, "127.0.0.1", "address every component listens on");
ABSL_FLAG(int, base_grpc_port, 7000,
          "component N's gRPC port is this plus its offset; 0: any free ports, as printed");
ABSL_FLAG(int, base_metrics_port, 9100,
          "component N's /metrics port is this plus its offset; 0: any free ports, as printed");
ABSL_FLAG(int, ready_timeout_seconds, 60, "how long to wait for every component to serve");
ABSL_FLAG(std::string, tenant, "LA1", "the local authority the development tokens belong to");
ABSL_FLAG(bool, prometheus, false,
          "also start Debian's prometheus, scraping every component, with the alert and "
          "recording rules, on base_metrics_port + 90");
ABSL_FLAG(std::string, prometheus_rules, "",
          "the rules file Prometheus loads (default: charts/assure/alerts/assure.rules.yaml "
          "of the repository the executables were built in)");
ABSL_FLAG(int, replicas, 1,
          "processes of each service, sharing its store (needs --postgresql); replica k listens "
          "10k ports above the first, and the gateway balances calls over them");
ABSL_FLAG(bool, demo, false,
          "fill the development tokens' tenant with synthetic children, IROs, meetings and "
          "referrals (use --tenant=SANDBOX to keep them apart); filling it again changes nothing");
ABSL_FLAG(bool, postgresql, false,
          "store every service in a local PostgreSQL cluster in <data_dir>/pg (one database "
          "per service) instead of SQLite files");

namespace {

namespace fs = std::filesystem;
using assure::launcher::Component;

constexpr char kIssuer[] = "assure-local-dev";
constexpr char kAudience[] = "assure";

struct Running {
  std::string name;
  std::string service;  // what its health must report SERVING
  pid_t pid;
  std::string grpc_address;
  std::string metrics_address;
  std::string log;
  std::string ready_file = "";  // where it reports the addresses it bound
  std::string http_address = "";
};

pid_t Spawn(const std::string& binary, const std::vector<std::string>& args,
            const std::string& log) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // The child: unblock the signals the launcher waits for, send output to the log.
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_UNBLOCK, &all, nullptr);
  setpgid(0, 0);  // Ctrl-C reaches the launcher only; it stops the children in order
  const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (out >= 0) {
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
  }
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(binary.c_str(), argv.data());
  std::perror(binary.c_str());
  _exit(127);
}

bool Exited(pid_t pid, int* status) { return waitpid(pid, status, WNOHANG) == pid; }

// Stops the components in reverse start order. True if every one drained and exited 0.
bool StopAll(std::vector<Running>& running) {
  for (auto it = running.rbegin(); it != running.rend(); ++it) kill(it->pid, SIGTERM);
  const absl::Time deadline = absl::Now() + absl::Seconds(15);
  bool clean = true;
  for (auto& r : running) {
    int status = 0;
    while (!Exited(r.pid, &status)) {
      if (absl::Now() > deadline) {
        kill(r.pid, SIGKILL);
        waitpid(r.pid, &status, 0);
        break;
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::cerr << "assure: " << r.name << " did not stop cleanly; see " << r.log
                << "\n";
      clean = false;
    }
  }
  return clean;
}

// Prometheus's configuration: every component a job of its own ("assure-<name>", every
// replica a target of it), scraped every 2 seconds, with the chart's rules.
std::string WritePrometheusConfig(const std::string& data, const std::vector<Running>& targets,
                                  const std::string& rules) {
  const std::string path = data + "/prometheus.yml";
  std::ofstream out(path);
  out << "# Written by assure-launch for local running.\n"
      << "global: {scrape_interval: 2s, evaluation_interval: 2s}\n";
  if (!rules.empty()) out << "rule_files: ['" << rules << "']\n";
  out << "scrape_configs:\n";
  std::vector<std::string> jobs;
  for (const auto& t : targets) {
    if (std::find(jobs.begin(), jobs.end(), t.name) == jobs.end()) jobs.push_back(t.name);
  }
  for (const auto& job : jobs) {
    std::vector<std::string> addresses;
    for (const auto& t : targets) {
      if (t.name == job) addresses.push_back("'" + t.metrics_address + "'");
    }
    out << "  - job_name: assure-" << job << "\n"
        << "    static_configs: [{targets: [" << absl::StrJoin(addresses, ", ") << "]}]\n";
  }
  return path;
}

bool WaitForPort(const std::string& address, absl::Time deadline) {
  const auto colon = address.rfind(':');
  while (absl::Now() < deadline) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(static_cast<uint16_t>(std::stoi(address.substr(colon + 1))));
    inet_pton(AF_INET, address.substr(0, colon).c_str(), &sa.sin_addr);
    const bool up = connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0;
    close(fd);
    if (up) return true;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return false;
}

bool WaitUntilServing(const Running& r, absl::Time deadline) {
  // Short reconnect backoff: the process is expected up within moments of being started.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 50);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 250);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 50);
  auto channel =
      grpc::CreateCustomChannel(r.grpc_address, grpc::InsecureChannelCredentials(), args);
  while (absl::Now() < deadline) {
    int exit_status = 0;
    if (Exited(r.pid, &exit_status)) return false;
    auto health = assure::CheckHealth(channel, r.service, absl::Seconds(1));
    if (health.ok() && *health == assure::HealthStatus::kServing) return true;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return false;
}

// Waits for the component's ready file, written once every listener is bound, takes the
// addresses it reports (ports it chose when told port 0), then waits until it is SERVING.
bool WaitUntilReady(Running& r, absl::Time deadline) {
  while (absl::Now() < deadline) {
    int exit_status = 0;
    if (Exited(r.pid, &exit_status)) return false;
    auto listeners = assure::ReadReadyFile(r.ready_file);
    if (!listeners.ok()) {
      absl::SleepFor(absl::Milliseconds(50));
      continue;
    }
    for (const auto& [name, address] : *listeners) {
      if (name == "grpc") r.grpc_address = address;
      if (name == "metrics") r.metrics_address = address;
      if (name == "http") r.http_address = address;
    }
    return WaitUntilServing(r, deadline);
  }
  return false;
}

// A listener's address: base plus offset, or port 0 (the process picks) when the base is 0.
std::string Listen(const std::string& host, int base, int offset) {
  return absl::StrCat(host, ":", base == 0 ? 0 : base + offset);
}

// A port free now, for Prometheus, which cannot report a port it chose itself.
int FreePort(const std::string& host) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  inet_pton(AF_INET, host.c_str(), &sa.sin_addr);
  socklen_t len = sizeof sa;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len) == 0) {
    port = ntohs(sa.sin_port);
  }
  close(fd);
  return port;
}

// The partner code of the development advocate's token: the demo refers children to it.
std::string DevPartner() {
  for (const auto& role : assure::launcher::kDevRoles) {
    if (role.partner[0] != '\0') return role.partner;
  }
  return "";
}

std::string DefaultBinDir(const char* argv0) {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return (ec ? fs::path(argv0) : self).parent_path().string();
}


// A fresh development key pair each run: its JWKS goes to the gateway, and a token per role
// to data/dev-tokens.env. Authentication is never switched off, even locally.
absl::StatusOr<std::string> MintDevelopmentTokens(const std::string& data) {
  using assure::auth::JwtSigner;
  auto signer = JwtSigner::Generate(JwtSigner::Algorithm::kEs256, "assure-local-dev");
  if (!signer.ok()) return signer.status();
  const std::string jwks = absl::StrCat(data, "/dev-jwks.json");
  std::ofstream(jwks) << (*signer)->Jwks() << "\n";
  std::ofstream env(absl::StrCat(data, "/dev-tokens.env"));
  for (const auto& role : assure::launcher::kDevRoles) {
    assure::auth::Claims c;
    c.issuer = kIssuer;
    c.audience = kAudience;
    c.subject = role.subject;
    c.roles = {role.role};
    c.tenant = absl::GetFlag(FLAGS_tenant);
    c.partner = role.partner;
    c.expires = absl::Now() + absl::Hours(12);
    auto token = (*signer)->Sign(c);
    if (!token.ok()) return token.status();
    env << role.variable << "=" << *token << "\n";
  }
  return jwks;
}

}  // namespace

int main(int argc, char** argv) {
  assure::Server::PrepareProcess();
  assure::ParseFlagsWithEnvironment(argc, argv);
  const std::string data = absl::GetFlag(FLAGS_data_dir);
  if (absl::GetFlag(FLAGS_replicas) < 1 ||
      (absl::GetFlag(FLAGS_replicas) > 1 && !absl::GetFlag(FLAGS_postgresql))) {
    std::cerr << "assure: --replicas must be 1, or more with --postgresql (replicas share one "
                 "database)\n";
    return 1;
  }
  const std::string bin =
      absl::GetFlag(FLAGS_bin_dir).empty() ? DefaultBinDir(argv[0]) : absl::GetFlag(FLAGS_bin_dir);
  const std::string host = absl::GetFlag(FLAGS_host);
  const int grpc_base = absl::GetFlag(FLAGS_base_grpc_port);
  const int metrics_base = absl::GetFlag(FLAGS_base_metrics_port);
  fs::create_directories(data);
  auto jwks = MintDevelopmentTokens(data);
  if (!jwks.ok()) {
    std::cerr << "assure: development keys: " << jwks.status() << "\n";
    return 1;
  }

  std::unique_ptr<assure::LocalPostgres> postgres;
  if (absl::GetFlag(FLAGS_postgresql)) {
    auto started = assure::LocalPostgres::Start(data + "/pg");
    if (!started.ok()) {
      std::cerr << "assure: postgresql: " << started.status() << "\n";
      return 1;
    }
    postgres = *std::move(started);
  }
  auto store_of = [&](const Component& c) -> absl::StatusOr<std::string> {
    if (postgres) return postgres->Database(c.name);
    return absl::StrCat(data, "/", c.name, ".db");
  };

  std::vector<Running> running;
  const absl::Time deadline =
      absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_ready_timeout_seconds));
  auto start = [&](Running r, std::vector<std::string> args) {
    r.ready_file = absl::StrCat(data, "/", r.name, ".ready");
    fs::remove(r.ready_file);
    args.push_back("--ready_file=" + r.ready_file);
    r.pid = Spawn(absl::StrCat(bin, "/assure-", r.name), args, r.log);
    running.push_back(r);
    if (WaitUntilReady(running.back(), deadline)) return true;
    std::cerr << "assure: " << r.name << " did not start; see " << r.log << "\n";
    StopAll(running);
    return false;
  };

  // Every service's ports are chosen before any starts, so each gets the routes of all the
  // others and calls may go both ways (reviews sends action plans findings; action plans
  // reads reviews' figures). A message to a service not yet up waits in the sender's outbox.
  const int replica_count = absl::GetFlag(FLAGS_replicas);
  std::vector<std::vector<std::string>> addresses;
  std::vector<std::string> routes;
  for (const Component& c : assure::launcher::kServices) {
    std::vector<std::string> replicas;
    for (int k = 0; k < replica_count; ++k) {
      const int offset = c.port_offset + 10 * k;
      replicas.push_back(grpc_base == 0 ? absl::StrCat(host, ":", FreePort(host))
                                        : Listen(host, grpc_base, offset));
    }
    routes.push_back(absl::StrCat(c.package, "=", absl::StrJoin(replicas, "|")));
    addresses.push_back(std::move(replicas));
  }
  for (size_t i = 0; i < assure::launcher::kServices.size(); ++i) {
    const Component& c = assure::launcher::kServices[i];
    auto store = store_of(c);
    if (!store.ok()) {
      std::cerr << "assure: " << c.name << " store: " << store.status() << "\n";
      StopAll(running);
      return 1;
    }
    std::vector<std::string> others;
    for (size_t j = 0; j < routes.size(); ++j) {
      if (j != i) others.push_back(routes[j]);
    }
    for (int k = 0; k < replica_count; ++k) {
      const std::string log = k == 0 ? absl::StrCat(data, "/", c.name, ".log")
                                     : absl::StrCat(data, "/", c.name, "-", k + 1, ".log");
      Running r{c.name, c.service, 0, "", "", log};
      const int offset = c.port_offset + 10 * k;
      if (!start(r, {"--grpc_address=" + addresses[i][k],
                     "--metrics_address=" + Listen(host, metrics_base, offset),
                     "--store=" + *store, "--routes=" + absl::StrJoin(others, ",")})) {
        return 1;
      }
    }
  }
  Running gateway{"gateway", "", 0, "", "", absl::StrCat(data, "/gateway.log")};
  if (!start(gateway,
             {"--grpc_address=" + Listen(host, grpc_base, assure::launcher::kGatewayGrpcOffset),
              "--http_address=" + Listen(host, grpc_base, assure::launcher::kGatewayHttpOffset),
              "--metrics_address=" + Listen(host, metrics_base, 0),
              "--routes=" + absl::StrJoin(routes, ","), "--jwks_file=" + *jwks,
              absl::StrCat("--jwt_issuer=", kIssuer),
              absl::StrCat("--jwt_audience=", kAudience)})) {
    return 1;
  }
  const std::string http = running.back().http_address;

  if (absl::GetFlag(FLAGS_prometheus)) {
    std::string rules = absl::GetFlag(FLAGS_prometheus_rules);
    const std::string built_in = bin + "/../../../charts/assure/alerts/assure.rules.yaml";
    if (rules.empty() && fs::exists(built_in)) rules = fs::canonical(built_in).string();
    const int port = metrics_base == 0 ? FreePort(host) : metrics_base + 90;
    Running prometheus{"prometheus", "", 0, "", absl::StrCat(host, ":", port),
                       data + "/prometheus.log"};
    const std::string config = WritePrometheusConfig(data, running, rules);
    prometheus.pid = Spawn("/usr/bin/prometheus",
                           {"--config.file=" + config, "--storage.tsdb.path=" + data + "/prometheus",
                            "--web.listen-address=" + prometheus.metrics_address},
                           prometheus.log);
    running.push_back(prometheus);
    if (!WaitForPort(prometheus.metrics_address, deadline)) {
      std::cerr << "assure: prometheus did not start; see " << prometheus.log << "\n";
      StopAll(running);
      return 1;
    }
  }

  std::cout << "assure: every component is SERVING\n";
  if (absl::GetFlag(FLAGS_demo)) {
    const auto reviews = std::find_if(running.begin(), running.end(),
                                      [](const Running& r) { return r.name == "reviews"; });
    assure::launcher::DemoCounts counts;
    const absl::Status filled =
        reviews == running.end()
            ? absl::NotFoundError("no reviews service is running")
            : assure::launcher::FillDemo(reviews->grpc_address, absl::GetFlag(FLAGS_tenant),
                                         DevPartner(), assure::LondonDay(absl::Now()), &counts);
    if (!filled.ok()) {
      std::cerr << "assure: demo: " << filled << "\n";
      StopAll(running);
      return 1;
    }
    std::cout << "  demo: tenant " << absl::GetFlag(FLAGS_tenant) << " holds " << counts.children
              << " children, " << counts.meetings << " meetings, " << counts.referrals
              << " referrals to " << DevPartner() << "\n";
  }
  for (const auto& r : running) {
    if (r.name == "prometheus") {
      std::cout << "  prometheus  http://" << r.metrics_address << "  log " << r.log << "\n";
      continue;
    }
    std::cout << "  " << r.name << "  gRPC " << r.grpc_address << "  metrics http://"
              << r.metrics_address << "/metrics  log " << r.log << "\n";
  }
  std::cout << "  gateway  HTTP/JSON http://" << http << "\n"
            << "  development tokens (one per role, 12 hours): " << data << "/dev-tokens.env\n"
            << "assure: ready (Ctrl-C stops everything)" << std::endl;
  assure::Server::WaitForShutdownSignal();
  std::cout << "assure: stopping" << std::endl;
  const bool clean = StopAll(running);
  std::cout << "assure: stopped" << std::endl;
  return clean ? 0 : 1;
}
