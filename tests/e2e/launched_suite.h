// The whole suite as the launcher starts it, for end-to-end tests: assure-launch in a child
// process, its printed addresses, and Ctrl-C to stop it.
#ifndef ASSURE_TESTS_E2E_LAUNCHED_SUITE_H_
#define ASSURE_TESTS_E2E_LAUNCHED_SUITE_H_

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace assure::testing {

// Runs `command` in a shell; its standard output, and its exit code in `*exit_code`.
inline std::string Shell(const std::string& command, int* exit_code) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

class Suite {
 public:
  explicit Suite(const std::string& data_dir, std::vector<std::string> extra = {}) {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      const std::string bin = ASSURE_BIN_DIR "/assure-launch";
      const std::string data = "--data_dir=" + data_dir;
      // Every component on a port of its own choosing, as the launcher then prints.
      std::vector<std::string> args = {bin, data, "--base_grpc_port=0", "--base_metrics_port=0"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    close(fds[1]);
    out_ = fdopen(fds[0], "r");
  }
  ~Suite() {
    if (pid_ > 0) Stop();
  }

  // Reads the launcher's output until it says it is ready (or ends).
  bool WaitReady() {
    char line[1024];
    while (fgets(line, sizeof line, out_)) {
      printed_ += line;
      if (std::string(line).find("assure: ready") != std::string::npos) return true;
    }
    return false;
  }

  int Stop() {
    kill(pid_, SIGINT);
    char line[1024];
    while (fgets(line, sizeof line, out_)) printed_ += line;
    int status = 0;
    waitpid(pid_, &status, 0);
    fclose(out_);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // From the launcher's "  <name>  gRPC <address>  metrics <url>  log <file>" lines.
  std::string grpc_address(const std::string& name) const { return Printed(name, "gRPC"); }
  std::string metrics_url(const std::string& name) const { return Printed(name, "metrics"); }
  std::string reviews_address() const { return grpc_address("reviews"); }
  std::string gateway_http() const { return Printed("gateway", "HTTP/JSON"); }
  std::string gateway_metrics() const { return metrics_url("gateway"); }
  std::string reviews_metrics() const { return metrics_url("reviews"); }
  std::string disputes_metrics() const { return metrics_url("disputes"); }
  std::string audits_metrics() const { return metrics_url("audits"); }
  std::string allowances_metrics() const { return metrics_url("allowances"); }
  const std::string& printed() const { return printed_; }

 private:
  std::string Printed(const std::string& name, const std::string& what) const {
    std::smatch m;
    const std::regex line("\\n  " + name + "  (?:.*  )?" + what + " (\\S+)");
    return std::regex_search(printed_, m, line) ? m[1].str() : "";
  }

  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  std::string printed_;
};

}  // namespace assure::testing

#endif  // ASSURE_TESTS_E2E_LAUNCHED_SUITE_H_
