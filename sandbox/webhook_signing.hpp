// Stripe-Signature, exactly as Stripe signs: t=<unix>,v1=<hex HMAC-SHA256 of
// "<t>.<payload>" keyed with the whole whsec_ secret string>.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace setupflow::sandbox {

// Lower-case hex of `size` bytes.
std::string hex_encode(const unsigned char* bytes, size_t size);
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
std::string stripe_signature(std::string_view secret, int64_t timestamp, std::string_view payload);

}  // namespace setupflow::sandbox
