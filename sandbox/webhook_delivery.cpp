// Webhook delivery: at-least-once from the durable queue. A delivery leaves
// the queue only after the endpoint answered 2xx; a crash before that means
// it is sent again after restart.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

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

// One endpoint's due deliveries, in order, on a thread of its own; `done`
// tells the dispatcher it can be joined.
struct Worker {
  std::string endpoint_id;
  std::shared_ptr<std::atomic<bool>> done = std::make_shared<std::atomic<bool>>(false);
  std::thread thread;
};

void deliver_all(Sandbox& sandbox, std::vector<WebhookJob> jobs, const std::atomic<bool>& stop) {
  for (const auto& job : jobs) {
    if (stop.load()) return;
    bool ok = deliver(job);
    try {
      sandbox.webhook_result(job, ok, now_ms());
    } catch (const std::exception&) {
    }
  }
}

// Joins the workers that finished; returns the endpoints still busy.
std::vector<std::string> reap(std::vector<Worker>& workers) {
  std::vector<std::string> busy;
  for (auto it = workers.begin(); it != workers.end();) {
    if (it->done->load()) {
      it->thread.join();
      it = workers.erase(it);
    } else {
      busy.push_back(it->endpoint_id);
      ++it;
    }
  }
  return busy;
}

}  // namespace

// Each endpoint's deliveries go out in order on one worker, and endpoints do
// not wait for each other: a slow or dead receiver (up to 5 s to connect and
// 10 s to answer per attempt) holds only its own worker. At most kMaxWorkers
// endpoints are served at once.
void run_webhook_delivery(Sandbox& sandbox, const std::atomic<bool>& stop) {
  constexpr size_t kMaxWorkers = 8;
  std::vector<Worker> workers;
  while (!stop.load()) {
    std::vector<std::string> busy = reap(workers);
    std::vector<WebhookJob> jobs;
    if (workers.size() < kMaxWorkers) {
      try {
        jobs = sandbox.take_due_webhooks(now_ms(), 64, busy);
      } catch (const std::exception&) {
        jobs.clear();
      }
    }
    bool started = false;
    while (!jobs.empty() && workers.size() < kMaxWorkers) {
      const std::string endpoint = jobs.front().endpoint_id;
      std::vector<WebhookJob> mine, rest;
      for (auto& job : jobs) (job.endpoint_id == endpoint ? mine : rest).push_back(std::move(job));
      jobs = std::move(rest);
      Worker w;
      w.endpoint_id = endpoint;
      auto done = w.done;
      w.thread = std::thread([&sandbox, &stop, done, mine = std::move(mine)]() mutable {
        deliver_all(sandbox, std::move(mine), stop);
        done->store(true);
      });
      workers.push_back(std::move(w));
      started = true;
    }
    if (!started)
      for (int i = 0; i < 4 && !stop.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (auto& w : workers) w.thread.join();
}

}  // namespace setupflow::sandbox
