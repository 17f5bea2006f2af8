// Hashing, constant-time comparison and the CSPRNG behind ids and secrets.
#include "crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "http_types.hpp"
#include "webhook_signing.hpp"

namespace setupflow::sandbox {

std::string SystemEnv::random_alnum(size_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  // RAND_bytes costs a lock and a DRBG call each time: draw 1 KiB per thread
  // at a time and hand it out (still OpenSSL's CSPRNG output, used once).
  thread_local unsigned char buf[1024];
  thread_local size_t used = sizeof buf;
  std::string out;
  out.reserve(n);
  while (out.size() < n) {
    if (used == sizeof buf) {
      if (RAND_bytes(buf, sizeof buf) != 1) throw std::runtime_error("RAND_bytes failed");
      used = 0;
    }
    unsigned char c = buf[used++];
    if (c >= 248) continue;  // 248 = 4 * 62: reject to stay uniform
    out.push_back(kAlphabet[c % 62]);
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return hex_encode(md, len);
}

bool secure_equals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace setupflow::sandbox
