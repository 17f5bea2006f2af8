// A QR matrix as a PNG (8-bit greyscale, zlib-compressed): image_url_png.
#pragma once

#include <string>

#include "setupflow/qr.hpp"

namespace setupflow::sandbox {

// `scale` pixels per module (1..32) with a quiet zone of kQrQuietZone
// modules. An empty matrix gives an empty string.
std::string qr_png(const QrMatrix& matrix, int scale = 8);

}  // namespace setupflow::sandbox
