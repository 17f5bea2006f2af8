// QR payload → modules (qrcodegen, C) → SVG path (ours).
//
// Mode: always byte mode (qrcodegen_encodeBinary), whatever the payload.
// Cash App's payloads are lower-case URLs, which are byte mode anyway;
// numeric and alphanumeric modes would give a smaller symbol only for digit
// strings and upper-case text, and linking them (qrcodegen_encodeText) cost
// 749 bytes gzip in the wasm (measured 2026-11-24).
#include "setupflow/qr.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "qrcodegen.h"
#include "setupflow/decimal.hpp"

namespace setupflow {
namespace {

constexpr int kMaxQuietZone = 1000;

Error too_long() {
  return invalid_request("qr_data_too_long",
                         "The QR payload is too long for a QR code at error-correction level M.",
                         {});
}

int clamp_quiet_zone(int quiet_zone) { return std::clamp(quiet_zone, 0, kMaxQuietZone); }

// A matrix built by hand may be inconsistent; such a matrix renders as empty.
bool is_well_formed(const QrMatrix& m) {
  return m.size() > 0 && m.size() <= qrcodegen_VERSION_MAX * 4 + 17 &&
         m.modules().size() == static_cast<size_t>(m.size()) * static_cast<size_t>(m.size());
}

}  // namespace

Result<QrMatrix> encode_qr(std::string_view data) {
  // qrcodegen needs two scratch buffers of this size (3918 bytes each): small
  // enough for the stack, also in wasm.
  uint8_t qrcode[qrcodegen_BUFFER_LEN_MAX];
  uint8_t temp[qrcodegen_BUFFER_LEN_MAX];
  // Byte mode at level L holds at most 2953 bytes, fewer than the buffer.
  if (data.size() > sizeof temp) {
    return too_long();
  }
  std::memcpy(temp, data.data(), data.size());
  const bool ok = qrcodegen_encodeBinary(temp, data.size(), qrcode, qrcodegen_Ecc_MEDIUM,
                                         qrcodegen_VERSION_MIN, qrcodegen_VERSION_MAX,
                                         qrcodegen_Mask_AUTO, /*boostEcl=*/false);
  if (!ok) {
    return too_long();
  }
  const int size = qrcodegen_getSize(qrcode);
  std::vector<uint8_t> modules(static_cast<size_t>(size) * static_cast<size_t>(size));
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      modules[static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)] =
          qrcodegen_getModule(qrcode, x, y) ? 1 : 0;
    }
  }
  return QrMatrix(size, std::move(modules));
}

std::string qr_svg_path(const QrMatrix& matrix, int quiet_zone) {
  if (!is_well_formed(matrix)) {
    return {};
  }
  const int qz = clamp_quiet_zone(quiet_zone);
  const int n = matrix.size();

  // Each row's dark runs become rectangles; a run with the same start and
  // width as one ending on the row above extends that rectangle downwards
  // instead of starting a new one (finder patterns and timing columns shrink
  // a lot this way).
  struct Rect {
    int x, y, w, h;
  };
  std::vector<Rect> rects;
  // open_at[x]: index into rects of a rectangle starting at column x whose
  // bottom is the previous row, or -1.
  std::vector<int> open_at(static_cast<size_t>(n), -1);
  std::vector<int> next_open(static_cast<size_t>(n), -1);
  for (int y = 0; y < n; ++y) {
    std::fill(next_open.begin(), next_open.end(), -1);
    int x = 0;
    while (x < n) {
      if (!matrix.at(x, y)) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < n && matrix.at(x, y)) {
        ++x;
      }
      const int w = x - start;
      const int prev = open_at[static_cast<size_t>(start)];
      if (prev >= 0 && rects[static_cast<size_t>(prev)].w == w) {
        rects[static_cast<size_t>(prev)].h += 1;
        next_open[static_cast<size_t>(start)] = prev;
      } else {
        rects.push_back({start, y, w, 1});
        next_open[static_cast<size_t>(start)] = static_cast<int>(rects.size() - 1);
      }
    }
    open_at.swap(next_open);
  }

  std::string out;
  out.reserve(rects.size() * 20);
  for (const Rect& r : rects) {
    out += 'M';
    append_decimal(out, r.x + qz);
    out += ',';
    append_decimal(out, r.y + qz);
    out += 'h';
    append_decimal(out, r.w);
    out += 'v';
    append_decimal(out, r.h);
    out += "h-";
    append_decimal(out, r.w);
    out += 'z';
  }
  return out;
}

std::string qr_svg_document(const QrMatrix& matrix, int quiet_zone) {
  const int qz = clamp_quiet_zone(quiet_zone);
  const int side = (is_well_formed(matrix) ? matrix.size() : 0) + 2 * qz;
  const std::string n = decimal(side);
  std::string out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
      "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>";
  const std::string path = qr_svg_path(matrix, qz);
  if (!path.empty()) {
    out += "<path d=\"" + path + "\" fill=\"#000\"/>";
  }
  out += "</svg>";
  return out;
}

}  // namespace setupflow
