// QR codes for the Cash App next action: payload → modules → SVG path.
// Encoding is Nayuki's qrcodegen (C); rendering is ours and knows nothing of
// the DOM.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "setupflow/result.hpp"

namespace setupflow {

// An immutable square of modules; true is dark.
class QrMatrix {
 public:
  QrMatrix() = default;
  QrMatrix(int size, std::vector<uint8_t> modules) : size_(size), modules_(std::move(modules)) {}
  int size() const { return size_; }  // 21..177, or 0 for an empty matrix
  // x, y in [0, size); out-of-range reads are light (false).
  bool at(int x, int y) const {
    return x >= 0 && y >= 0 && x < size_ && y < size_ && modules_[size_t(y) * size_t(size_) + size_t(x)] != 0;
  }
  const std::vector<uint8_t>& modules() const { return modules_; }

 private:
  int size_ = 0;
  std::vector<uint8_t> modules_;
};

// Encodes bytes (UTF-8 text is bytes), always in byte mode, at
// error-correction level M with the smallest version that fits, automatic
// mask. Data over capacity is an invalid_request_error with code
// "qr_data_too_long". Total.
Result<QrMatrix> encode_qr(std::string_view data);

inline constexpr int kQrQuietZone = 4;

// A compact SVG path ("M…h…v…z" runs) of the dark modules, offset by
// `quiet_zone` so it fits a viewBox of (size + 2*quiet_zone) units. Total.
std::string qr_svg_path(const QrMatrix& matrix, int quiet_zone = kQrQuietZone);

// A standalone SVG document (white background, black modules, quiet zone),
// as the sandbox serves for image_url_svg. Total.
std::string qr_svg_document(const QrMatrix& matrix, int quiet_zone = kQrQuietZone);

}  // namespace setupflow
