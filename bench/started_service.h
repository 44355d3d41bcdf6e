// A service as deployed, on this machine, for a load tool: its executable from the build,
// on a port of its own choosing, access log on, found through its ready file.
#ifndef ASSURE_BENCH_STARTED_SERVICE_H_
#define ASSURE_BENCH_STARTED_SERVICE_H_

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "services/common/serving_report.h"

namespace assure::bench {

// Starts bin/assure-<name> on `store`, its ready file in `dir`; its pid and its gRPC address
// once it serves. Exits the tool if it does not start within 30 s.
inline std::pair<pid_t, std::string> StartService(const std::string& bin, const std::string& name,
                                                  const std::string& store,
                                                  const std::string& dir) {
  const std::string ready = dir + "/" + name + ".ready";
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDERR_FILENO);
    const std::string exe = bin + "/assure-" + name;
    const std::string store_flag = "--store=" + store;
    const std::string ready_flag = "--ready_file=" + ready;
    execl(exe.c_str(), exe.c_str(), "--grpc_address=127.0.0.1:0",
          "--metrics_address=", store_flag.c_str(), ready_flag.c_str(), nullptr);
    _exit(127);
  }
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (absl::Now() < deadline) {
    auto listeners = ReadReadyFile(ready);
    if (listeners.ok() && !listeners->empty()) return {pid, (*listeners)[0].second};
    absl::SleepFor(absl::Milliseconds(50));
  }
  kill(pid, SIGKILL);
  std::cerr << "assure-" << name << " did not start" << std::endl;
  std::exit(1);
}

// Where the tool itself is: the build's bin/, where the services are too.
inline std::string OwnBinDir(const char* argv0) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (ec ? std::filesystem::path(argv0) : self).parent_path().string();
}

}  // namespace assure::bench

#endif  // ASSURE_BENCH_STARTED_SERVICE_H_
