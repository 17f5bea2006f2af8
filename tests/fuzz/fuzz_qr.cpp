// libFuzzer: QR encoding and SVG rendering on arbitrary bytes.
// Invariants:
//  - encode_qr either fails with qr_data_too_long or gives a square of a legal
//    size (21..177, 17 + 4·version);
//  - the SVG path is a sequence of "M x,y h w v h h -w z" rectangles inside the
//    viewBox that paints every dark module exactly once and nothing else.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "setupflow/qr.hpp"

namespace {

using namespace setupflow;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

struct Reader {
  std::string_view d;
  size_t i = 0;
  bool eat(char c) {
    if (i < d.size() && d[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
  int number() {
    const bool neg = eat('-');
    check(i < d.size() && d[i] >= '0' && d[i] <= '9');
    int v = 0;
    while (i < d.size() && d[i] >= '0' && d[i] <= '9') {
      v = v * 10 + (d[i++] - '0');
      check(v < 100000);
    }
    return neg ? -v : v;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  const Result<QrMatrix> qr = encode_qr(payload);
  if (!qr.ok()) {
    check(qr.error().code == "qr_data_too_long");
    return 0;
  }
  const QrMatrix& m = qr.value();
  const int n = m.size();
  check(n >= 21 && n <= 177 && (n - 17) % 4 == 0);
  check(m.modules().size() == static_cast<size_t>(n) * static_cast<size_t>(n));

  const int qz = static_cast<int>(size % 5);
  const int side = n + 2 * qz;
  std::vector<uint8_t> painted(static_cast<size_t>(side) * static_cast<size_t>(side), 0);
  const std::string path = qr_svg_path(m, qz);
  Reader r{path};
  while (r.i < r.d.size()) {
    check(r.eat('M'));
    const int x = r.number();
    check(r.eat(','));
    const int y = r.number();
    check(r.eat('h'));
    const int w = r.number();
    check(r.eat('v'));
    const int h = r.number();
    check(r.eat('h'));
    check(r.number() == -w);
    check(r.eat('z'));
    check(w > 0 && h > 0 && x >= 0 && y >= 0 && x + w <= side && y + h <= side);
    for (int yy = y; yy < y + h; ++yy) {
      for (int xx = x; xx < x + w; ++xx) {
        uint8_t& cell =
            painted[static_cast<size_t>(yy) * static_cast<size_t>(side) + static_cast<size_t>(xx)];
        check(cell == 0);
        cell = 1;
      }
    }
  }
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      check(painted[static_cast<size_t>(y) * static_cast<size_t>(side) + static_cast<size_t>(x)] ==
            (m.at(x - qz, y - qz) ? 1 : 0));
    }
  }
  return 0;
}
