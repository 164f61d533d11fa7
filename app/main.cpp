#include "app/cli.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  try {
    return replayer::app::run_cli(argc, argv, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "replayer: internal error: " << e.what() << " (please report it with the command you ran)\n";
    return 70;
  }
}
