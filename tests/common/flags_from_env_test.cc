#include "services/common/flags_from_env.h"

#include <cstdlib>

#include "absl/flags/flag.h"
#include "gtest/gtest.h"

ABSL_FLAG(int, test_widgets, 1, "a flag only this test uses");
ABSL_FLAG(std::string, test_colour, "red", "a flag only this test uses");

namespace assure {
namespace {

TEST(ParseFlagsWithEnvironment, AssureVariablesSetFlagsAndTheCommandLineWins) {
  setenv("ASSURE_TEST_WIDGETS", "7", 1);
  setenv("ASSURE_TEST_COLOUR", "blue", 1);
  char name[] = "test";
  char colour[] = "--test_colour=green";
  char* argv[] = {name, colour};
  ParseFlagsWithEnvironment(2, argv);
  EXPECT_EQ(absl::GetFlag(FLAGS_test_widgets), 7);
  EXPECT_EQ(absl::GetFlag(FLAGS_test_colour), "green");
}

}  // namespace
}  // namespace assure
