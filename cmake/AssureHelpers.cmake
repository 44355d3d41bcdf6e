# Small declarations that keep each folder's CMakeLists.txt short.

# Warnings are errors on our own code only; generated protobuf code is left alone.
function(assure_warnings target)
  if(ASSURE_FUZZ)  # a second compiler's warnings are reported, not fatal
    target_compile_options(${target} PRIVATE -Wall -Wextra)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  endif()
endfunction()

# assure_library(NAME SRCS ... DEPS ...)
function(assure_library name)
  cmake_parse_arguments(A "" "" "SRCS;DEPS" ${ARGN})
  add_library(${name} STATIC ${A_SRCS})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${A_DEPS})
  assure_warnings(${name})
endfunction()

# assure_test(NAME SRCS ... DEPS ...): one GoogleTest binary registered with CTest.
function(assure_test name)
  cmake_parse_arguments(A "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${A_SRCS})
  target_link_libraries(${name} PRIVATE ${A_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  assure_warnings(${name})
  # Test files parse the same heavy headers (gRPC, the services' protos): compiled four to a
  # unit they build in half the time (CI runs two trees on two cores). So a helper in a test
  # file's anonymous namespace needs a name no other file of its binary uses.
  set_target_properties(${name} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 4)
  add_test(NAME ${name} COMMAND ${name})
endfunction()

# assure_service(NAME SRCS ... DEPS ...): the executable assure-NAME.
function(assure_service name)
  cmake_parse_arguments(A "" "" "SRCS;DEPS" ${ARGN})
  add_executable(assure-${name} ${A_SRCS})
  target_link_libraries(assure-${name} PRIVATE ${A_DEPS})
  assure_warnings(assure-${name})
endfunction()

# assure_embed(TARGET NAMESPACE FILES ...): compiles text files into the binary as
# `std::vector<EmbeddedFile> NAMESPACE::Files()`, sorted by file name, so a service needs no
# data folder at run time (migrations, the bank-holiday list).
function(assure_embed target namespace)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cc)
  # A list on a command line would split into separate arguments: pass it joined by '|'.
  string(REPLACE ";" "|" files "${ARGN}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${namespace} "-DFILES=${files}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding ${namespace}"
    VERBATIM)
  add_library(${target} STATIC ${out})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
endfunction()
