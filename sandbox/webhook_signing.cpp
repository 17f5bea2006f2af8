#include "webhook_signing.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace setupflow::sandbox {

std::string hex_encode(const unsigned char* bytes, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), md, &len);
  return hex_encode(md, len);
}

std::string stripe_signature(std::string_view secret, int64_t timestamp, std::string_view payload) {
  std::string t = std::to_string(timestamp);
  std::string signed_payload = t + "." + std::string(payload);
  return "t=" + t + ",v1=" + hmac_sha256_hex(secret, signed_payload);
}

}  // namespace setupflow::sandbox
