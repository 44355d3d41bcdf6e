#include "services/common/flags_from_env.h"

#include <cstdlib>
#include <iostream>

#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace assure {

void ParseFlagsWithEnvironment(int argc, char** argv) {
  for (auto& [name, flag] : absl::GetAllFlags()) {
    const std::string variable = absl::AsciiStrToUpper(absl::StrCat("ASSURE_", name));
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      std::cerr << variable << ": " << error << "\n";
      std::exit(2);
    }
  }
  absl::ParseCommandLine(argc, argv);
}

}  // namespace assure
