#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <atomic>
#include <sstream>
#include <thread>

#include "front_door.hpp"
#include "host_check.hpp"
#include "routing.hpp"
#include "shell.hpp"

namespace setupflow::sandbox {
namespace {

// Atomic rather than mutex-guarded: stop_http() runs in a signal handler.
std::atomic<httplib::Server*> g_server{nullptr};

std::string content_type_for(const std::filesystem::path& p) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},    {".json", "application/json"},
      {".wasm", "application/wasm"},          {".svg", "image/svg+xml"},
      {".png", "image/png"},                  {".ico", "image/x-icon"},
      {".map", "application/json"},           {".txt", "text/plain; charset=utf-8"},
      {".ts", "text/plain; charset=utf-8"},   {".webmanifest", "application/manifest+json"}};
  std::string ext = p.extension().string();
  for (const auto& [e, t] : kTypes)
    if (ext == e) return t;
  return "application/octet-stream";
}

// Serves a file under `root`; false when there is none (or it escapes root).
bool serve_static(const ShellOptions& o, const std::string& url_path, httplib::Response& res) {
  if (o.static_dir.empty() || url_path.find("..") != std::string::npos || url_path.find('\0') != std::string::npos)
    return false;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path root = fs::weakly_canonical(o.static_dir, ec);
  fs::path p = fs::weakly_canonical(root / fs::path(url_path).relative_path(), ec);
  if (ec) return false;
  if (fs::is_directory(p, ec)) p /= "index.html";
  auto rel = p.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return false;
  std::ifstream in(p, std::ios::binary);
  if (!in || !fs::is_regular_file(p, ec)) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  res.status = 200;
  res.set_content(buf.str(), content_type_for(p).c_str());
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (!o.content_security_policy.empty()) res.set_header("Content-Security-Policy", o.content_security_policy);
  return true;
}

}  // namespace

bool run_http(Sandbox& sandbox, const ShellOptions& options, const std::function<void(int)>& on_ready) {
  httplib::Server server;
  server.set_payload_max_length(options.max_body_bytes);
  server.set_keep_alive_max_count(1000);
  // httplib writes headers and body separately; without TCP_NODELAY the
  // second write waits for the peer's delayed ACK (~40 ms on loopback).
  server.set_tcp_nodelay(true);
  server.set_read_timeout(10, 0);

  std::vector<std::string> hosts;  // filled once bound, before the first request
  auto handler = [&sandbox, &options, &hosts](const httplib::Request& hreq, httplib::Response& hres) {
    Request req;
    req.method = hreq.method;
    const std::string& target = hreq.target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.body = hreq.body;
    req.remote_ip = hreq.remote_addr;
    for (const auto& [k, v] : hreq.headers) {
      std::string name = k;
      for (auto& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace(std::move(name), v);
    }
    // Static files only for an allowed Host; everything else (the 421
    // included) is answer_request's.
    if (host_allowed(req.header("host"), hosts) && !is_routed_path(req.path) && req.method == "GET" &&
        serve_static(options, hreq.path, hres)) {
      if (options.page_cookie && hres.get_header_value("Content-Type").rfind("text/html", 0) == 0)
        if (std::string cookie = options.page_cookie(req); !cookie.empty()) hres.set_header("Set-Cookie", cookie);
      return;
    }
    const Response res = answer_request(sandbox, hosts, options.extra_routes, req);
    if (res.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(res.delay_ms));
    hres.status = res.status;
    for (const auto& [k, v] : res.headers) hres.set_header(k, v);
    if (res.drop_connection) {
      // Headers go out, then the body aborts: the client cannot read a
      // response although the change was committed.
      hres.set_chunked_content_provider(res.content_type.empty() ? "text/plain" : res.content_type,
                                        [](size_t, httplib::DataSink&) { return false; });
      return;
    }
    if (!res.content_type.empty() || !res.body.empty())
      hres.set_content(res.body, res.content_type.empty() ? "text/plain" : res.content_type);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Delete(".*", handler);
  server.Options(".*", handler);
  server.Put(".*", handler);
  server.Patch(".*", handler);

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port <= 0) return false;
  } else if (!server.bind_to_port(options.host, port)) {
    return false;
  }
  sandbox.set_public_base_url(options.public_url.empty() ? default_base_url(options.host, port) : options.public_url);
  hosts = allowed_hosts(options.host, port, options.public_url);
  g_server.store(&server);
  on_ready(port);
  bool ok = server.listen_after_bind();
  g_server.store(nullptr);
  return ok;
}

void stop_http() {
  if (httplib::Server* s = g_server.load()) s->stop();
}

}  // namespace setupflow::sandbox
