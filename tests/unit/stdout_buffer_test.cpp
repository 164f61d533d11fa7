// stdout_buffer: std::cout's buffer in main (app/stdout_buffer.hpp). It writes every byte, in
// order, across many buffer-fulls; and a failed write is kept with its OS reason even when later
// writes and flushes follow, as on a full disk in the middle of a run.
#include "app/stdout_buffer.hpp"

#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <fcntl.h>
#include <ostream>
#include <signal.h>
#include <string>
#include <unistd.h>

namespace app = replayer::app;

namespace {

// A file descriptor closed at the end of the scope.
struct descriptor {
  int fd;
  ~descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(stdout_buffer)

BOOST_AUTO_TEST_CASE(every_byte_reaches_the_file_in_order) {
  test_support::temp_dir dir;
  const auto path = dir.path / "out.txt";
  std::string expected;
  {
    descriptor file{::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644)};
    BOOST_TEST_REQUIRE(file.fd >= 0);
    app::stdout_buffer buffer(file.fd);
    std::ostream out(&buffer);
    for (int i = 0; i < 20'000; ++i) {
      const std::string line = "line " + std::to_string(i) + (i % 97 == 0 ? std::string(9000, 'x') : "") + "\n";
      out << line;
      expected += line;
    }
    out.flush();
    BOOST_TEST(static_cast<bool>(out));
    BOOST_TEST(buffer.first_error() == 0);
  }
  const std::string written = test_support::read_text(path);
  BOOST_TEST(written.size() == expected.size());
  BOOST_TEST((written == expected));
}

BOOST_AUTO_TEST_CASE(a_full_disk_is_kept_with_its_reason_through_later_writes) {
  descriptor full{::open("/dev/full", O_WRONLY)};
  if (full.fd < 0) {
    BOOST_WARN_MESSAGE(false, "skipped: no /dev/full here");
    return;
  }
  app::stdout_buffer buffer(full.fd);
  std::ostream out(&buffer);
  out << std::string(100'000, 'r');  // fails in the middle, at the first buffer-full
  BOOST_TEST(buffer.first_error() == ENOSPC);
  errno = 0;
  out.clear();
  out << "more" << std::flush;  // later writes and an unrelated errno do not hide the reason
  BOOST_TEST(!out);
  BOOST_TEST(buffer.first_error() == ENOSPC);
}

BOOST_AUTO_TEST_CASE(a_closed_pipe_is_kept_as_such) {
  int ends[2];
  BOOST_TEST_REQUIRE(::pipe(ends) == 0);
  descriptor read_end{ends[0]}, write_end{ends[1]};
  ::close(read_end.fd);
  read_end.fd = -1;
  // The process would die of SIGPIPE (as replayer does under `| head`); ignored here to see EPIPE.
  struct sigaction ignore{}, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  app::stdout_buffer buffer(write_end.fd);
  std::ostream out(&buffer);
  out << "results\n" << std::flush;
  ::sigaction(SIGPIPE, &previous, nullptr);
  BOOST_TEST(!out);
  BOOST_TEST(buffer.first_error() == EPIPE);
}

BOOST_AUTO_TEST_SUITE_END()
