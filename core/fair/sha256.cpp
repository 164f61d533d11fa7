#include "core/fair/sha256.hpp"

#include "core/fair/exact_match.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace replayer {

sha256_digest sha256(std::string_view bytes) {
  sha256_digest out{};
  unsigned int size = 0;
  // One-shot digest; it only fails when libcrypto itself is broken (no memory, no SHA-256): a bug
  // of the installation, not an input problem.
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &size, EVP_sha256(), nullptr) != 1 || size != out.size())
    throw std::runtime_error("libcrypto could not compute SHA-256");
  return out;
}

void append_hex(std::string& out, const sha256_digest& digest) {
  static constexpr char hex[] = "0123456789abcdef";
  for (unsigned char b : digest) {
    out += hex[b >> 4];
    out += hex[b & 0xF];
  }
}

std::string sha256_hex(std::string_view bytes) {
  std::string out;
  out.reserve(64);
  append_hex(out, sha256(bytes));
  return out;
}

std::optional<std::string> sha256_mismatch(std::string_view bytes, std::string_view published_hex) {
  std::string actual = sha256_hex(bytes);
  if (equal_ignoring_case(actual, published_hex)) return std::nullopt;
  return actual;
}

}  // namespace replayer
