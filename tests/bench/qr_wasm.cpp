// The setupflow core's QR (src/qr.cpp over qrcodegen) as a wasm module for the
// QR benchmark only: one entry point, text -> the core's complete SVG document
// (qr_svg_document), so it compares with the JS encoders' SVG strings. Built
// by scripts/bench with the package's wasm settings (wasm/CMakeLists.txt:
// qr.cpp and qrcodegen at -O3, the rest -Os, LTO), because the package's
// bindings expose QRs only inside a confirm flow.
#include <emscripten/bind.h>

#include <string>

#include "setupflow/qr.hpp"

namespace {

// An empty string when the text does not fit a QR code at level M.
std::string qr_svg(std::string text) {
  const auto matrix = setupflow::encode_qr(text);
  if (!matrix) return {};
  return setupflow::qr_svg_document(*matrix);
}

}  // namespace

EMSCRIPTEN_BINDINGS(setupflow_bench_qr) { emscripten::function("qrSvg", &qr_svg); }
