#pragma once
// SHA-256 through OpenSSL's libcrypto, as the provably-fair check needs it: the lowercase hex
// digest of a string's bytes (JavaScript's crypto hashes a string as its UTF-8 bytes, and so do we).
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace replayer {

using sha256_digest = std::array<unsigned char, 32>;

sha256_digest sha256(std::string_view bytes);
/// 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);
/// The hex SHA-256 of `bytes` when it differs (ignoring case) from `published_hex`; nullopt when
/// they match. What both verifiers check before anything else.
std::optional<std::string> sha256_mismatch(std::string_view bytes, std::string_view published_hex);
/// Appends the 64 lowercase hex digits of `digest` to `out`.
void append_hex(std::string& out, const sha256_digest& digest);

/// SHA-256 over bytes that arrive piece by piece (a trade log written as it happens); the digest
/// of everything so far can be read at any time.
class sha256_stream {
public:
  sha256_stream();
  ~sha256_stream();
  sha256_stream(const sha256_stream&) = delete;
  sha256_stream& operator=(const sha256_stream&) = delete;

  void update(std::string_view bytes);
  /// 64 lowercase hex digits of what was given so far.
  std::string hex() const;

private:
  void* context_;  // EVP_MD_CTX, kept out of this header
};

}  // namespace replayer
