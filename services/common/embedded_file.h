// A text file compiled into the binary by cmake's assure_embed() (migrations, data lists),
// so a process needs no data folder beside it at run time.
#ifndef ASSURE_SERVICES_COMMON_EMBEDDED_FILE_H_
#define ASSURE_SERVICES_COMMON_EMBEDDED_FILE_H_

#include <string>
#include <vector>

namespace assure {

struct EmbeddedFile {
  std::string name;
  std::string content;
};

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_EMBEDDED_FILE_H_
