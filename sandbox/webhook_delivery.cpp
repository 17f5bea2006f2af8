// Webhook delivery: at-least-once from the durable queue. A delivery leaves
// the queue only after the endpoint answered 2xx; a crash before that means
// it is sent again after restart.
#include <httplib.h>

#include <chrono>
#include <thread>

#include "setupflow/redirect.hpp"
#include "shell.hpp"
#include "webhook_signing.hpp"

namespace setupflow::sandbox {
namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool deliver(const WebhookJob& job) {
  auto url = parse_url(job.url);
  if (!url.ok()) return false;
  std::string origin = url->scheme + "://" + url->host + (url->port.empty() ? "" : ":" + url->port);
  std::string path = url->path.empty() ? "/" : url->path;
  if (url->has_query) path += "?" + url->query;
  httplib::Client client(origin);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(10, 0);
  client.set_write_timeout(10, 0);
  const int64_t t = now_ms() / 1000;  // real time: receivers check it against their clock
  httplib::Headers headers = {{"Stripe-Signature", stripe_signature(job.secret, t, job.payload)},
                              {"User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks) setupflow-sandbox"}};
  auto res = client.Post(path, headers, job.payload, "application/json; charset=utf-8");
  return res && res->status >= 200 && res->status < 300;
}

}  // namespace

void run_webhook_delivery(Sandbox& sandbox, const std::atomic<bool>& stop) {
  while (!stop.load()) {
    std::vector<WebhookJob> jobs;
    try {
      jobs = sandbox.take_due_webhooks(now_ms(), 32);
    } catch (const std::exception&) {
      jobs.clear();
    }
    for (const auto& job : jobs) {
      if (stop.load()) return;
      bool ok = deliver(job);
      try {
        sandbox.webhook_result(job, ok, now_ms());
      } catch (const std::exception&) {
      }
    }
    if (jobs.empty())
      for (int i = 0; i < 4 && !stop.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace setupflow::sandbox
