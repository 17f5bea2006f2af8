// httpload: a small keep-alive HTTP/1.1 load generator for loopback benchmarks.
//
// Plain blocking sockets, one thread per connection, so the generator itself
// costs as little CPU as possible (the server under test shares the machine).
// Every latency is recorded; the run is bounded both by a request count and by
// wall time. It only ever connects to 127.0.0.1.
//
//   bench_httpload --port 8080 [--connections 8] [--requests 20000]
//                  [--duration 10] [--warmup 0.5] [--script FILE] [--once]
//                  [--get PATH] [--post PATH BODY] [-H 'Name: value']
//                  [--label NAME] [--json FILE]
//
// Script file: one request per line, tab-separated:
//   METHOD <TAB> PATH <TAB> BODY <TAB> Header: value <TAB> ...
// (BODY may be empty). Connections take entries from one shared cursor, in
// order; with --once the run also ends when the script is used up (each entry
// is sent at most once: e.g. one confirm per intent), else it wraps around.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Entry {
  std::string method;
  std::string wire;  // the full request bytes
};

struct Options {
  int port = 0;
  int connections = 8;
  long long max_requests = 20000;
  double duration_s = 10;
  double warmup_s = 0;
  bool once = false;
  std::string script;
  std::string label = "run";
  std::string json_path;
  std::vector<std::string> headers;
  std::vector<std::array<std::string, 3>> inline_requests;  // method, path, body
};

struct Sample {
  uint32_t micros;
  uint8_t method;  // 0 GET, 1 POST, 2 other
};

struct WorkerResult {
  std::vector<Sample> samples;
  std::map<int, long long> statuses;  // non-2xx statuses
  long long transport_errors = 0;
  long long reconnects = 0;
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr, "httpload: %s\n(see the comment at the top of httpload.cpp)\n", why);
  std::exit(2);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(sep, i);
    out.push_back(s.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) return out;
    i = j + 1;
  }
}

Entry make_entry(const Options& o, const std::string& method, const std::string& path,
                 const std::string& body, const std::vector<std::string>& extra) {
  if (path.empty() || path[0] != '/') usage("paths must start with '/'");
  std::string w = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(o.port) +
                  "\r\nConnection: keep-alive\r\n";
  for (const auto& h : o.headers) w += h + "\r\n";
  for (const auto& h : extra) w += h + "\r\n";
  if (method != "GET" || !body.empty()) {
    bool has_type = false;
    for (const auto& h : extra)
      has_type = has_type || strncasecmp(h.c_str(), "content-type:", 13) == 0;
    for (const auto& h : o.headers)
      has_type = has_type || strncasecmp(h.c_str(), "content-type:", 13) == 0;
    if (!has_type) w += "Content-Type: application/x-www-form-urlencoded\r\n";
    w += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  w += "\r\n" + body;
  return {method, w};
}

std::vector<Entry> load_entries(const Options& o) {
  std::vector<Entry> entries;
  for (const auto& r : o.inline_requests) entries.push_back(make_entry(o, r[0], r[1], r[2], {}));
  if (!o.script.empty()) {
    std::ifstream in(o.script);
    if (!in) usage("cannot read the script file");
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      auto f = split(line, '\t');
      if (f.size() < 2) usage("script lines need at least METHOD<TAB>PATH");
      std::vector<std::string> extra(f.begin() + std::min<size_t>(3, f.size()), f.end());
      entries.push_back(make_entry(o, f[0], f[1], f.size() > 2 ? f[2] : "", extra));
    }
  }
  if (entries.empty()) usage("no requests: give --script, --get or --post");
  return entries;
}

int connect_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(uint16_t(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval tv{5, 0};  // a stuck server cannot hold a worker past its deadline for long
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += size_t(n);
  }
  return true;
}

// Reads one response on a keep-alive connection. Returns the status (0 on a
// transport error) and whether the server asked to close.
struct Reader {
  int fd;
  std::string buf;

  bool fill() {
    char tmp[16384];
    ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf.append(tmp, size_t(n));
    return true;
  }

  int read_response(bool& close_after) {
    size_t head_end;
    while ((head_end = buf.find("\r\n\r\n")) == std::string::npos) {
      if (buf.size() > (1 << 20) || !fill()) return 0;
    }
    std::string head = buf.substr(0, head_end);
    buf.erase(0, head_end + 4);
    if (head.size() < 12 || head.compare(0, 5, "HTTP/") != 0) return 0;
    int status = std::atoi(head.c_str() + 9);
    long long length = -1;
    bool chunked = false;
    close_after = head.compare(0, 8, "HTTP/1.0") == 0;
    for (const auto& line : split(head, '\n')) {
      std::string l = line;
      if (!l.empty() && l.back() == '\r') l.pop_back();
      std::string lower = l;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      if (lower.rfind("content-length:", 0) == 0) length = std::atoll(l.c_str() + 15);
      if (lower.rfind("transfer-encoding:", 0) == 0 && lower.find("chunked") != std::string::npos)
        chunked = true;
      if (lower.rfind("connection:", 0) == 0 && lower.find("close") != std::string::npos)
        close_after = true;
    }
    if (chunked) {
      while (true) {
        size_t eol;
        while ((eol = buf.find("\r\n")) == std::string::npos)
          if (!fill()) return 0;
        long long size = std::strtoll(buf.c_str(), nullptr, 16);
        buf.erase(0, eol + 2);
        while (buf.size() < size_t(size) + 2)
          if (!fill()) return 0;
        buf.erase(0, size_t(size) + 2);
        if (size == 0) return status;  // no trailers expected from these servers
      }
    }
    if (length < 0) {  // body runs to the end of the connection
      while (fill()) {
      }
      buf.clear();
      close_after = true;
      return status;
    }
    while (buf.size() < size_t(length))
      if (!fill()) return 0;
    buf.erase(0, size_t(length));
    return status;
  }
};

struct Shared {
  const std::vector<Entry>* entries;
  const Options* opts;
  std::atomic<long long> cursor{0};
  std::atomic<long long> issued{0};
  Clock::time_point record_from;
  Clock::time_point deadline;
};

void worker(Shared& s, WorkerResult& out) {
  const auto& entries = *s.entries;
  int fd = -1;
  Reader reader{-1, {}};
  while (Clock::now() < s.deadline) {
    long long i = s.cursor.fetch_add(1);
    if (s.opts->once && i >= (long long)entries.size()) break;
    const Entry& e = entries[size_t(i % (long long)entries.size())];
    bool recording = Clock::now() >= s.record_from;
    if (recording && s.issued.fetch_add(1) >= s.opts->max_requests) break;
    if (fd < 0) {
      fd = connect_loopback(s.opts->port);
      if (fd < 0) {
        if (recording) out.transport_errors++;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      reader = Reader{fd, {}};
      out.reconnects++;
    }
    auto t0 = Clock::now();
    bool close_after = false;
    int status = send_all(fd, e.wire) ? reader.read_response(close_after) : 0;
    auto t1 = Clock::now();
    if (status == 0 || close_after) {
      ::close(fd);
      fd = -1;
    }
    if (!recording) continue;
    if (status == 0) {
      out.transport_errors++;
      continue;
    }
    if (status < 200 || status > 299) out.statuses[status]++;
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(t1 - t0).count();
    uint8_t m = e.method == "GET" ? 0 : e.method == "POST" ? 1 : 2;
    out.samples.push_back({uint32_t(std::min<long long>(us, UINT32_MAX)), m});
  }
  if (fd >= 0) ::close(fd);
}

double pct(const std::vector<uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t idx = size_t(p / 100.0 * double(sorted.size() - 1) + 0.5);
  return sorted[std::min(idx, sorted.size() - 1)] / 1000.0;
}

struct Stats {
  size_t n = 0;
  double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
};

Stats stats_of(std::vector<uint32_t> v) {
  Stats s;
  s.n = v.size();
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (auto x : v) sum += x;
  s.mean = sum / double(v.size()) / 1000.0;
  s.p50 = pct(v, 50), s.p90 = pct(v, 90), s.p99 = pct(v, 99), s.max = v.back() / 1000.0;
  return s;
}

std::string stats_json(const Stats& s) {
  char b[256];
  std::snprintf(b, sizeof b,
                "{\"count\":%zu,\"mean_ms\":%.3f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,"
                "\"max_ms\":%.3f}",
                s.n, s.mean, s.p50, s.p90, s.p99, s.max);
  return b;
}

Options parse(int argc, char** argv) {
  Options o;
  auto need = [&](int& i, int n) {
    if (i + n >= argc) usage((std::string("missing value for ") + argv[i]).c_str());
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--port")
      need(i, 1), o.port = std::atoi(argv[++i]);
    else if (a == "--host") {
      need(i, 1);
      if (std::string(argv[++i]) != "127.0.0.1") usage("only 127.0.0.1 is allowed");
    } else if (a == "--connections" || a == "-c")
      need(i, 1), o.connections = std::atoi(argv[++i]);
    else if (a == "--requests" || a == "-n")
      need(i, 1), o.max_requests = std::atoll(argv[++i]);
    else if (a == "--duration" || a == "-d")
      need(i, 1), o.duration_s = std::atof(argv[++i]);
    else if (a == "--warmup")
      need(i, 1), o.warmup_s = std::atof(argv[++i]);
    else if (a == "--script")
      need(i, 1), o.script = argv[++i];
    else if (a == "--once")
      o.once = true;
    else if (a == "--label")
      need(i, 1), o.label = argv[++i];
    else if (a == "--json")
      need(i, 1), o.json_path = argv[++i];
    else if (a == "-H")
      need(i, 1), o.headers.push_back(argv[++i]);
    else if (a == "--get")
      need(i, 1), o.inline_requests.push_back({"GET", argv[i + 1], ""}), ++i;
    else if (a == "--post")
      need(i, 2), o.inline_requests.push_back({"POST", argv[i + 1], argv[i + 2]}), i += 2;
    else
      usage(("unknown argument " + a).c_str());
  }
  if (o.port <= 0 || o.port > 65535) usage("--port is required (1..65535)");
  // Hard bounds, whatever is asked: a benchmark must always end.
  o.connections = std::clamp(o.connections, 1, 256);
  o.max_requests = std::clamp<long long>(o.max_requests, 1, 10'000'000);
  o.duration_s = std::clamp(o.duration_s, 0.1, 300.0);
  o.warmup_s = std::clamp(o.warmup_s, 0.0, 30.0);
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  std::vector<Entry> entries = load_entries(o);

  Shared shared;
  shared.entries = &entries;
  shared.opts = &o;
  auto start = Clock::now();
  shared.record_from = start + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(o.warmup_s));
  shared.deadline = shared.record_from + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(o.duration_s));

  std::vector<WorkerResult> results(size_t(o.connections));
  std::vector<std::thread> threads;
  for (int i = 0; i < o.connections; ++i)
    threads.emplace_back(worker, std::ref(shared), std::ref(results[size_t(i)]));
  for (auto& t : threads) t.join();
  auto end = Clock::now();
  double elapsed = std::chrono::duration<double>(end - std::max(start, shared.record_from)).count();
  if (end < shared.record_from) elapsed = 0;

  std::vector<uint32_t> all, by_method[3];
  std::map<int, long long> statuses;
  long long transport = 0, reconnects = 0;
  for (auto& r : results) {
    for (auto s : r.samples) all.push_back(s.micros), by_method[s.method].push_back(s.micros);
    for (auto [k, v] : r.statuses) statuses[k] += v;
    transport += r.transport_errors;
    reconnects += r.reconnects;
  }
  long long http_errors = 0;
  for (auto [k, v] : statuses) http_errors += v;
  Stats total = stats_of(all);
  double rps = elapsed > 0 ? double(total.n) / elapsed : 0;

  std::printf("%s: %zu responses in %.2f s over %d connections: %.0f req/s\n", o.label.c_str(),
              total.n, elapsed, o.connections, rps);
  std::printf("  %-8s %8s %9s %9s %9s %9s\n", "", "count", "p50 ms", "p90 ms", "p99 ms", "max ms");
  const char* names[3] = {"GET", "POST", "other"};
  auto row = [](const char* name, const Stats& s) {
    std::printf("  %-8s %8zu %9.3f %9.3f %9.3f %9.3f\n", name, s.n, s.p50, s.p90, s.p99, s.max);
  };
  row("all", total);
  Stats per[3];
  for (int m = 0; m < 3; ++m) {
    per[m] = stats_of(by_method[m]);
    if (per[m].n && per[m].n != total.n) row(names[m], per[m]);
  }
  std::printf("  errors: %lld transport, %lld non-2xx", transport, http_errors);
  for (auto [k, v] : statuses) std::printf(" [%d x%lld]", k, v);
  std::printf("; connections opened: %lld\n", reconnects);

  if (!o.json_path.empty()) {
    std::ofstream j(o.json_path);
    j << "{\"label\":\"" << o.label << "\",\"connections\":" << o.connections
      << ",\"elapsed_s\":" << elapsed << ",\"requests_per_second\":" << rps
      << ",\"transport_errors\":" << transport << ",\"http_errors\":" << http_errors
      << ",\"connections_opened\":" << reconnects << ",\"statuses\":{";
    bool first = true;
    for (auto [k, v] : statuses) j << (first ? "" : ",") << "\"" << k << "\":" << v, first = false;
    j << "},\"all\":" << stats_json(total);
    for (int m = 0; m < 3; ++m)
      if (per[m].n) j << ",\"" << names[m] << "\":" << stats_json(per[m]);
    j << "}\n";
  }
  return total.n > 0 ? 0 : 1;
}
