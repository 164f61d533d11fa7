// The unit test runner: Boost.Test's, with CTest's skip code (77, SKIP_RETURN_CODE in
// tests/CMakeLists.txt) for tests that need the shared data folder (REPLAYER_SHARED_DIR):
//   - `unit_tests ... -- --needs-shared-data` runs nothing and exits 77 when the folder is missing
//     (the entries of the test cases that read it);
//   - a run in which a test skipped itself and nothing failed exits 77 instead of 0, so that it
//     is never a silent pass. A test skips itself, when its data is missing, with a warning:
//     BOOST_WARN_MESSAGE(false, "skipped: ..."), the only use of warnings in these tests.
#define BOOST_TEST_MODULE replayer
#define BOOST_TEST_NO_MAIN
#include <boost/cstdlib.hpp>
#include <boost/test/tree/observer.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string_view>

namespace {

constexpr int exit_skipped = 77;

struct skip_watch : boost::unit_test::test_observer {
  bool skipped = false;
  void assertion_result(boost::unit_test::assertion_result result) override {
    skipped = skipped || result == boost::unit_test::AR_TRIGGERED;
  }
};

skip_watch watch;

struct watch_skips {
  watch_skips() { boost::unit_test::framework::register_observer(watch); }
};

}  // namespace

BOOST_TEST_GLOBAL_CONFIGURATION(watch_skips);

int main(int argc, char* argv[]) {
  // Boost.Test leaves the arguments after `--` to the tests.
  char** const end = argv + argc;
  char** const ours = std::find(argv + 1, end, std::string_view("--"));
  const bool needs_shared_data = std::find(ours, end, std::string_view("--needs-shared-data")) != end;
  if (needs_shared_data && !std::filesystem::is_directory(REPLAYER_SHARED_DIR)) {
    std::cout << "skipped: the shared data folder " << REPLAYER_SHARED_DIR << " is missing\n";
    return exit_skipped;
  }
  const int status = boost::unit_test::unit_test_main(&init_unit_test, argc, argv);
  return status == boost::exit_success && watch.skipped ? exit_skipped : status;
}
