// setupflow-sandbox: command line, wiring, signals. See sandbox/README.md.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "demo_merchant.hpp"
#include "setupflow/client_secret.hpp"
#include "setupflow/redirect.hpp"
#include "shell.hpp"
#include "sqlite_store.hpp"

using namespace setupflow::sandbox;

namespace {

const char* kUsage =
    "usage: setupflow-sandbox [--port N] [--host ADDR] [--db PATH] [--secret-key sk_test_...]\n"
    "                         [--publishable-key pk_test_...] [--webhook-url URL] [--faults SPEC]\n"
    "                         [--seed N] [--static-dir DIR] [--csp POLICY] [--merchant-name NAME]\n"
    "                         [--public-url URL] [--demo] [--no-extensions]\n"
    "env: PORT, SETUPFLOW_SECRET_KEY, SETUPFLOW_PUBLISHABLE_KEY\n";

std::atomic<bool> g_stop{false};

void on_signal(int) {
  g_stop.store(true);
  stop_http();
}

bool alnum_suffix(const std::string& key, const std::string& prefix) {
  if (key.rfind(prefix, 0) != 0 || key.size() == prefix.size() || key.size() > 200) return false;
  for (size_t i = prefix.size(); i < key.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(key[i]))) return false;
  return true;
}

int fail(const std::string& message) {
  std::cerr << "setupflow-sandbox: " << message << "\n" << kUsage;
  return 2;
}

// Everything the command line and the environment set.
struct Options {
  Config config;
  ShellOptions shell;
  std::string db = ".setupflow/sandbox.db";
  std::string webhook_url;
  bool demo = false;
};

// Reads argv (after the environment) into `o`; an exit status when the
// program must stop (--help, or an invalid option), else nullopt.
std::optional<int> parse_options(int argc, char** argv, Options& o) {
  Config& config = o.config;
  ShellOptions& shell = o.shell;
  std::string faults;
  uint64_t seed = 0;
  if (const char* p = std::getenv("PORT"); p && *p) shell.port = std::atoi(p);
  if (const char* k = std::getenv("SETUPFLOW_SECRET_KEY"); k && *k) config.secret_key = k;
  if (const char* k = std::getenv("SETUPFLOW_PUBLISHABLE_KEY"); k && *k) config.publishable_key = k;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (a == "--demo") {  // the hosted demo's merchant routes under /demo/
      o.demo = true;
      config.reader_screens_framed_by_self = true;
      continue;
    }
    if (a == "--no-extensions") {  // exactly live Stripe's fields (no qr_code.data)
      config.extensions = false;
      continue;
    }
    if (i + 1 >= argc) return fail("missing value for " + a);
    std::string v = argv[++i];
    if (a == "--port") shell.port = std::atoi(v.c_str());
    else if (a == "--host") shell.host = v;
    else if (a == "--db") o.db = v;
    else if (a == "--secret-key") config.secret_key = v;
    else if (a == "--publishable-key") config.publishable_key = v;
    else if (a == "--webhook-url") o.webhook_url = v;
    else if (a == "--faults") faults = v;
    else if (a == "--seed") seed = std::strtoull(v.c_str(), nullptr, 10);
    else if (a == "--static-dir") shell.static_dir = v;
    else if (a == "--csp") shell.content_security_policy = v;
    else if (a == "--merchant-name") config.merchant_name = v;
    else if (a == "--public-url") shell.public_url = v;
    else return fail("unknown option " + a);
  }
  if (shell.port < 0 || shell.port > 65535) return fail("--port must be 0..65535");
  if (!alnum_suffix(config.secret_key, "sk_test_")) return fail("--secret-key must be sk_test_ followed by [A-Za-z0-9]+");
  if (!alnum_suffix(config.publishable_key, "pk_test_") ||
      !setupflow::validate_publishable_key(config.publishable_key).ok())
    return fail("--publishable-key must be pk_test_ followed by [A-Za-z0-9]+");
  std::string fault_error;
  auto plan = FaultPlan::parse(faults, seed, &fault_error);
  if (!plan) return fail(fault_error);
  config.faults = std::move(*plan);
  while (!shell.public_url.empty() && shell.public_url.back() == '/') shell.public_url.pop_back();
  if (!shell.public_url.empty()) {
    auto u = setupflow::parse_url(shell.public_url);
    if (!u.ok() || (u->scheme != "http" && u->scheme != "https") || u->host.empty() || !u->path.empty() ||
        u->has_query)
      return fail("--public-url must be an http(s) origin such as https://sandbox.example:8443");
  }
  return std::nullopt;
}

// Opens the database and serves until a signal; the process's exit status.
int serve(Options& o) {
  const Config& config = o.config;
  ShellOptions& shell = o.shell;
  const std::string& db = o.db;
  const std::string& webhook_url = o.webhook_url;
  const bool demo = o.demo;
  if (db != ":memory:") {
    std::error_code ec;
    auto parent = std::filesystem::path(db).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  try {
    SqliteStore store(db);
    SystemEnv env;
    Sandbox sandbox(config, store, env);
    std::string webhook_secret;
    if (!webhook_url.empty()) webhook_secret = sandbox.ensure_webhook_endpoint(webhook_url);
    DemoMerchant merchant(sandbox, [] { return int64_t(std::time(nullptr)); }, db);
    if (demo) {
      merchant.prepare_moto();
      shell.page_cookie = [&merchant](const Request& req) { return merchant.page_cookie(req); };
      shell.extra_routes = [&merchant](const Request& req, Response& res) {
        if (!DemoMerchant::handles(req.path)) return false;
        res = merchant.handle(req);
        return true;
      };
    }
    std::thread delivery([&] { run_webhook_delivery(sandbox, g_stop); });
    std::thread checkpointer([&] { run_checkpointer(db, g_stop); });
    bool ok = run_http(sandbox, shell, [&](int port) {
      std::string host = shell.host.find(':') != std::string::npos ? "[" + shell.host + "]" : shell.host;
      std::printf("listening on http://%s:%d\n", host.c_str(), port);
      std::printf("secret key: %s\n", config.secret_key.c_str());
      std::printf("publishable key: %s\n", config.publishable_key.c_str());
      std::printf("database: %s\n", db.c_str());
      if (!webhook_secret.empty())
        std::printf("webhook signing secret for %s: %s\n", webhook_url.c_str(), webhook_secret.c_str());
      if (demo) {
        // The demo merchant receives its webhooks like any merchant server.
        const std::string local = shell.host == "0.0.0.0" ? "127.0.0.1" : host;
        const std::string base = "http://" + local + ":" + std::to_string(port);
        merchant.set_webhook_secret(sandbox.ensure_webhook_endpoint(base + "/demo/webhooks"));
        std::printf("demo: %s/\n", base.c_str());
      }
      std::fflush(stdout);
    });
    g_stop.store(true);
    delivery.join();
    checkpointer.join();
    if (!ok) {
      std::cerr << "setupflow-sandbox: cannot listen on " << shell.host << ":" << shell.port << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "setupflow-sandbox: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (auto status = parse_options(argc, argv, options)) return *status;
  return serve(options);
}
