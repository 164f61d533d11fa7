#include "app/cli.hpp"
#include "app/stdout_buffer.hpp"

#include <exception>
#include <iostream>

#include <unistd.h>

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // std::cout writes through a buffer that keeps why a write failed (app/stdout_buffer.hpp); it
  // is put back before the buffer goes, so that nothing flushes std::cout into a freed buffer.
  replayer::app::stdout_buffer stdout_writer(STDOUT_FILENO);
  std::streambuf* const original = std::cout.rdbuf(&stdout_writer);
  int code = 70;
  try {
    code = replayer::app::run_cli(argc, argv, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "replayer: internal error: " << e.what() << " (please report it with the command you ran)\n";
  }
  std::cout.flush();
  std::cout.rdbuf(original);
  return code;
}
