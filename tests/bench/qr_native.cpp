// bench_qr_native: the core's QR (encode_qr + qr_svg_document) natively, for
// the same inputs as the browser QR benchmark; tells the algorithm's cost
// apart from the wasm's. Prints one JSON object: {"<label>": ops_per_second}.
//
//   bench_qr_native MS LABEL TEXT [LABEL TEXT ...]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "setupflow/qr.hpp"

namespace {

double measure(const std::string& text, double ms) {
  using Clock = std::chrono::steady_clock;
  size_t sink = 0;
  auto run = [&](double limit_ms) {
    long n = 0;
    const auto t0 = Clock::now();
    double elapsed = 0;
    while (elapsed < limit_ms) {
      for (int i = 0; i < 4; ++i) {
        const auto m = setupflow::encode_qr(text);
        sink += m ? setupflow::qr_svg_document(*m).size() : 0;
      }
      n += 4;
      elapsed = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }
    return n * 1000.0 / elapsed;
  };
  run(ms / 5);  // warm-up
  const double rate = run(ms);
  if (sink == 0) std::fprintf(stderr, "bench_qr_native: nothing encoded\n");
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || argc % 2 != 0) {
    std::fprintf(stderr, "usage: bench_qr_native MS LABEL TEXT [LABEL TEXT ...]\n");
    return 2;
  }
  const double ms = std::atof(argv[1]) > 0 && std::atof(argv[1]) <= 60000 ? std::atof(argv[1]) : 1000;
  std::printf("{");
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string label = argv[i];
    for (char& c : label)
      if (c == '"' || c == '\\') c = '_';
    std::printf("%s\"%s\":%.1f", i == 2 ? "" : ",", label.c_str(), measure(argv[i + 1], ms));
  }
  std::printf("}\n");
  return 0;
}
