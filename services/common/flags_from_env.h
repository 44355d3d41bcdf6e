// Configuration from flags and ASSURE_* environment variables: every flag --foo_bar may
// also be given as ASSURE_FOO_BAR; the command line wins over the environment.
#ifndef ASSURE_SERVICES_COMMON_FLAGS_FROM_ENV_H_
#define ASSURE_SERVICES_COMMON_FLAGS_FROM_ENV_H_

namespace assure {

// Applies the environment, then parses the command line (exits on a bad flag).
void ParseFlagsWithEnvironment(int argc, char** argv);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_FLAGS_FROM_ENV_H_
