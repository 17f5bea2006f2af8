#include "setupflow/qr.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "qrcodegen.h"

namespace setupflow {
namespace {

int version_of(const QrMatrix& m) { return (m.size() - 17) / 4; }

// Reads back a path made only of "M x,y h w v h h -w z" rectangles (the format
// qr_svg_path promises), painting a grid of side `side`. Returns false on any
// other syntax, a rectangle outside the grid, or a module painted twice.
bool paint_path(const std::string& d, int side, std::vector<int>& grid) {
  grid.assign(static_cast<size_t>(side) * side, 0);
  size_t i = 0;
  auto number = [&](int& out) {
    bool neg = false;
    if (i < d.size() && d[i] == '-') {
      neg = true;
      ++i;
    }
    if (i >= d.size() || !std::isdigit(static_cast<unsigned char>(d[i]))) return false;
    long v = 0;
    while (i < d.size() && std::isdigit(static_cast<unsigned char>(d[i]))) {
      v = v * 10 + (d[i++] - '0');
      if (v > 100000) return false;
    }
    out = static_cast<int>(neg ? -v : v);
    return true;
  };
  auto expect = [&](char c) {
    if (i >= d.size() || d[i] != c) return false;
    ++i;
    return true;
  };
  while (i < d.size()) {
    int x, y, w, h, back;
    if (!expect('M') || !number(x) || !expect(',') || !number(y) || !expect('h') || !number(w) ||
        !expect('v') || !number(h) || !expect('h') || !number(back) || !expect('z')) {
      return false;
    }
    if (back != -w || w <= 0 || h <= 0) return false;
    if (x < 0 || y < 0 || x + w > side || y + h > side) return false;
    for (int yy = y; yy < y + h; ++yy) {
      for (int xx = x; xx < x + w; ++xx) {
        if (grid[static_cast<size_t>(yy) * side + xx]++) return false;
      }
    }
  }
  return true;
}

void expect_path_matches(const QrMatrix& m, int qz) {
  const int side = m.size() + 2 * qz;
  std::vector<int> grid;
  const std::string d = qr_svg_path(m, qz);
  ASSERT_TRUE(paint_path(d, side, grid)) << d.substr(0, 200);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const bool dark = m.at(x - qz, y - qz);
      ASSERT_EQ(grid[static_cast<size_t>(y) * side + x], dark ? 1 : 0) << x << "," << y;
    }
  }
}

TEST(Qr, VersionsFollowLevelMCapacities) {
  // Byte-mode capacities at level M (ISO/IEC 18004 table 7): v1 14, v2 26,
  // v3 42, v4 62, v5 84, v6 106, v40 2331. Lower-case URLs are byte mode.
  const std::string url97 =
      "https://pay.sandbox.example/cashapp/authorize?session=" + std::string(97 - 54, 'a');
  ASSERT_EQ(url97.size(), 97u);
  const struct {
    std::string data;
    int version;
  } cases[] = {
      {url97, 6},
      {std::string(14, 'a'), 1},
      {std::string(15, 'a'), 2},
      {std::string(84, 'a'), 5},
      {std::string(85, 'a'), 6},
      {std::string(2331, 'a'), 40},
      // Always byte mode, also for digits and upper-case text (src/qr.cpp).
      {std::string(14, '7'), 1},
      {std::string(15, '7'), 2},
      {"HTTPS://X.EXAMPLE/ABC", 2},  // 21 bytes
      {"HTTPS://X.EX", 1},           // 12
      {"", 1},
      // Non-ASCII goes through byte mode: 7 two-byte characters = 14 bytes.
      {"ééééééé", 1},
      {"éééééééa", 2},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.data.substr(0, 40) + " (" + std::to_string(c.data.size()) + ")");
    auto r = encode_qr(c.data);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(version_of(r.value()), c.version);
    EXPECT_EQ(r->size(), 17 + 4 * c.version);
    EXPECT_EQ(r->modules().size(), static_cast<size_t>(r->size() * r->size()));
  }
}

TEST(Qr, TooLongIsATypedError) {
  const std::string cases[] = {
      std::string(2332, 'a'),     // byte mode
      std::string(2332, '\xff'),  // binary
      std::string(2332, '1'),     // digits too: byte mode
      std::string(100000, 'a'),
  };
  for (const auto& data : cases) {
    auto r = encode_qr(data);
    ASSERT_FALSE(r.ok()) << data.size();
    EXPECT_EQ(r.error().type, ErrorType::invalid_request_error);
    EXPECT_EQ(r.error().code, "qr_data_too_long");
  }
  EXPECT_TRUE(encode_qr(std::string(2331, '1')).ok());
}

TEST(Qr, ModulesMatchQrcodegenBinary) {
  // Every payload is byte mode, text or not.
  const std::string payloads[] = {"https://cash.app/authorize?token=abc123",
                                  "0123456789",
                                  "HELLO WORLD",
                                  "a",
                                  std::string("a\0b", 3),
                                  "caf\xc3\xa9 \xf0\x9f\x98\x80",
                                  std::string("\x00\xff\x80", 3)};
  for (const auto& p : payloads) {
    uint8_t qr[qrcodegen_BUFFER_LEN_MAX], buf[qrcodegen_BUFFER_LEN_MAX];
    std::memcpy(buf, p.data(), p.size());
    ASSERT_TRUE(qrcodegen_encodeBinary(buf, p.size(), qr, qrcodegen_Ecc_MEDIUM, 1, 40,
                                       qrcodegen_Mask_AUTO, false));
    auto r = encode_qr(p);
    ASSERT_TRUE(r.ok());
    const int size = qrcodegen_getSize(qr);
    ASSERT_EQ(r->size(), size);
    for (int y = 0; y < size; ++y) {
      for (int x = 0; x < size; ++x) {
        ASSERT_EQ(r->at(x, y), qrcodegen_getModule(qr, x, y));
      }
    }
  }
}

TEST(Qr, FinderPatternsAreWhereTheyBelong) {
  auto r = encode_qr("https://example.com/");
  ASSERT_TRUE(r.ok());
  const QrMatrix& m = r.value();
  const int n = m.size();
  // Top-left, top-right, bottom-left 7x7 finders: dark ring, light ring, dark 3x3.
  for (auto [ox, oy] : {std::pair{0, 0}, std::pair{n - 7, 0}, std::pair{0, n - 7}}) {
    for (int y = 0; y < 7; ++y) {
      for (int x = 0; x < 7; ++x) {
        const int ring = std::max(std::abs(x - 3), std::abs(y - 3));
        EXPECT_EQ(m.at(ox + x, oy + y), ring != 2) << ox + x << "," << oy + y;
      }
    }
  }
  EXPECT_FALSE(m.at(-1, 0));
  EXPECT_FALSE(m.at(n, 0));
  EXPECT_FALSE(m.at(0, n));
}

TEST(QrSvg, PathPaintsExactlyTheDarkModules) {
  const char* payloads[] = {"x", "https://cash.app/authorize?token=abc123&session=xyz",
                            "0000000000000000000000"};
  for (const char* p : payloads) {
    auto r = encode_qr(p);
    ASSERT_TRUE(r.ok());
    for (int qz : {0, 1, kQrQuietZone}) {
      SCOPED_TRACE(std::string(p) + " qz=" + std::to_string(qz));
      expect_path_matches(r.value(), qz);
    }
  }
  auto big = encode_qr(std::string(2000, 'q'));
  ASSERT_TRUE(big.ok());
  expect_path_matches(big.value(), kQrQuietZone);
}

TEST(QrSvg, PathMergesRunsAndIsCompact) {
  auto r = encode_qr("https://cash.app/authorize?token=abc123&session=xyz");
  ASSERT_TRUE(r.ok());
  const std::string d = qr_svg_path(r.value());
  size_t runs = 0, dark = 0;
  for (int y = 0; y < r->size(); ++y) {
    for (int x = 0; x < r->size(); ++x) {
      if (r->at(x, y)) {
        ++dark;
        if (!r->at(x - 1, y)) ++runs;
      }
    }
  }
  const size_t rects = static_cast<size_t>(std::count(d.begin(), d.end(), 'M'));
  EXPECT_LT(rects, runs);  // vertical merging happened (finder columns at least)
  EXPECT_LT(d.size(), dark * 8);
  // The first rectangle is the top-left finder's top edge, 7 wide, offset by 4.
  EXPECT_EQ(d.substr(0, 11), "M4,4h7v1h-7");
}

TEST(QrSvg, HandBuiltMatrices) {
  // 2x2 checker: no merging possible, each dark module its own rectangle.
  QrMatrix checker(2, {1, 0, 0, 1});
  EXPECT_EQ(qr_svg_path(checker, 0), "M0,0h1v1h-1zM1,1h1v1h-1z");
  QrMatrix column(3, {1, 0, 0, 1, 0, 0, 1, 1, 0});
  EXPECT_EQ(qr_svg_path(column, 1), "M1,1h1v2h-1zM1,3h2v1h-2z");
  // Inconsistent or empty matrices render nothing rather than reading out of bounds.
  EXPECT_EQ(qr_svg_path(QrMatrix(), 4), "");
  EXPECT_EQ(qr_svg_path(QrMatrix(5, {1, 1}), 4), "");
  EXPECT_EQ(qr_svg_path(QrMatrix(-3, {}), 4), "");
  // Negative quiet zones are treated as none.
  EXPECT_EQ(qr_svg_path(checker, -5), qr_svg_path(checker, 0));
}

TEST(QrSvg, Document) {
  QrMatrix checker(2, {1, 0, 0, 1});
  EXPECT_EQ(qr_svg_document(checker, 4),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" "
            "shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
            "<path d=\"M4,4h1v1h-1zM5,5h1v1h-1z\" fill=\"#000\"/></svg>");
  auto r = encode_qr("https://example.com/");
  ASSERT_TRUE(r.ok());
  const std::string doc = qr_svg_document(r.value());
  const std::string n = std::to_string(r->size() + 2 * kQrQuietZone);
  EXPECT_NE(doc.find("viewBox=\"0 0 " + n + " " + n + "\""), std::string::npos);
  EXPECT_NE(doc.find("d=\"" + qr_svg_path(r.value()) + "\""), std::string::npos);
}

}  // namespace
}  // namespace setupflow
