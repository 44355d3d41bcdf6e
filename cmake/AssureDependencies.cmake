# Every dependency comes from a Debian package; see README.md for the apt-get line.
find_package(Threads REQUIRED)
find_package(Protobuf REQUIRED)
find_package(gRPC CONFIG REQUIRED)
find_package(absl CONFIG REQUIRED)
find_package(prometheus-cpp CONFIG REQUIRED)
find_package(GTest CONFIG REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
find_program(GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)

# The well-known Google API protos (google/api, google/rpc, google/type) are read from
# Debian's golang-github-gogo-googleapis-dev at build time rather than copied in.
set(ASSURE_GOOGLEAPIS_DIR /usr/share/gocode/src/github.com/gogo/googleapis
    CACHE PATH "Folder holding google/api, google/rpc and google/type protos")
if(NOT EXISTS ${ASSURE_GOOGLEAPIS_DIR}/google/rpc/status.proto)
  message(FATAL_ERROR "google/rpc/status.proto not found under ${ASSURE_GOOGLEAPIS_DIR}: "
                      "apt-get install golang-github-gogo-googleapis-dev")
endif()

option(ASSURE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(ASSURE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Fuzz builds instrument every library for libFuzzer's coverage; the fuzzers themselves link
# its driver (tests/fuzz). Warnings stay on but are not errors under a second compiler.
option(ASSURE_FUZZ "Build the libFuzzer targets (clang)" OFF)
if(ASSURE_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address)
endif()
