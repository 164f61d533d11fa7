#include "core/fair/sha256.hpp"

#include "core/fair/exact_match.hpp"

#include <openssl/evp.h>

#include <memory>
#include <new>
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

namespace {

EVP_MD_CTX* context_of(void* p) { return static_cast<EVP_MD_CTX*>(p); }

// libcrypto fails here only when it is broken itself (no memory, no SHA-256): a bug of the
// installation, not an input problem.
void require(int ok) {
  if (ok != 1) throw std::runtime_error("libcrypto could not compute SHA-256");
}

}  // namespace

sha256_stream::sha256_stream() : context_(EVP_MD_CTX_new()) {
  if (!context_) throw std::bad_alloc();
  require(EVP_DigestInit_ex(context_of(context_), EVP_sha256(), nullptr));
}

sha256_stream::~sha256_stream() { EVP_MD_CTX_free(context_of(context_)); }

void sha256_stream::update(std::string_view bytes) {
  require(EVP_DigestUpdate(context_of(context_), bytes.data(), bytes.size()));
}

std::string sha256_stream::hex() const {
  // Finalising consumes a context: finish a copy so that more bytes can follow.
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> copy(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!copy) throw std::bad_alloc();
  require(EVP_MD_CTX_copy_ex(copy.get(), context_of(context_)));
  sha256_digest out{};
  unsigned int size = 0;
  require(EVP_DigestFinal_ex(copy.get(), out.data(), &size));
  std::string text;
  text.reserve(64);
  append_hex(text, out);
  return text;
}

std::optional<std::string> sha256_mismatch(std::string_view bytes, std::string_view published_hex) {
  std::string actual = sha256_hex(bytes);
  if (equal_ignoring_case(actual, published_hex)) return std::nullopt;
  return actual;
}

}  // namespace replayer
