#include "png.hpp"

#include <zlib.h>

#include <vector>

namespace setupflow::sandbox {
namespace {

void put_u32(std::string& out, uint32_t v) {
  out.push_back(char(v >> 24));
  out.push_back(char(v >> 16));
  out.push_back(char(v >> 8));
  out.push_back(char(v));
}

void chunk(std::string& out, const char* type, const std::string& data) {
  put_u32(out, uint32_t(data.size()));
  std::string body = std::string(type, 4) + data;
  out += body;
  put_u32(out, uint32_t(crc32(0, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()))));
}

}  // namespace

std::string qr_png(const QrMatrix& matrix, int scale) {
  if (matrix.size() <= 0 || scale < 1 || scale > 32) return {};
  const int modules = matrix.size() + 2 * kQrQuietZone;
  const int side = modules * scale;
  std::string raw;
  raw.reserve(size_t(side) * size_t(side + 1));
  for (int y = 0; y < side; ++y) {
    raw.push_back(0);  // filter: none
    for (int x = 0; x < side; ++x) {
      bool dark = matrix.at(x / scale - kQrQuietZone, y / scale - kQrQuietZone);
      raw.push_back(dark ? char(0) : char(255));
    }
  }
  uLongf packed_size = compressBound(uLong(raw.size()));
  std::vector<Bytef> packed(packed_size);
  if (compress2(packed.data(), &packed_size, reinterpret_cast<const Bytef*>(raw.data()), uLong(raw.size()), 9) != Z_OK)
    return {};
  std::string out("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  put_u32(ihdr, uint32_t(side));
  put_u32(ihdr, uint32_t(side));
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit, greyscale, deflate, no filter, no interlace
  chunk(out, "IHDR", ihdr);
  chunk(out, "IDAT", std::string(reinterpret_cast<const char*>(packed.data()), packed_size));
  chunk(out, "IEND", {});
  return out;
}

}  // namespace setupflow::sandbox
