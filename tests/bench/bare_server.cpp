// bench_bare_server: the ceiling for the sandbox benchmark. A bare cpp-httplib
// server with the sandbox's two browser routes (confirm and retrieve of a
// SetupIntent), each answering a fixed SetupIntent JSON of a realistic size
// with no parsing, no authentication and no storage. Whatever the sandbox
// reaches relative to this is the cost of its own work, on the same machine,
// HTTP library and settings.
//
//   bench_bare_server [--port 0] [--keep-alive-max N] [--threads N]
//                     [--tcp-nodelay 1] [--max-seconds 300]
//
// TCP_NODELAY is on by default: cpp-httplib writes headers and body in two
// sends, and with Nagle's algorithm on, the body waits for the peer's delayed
// ACK (~40 ms on Linux loopback). Pass --tcp-nodelay 0 to see that effect.
//
// Listens on 127.0.0.1 only; prints "listening <port>" once bound; stops on
// SIGINT/SIGTERM or after --max-seconds (bounded even if its parent dies).
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

httplib::Server* g_server = nullptr;
std::atomic<bool> g_stop{false};

void on_signal(int) { g_stop = true; }

// Shaped like the sandbox's client-visible SetupIntent in requires_action.
std::string intent_json(const std::string& id) {
  return R"({"id":")" + id +
         R"(","object":"setup_intent","automatic_payment_methods":null,)"
         R"("cancellation_reason":null,"client_secret":")" +
         id +
         R"(_secret_0123456789abcdefghijklmn",)"
         R"("created":1767225600,"description":null,"last_setup_error":null,"livemode":false,)"
         R"("next_action":{"type":"cashapp_handle_redirect_or_display_qr_code",)"
         R"("cashapp_handle_redirect_or_display_qr_code":{"hosted_instructions_url":)"
         R"("http://127.0.0.1/cashapp/instructions/)" +
         id +
         R"(/tok_0123456789abcdef",)"
         R"("mobile_auth_url":"http://127.0.0.1/cashapp/authorize/tok_0123456789abcdef",)"
         R"("qr_code":{"expires_at":1767225630,"image_url_png":"http://127.0.0.1/cashapp/qr/tok_0123456789abcdef.png",)"
         R"("image_url_svg":"http://127.0.0.1/cashapp/qr/tok_0123456789abcdef.svg",)"
         R"("data":"http://127.0.0.1/cashapp/authorize/tok_0123456789abcdef"}}},)"
         R"("payment_method":null,"payment_method_types":["cashapp"],"status":"requires_action",)"
         R"("usage":"off_session"})";
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  long keep_alive_max = -1;
  int threads = 0;
  bool nodelay = true;
  int max_seconds = 300;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--port")
      port = std::atoi(argv[i + 1]);
    else if (a == "--keep-alive-max")
      keep_alive_max = std::atol(argv[i + 1]);
    else if (a == "--threads")
      threads = std::atoi(argv[i + 1]);
    else if (a == "--tcp-nodelay")
      nodelay = std::atoi(argv[i + 1]) != 0;
    else if (a == "--max-seconds")
      max_seconds = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "bench_bare_server: unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  if (max_seconds < 1 || max_seconds > 3600) max_seconds = 300;

  httplib::Server server;
  g_server = &server;
  server.set_tcp_nodelay(nodelay);
  if (keep_alive_max > 0) server.set_keep_alive_max_count(size_t(keep_alive_max));
  if (threads > 0)
    server.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };

  auto answer = [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("Request-Id", "req_0123456789abcd");
    res.set_content(intent_json(req.matches[1]), "application/json");
  };
  server.Post(R"(/v1/setup_intents/([A-Za-z0-9_]+)/confirm)", answer);
  server.Get(R"(/v1/setup_intents/([A-Za-z0-9_]+))", answer);

  int bound = port > 0 ? (server.bind_to_port("127.0.0.1", port) ? port : -1)
                       : server.bind_to_any_port("127.0.0.1");
  if (bound <= 0) {
    std::fprintf(stderr, "bench_bare_server: cannot bind 127.0.0.1:%d\n", port);
    return 1;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::thread watchdog([&] {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(max_seconds);
    while (!g_stop && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    server.stop();
  });
  std::printf("listening %d\n", bound);
  std::fflush(stdout);
  server.listen_after_bind();
  g_stop = true;
  watchdog.join();
  return 0;
}
