// Hashing and constant-time comparison for keys and secrets (and, in
// crypto.cpp, SystemEnv::random_alnum: the CSPRNG behind ids and secrets).
#pragma once

#include <string>
#include <string_view>

namespace setupflow::sandbox {

// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view data);
// Constant-time equality for secrets (lengths may leak, contents do not).
bool secure_equals(std::string_view a, std::string_view b);
}  // namespace setupflow::sandbox
