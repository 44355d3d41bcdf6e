#include "services/common/serving_report.h"

#include <cstdio>
#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

ABSL_FLAG(std::string, ready_file, "",
          "once serving, write name=host:port for every listener here (useful with port 0)");

namespace assure {

void ReportServing(const std::string& component, const Listeners& listeners) {
  nlohmann::ordered_json line = {{"event", "serving"}, {"service", component}};
  for (const auto& [name, address] : listeners) line[name] = address;
  std::cerr << line.dump() << std::endl;
  const std::string path = absl::GetFlag(FLAGS_ready_file);
  if (path.empty()) return;
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::trunc);
    for (const auto& [name, address] : listeners) out << name << "=" << address << "\n";
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    std::cerr << nlohmann::ordered_json{{"event", "ready_file_failed"}, {"path", path}}.dump()
              << std::endl;
  }
}

absl::StatusOr<Listeners> ReadReadyFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, " is not written yet"));
  Listeners listeners;
  std::string line;
  while (std::getline(in, line)) {
    std::pair<std::string, std::string> kv = absl::StrSplit(line, absl::MaxSplits('=', 1));
    if (!kv.first.empty()) listeners.push_back(std::move(kv));
  }
  return listeners;
}

std::string BoundAddress(const std::string& configured, int port) {
  return absl::StrCat(configured.substr(0, configured.rfind(':')), ":", port);
}

}  // namespace assure
