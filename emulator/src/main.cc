// awsim: a strict local AWS emulator. `awsim serve [options]` prints its endpoint URL as the
// first line of stdout, then serves until killed.
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>

#include "server.h"

namespace {

awsim::Request Convert(const httplib::Request& in) {
  awsim::Request out;
  out.method = in.method;
  const std::string& target = in.target.empty() ? in.path : in.target;
  size_t q = target.find('?');
  out.path = target.substr(0, q);
  out.raw_query = q == std::string::npos ? "" : target.substr(q + 1);
  for (const auto& [name, value] : in.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // httplib adds these for its own bookkeeping; they were not sent by the client.
    if (lower == "remote_addr" || lower == "remote_port" || lower == "local_addr" ||
        lower == "local_port")
      continue;
    out.headers[lower].push_back(value);
  }
  out.body = in.body;
  out.remote_addr = in.remote_addr;
  return out;
}

void Reply(const awsim::Response& r, httplib::Response& res) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  res.set_content(r.body, r.content_type);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"awsim: a strict local AWS emulator"};
  app.require_subcommand(1);
  awsim::Options o;
  CLI::App* serve = app.add_subcommand("serve", "Serve the emulated AWS API on 127.0.0.1");
  serve->add_option("--port", o.port, "TCP port (0 = pick a free one)");
  serve->add_option("--access-key", o.access_key, "Administrator access key id");
  serve->add_option("--secret-key", o.secret_key, "Administrator secret key");
  serve->add_option("--latency", o.latency, "fast | realistic")
      ->check(CLI::IsMember({"fast", "realistic"}));
  serve->add_option("--time-scale", o.time_scale, "Divide every latency by X")
      ->check(CLI::PositiveNumber);
  serve->add_flag("--throttle", o.throttle, "Enforce per-service token buckets");
  serve->add_option("--error-rate", o.error_rate, "Probability of an injected 500/503")
      ->check(CLI::Range(0.0, 1.0));
  serve->add_option("--consistency-ms", o.consistency_ms,
                    "New ids are NotFound for other calls for M ms");
  serve->add_flag("--enforce-iam", o.enforce_iam, "Refuse calls the caller's policies deny");
  serve->add_option("--seed", o.seed, "Seed for ids and injected faults");
  serve->add_option("--region-default", o.region_default, "Default region");
  serve->add_option("--threads", o.threads, "HTTP worker threads");
  CLI11_PARSE(app, argc, argv);

  awsim::Emulator emulator(o);
  httplib::Server server;
  int threads = std::max(1, o.threads);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(64 * 1024 * 1024);
  auto handler = [&emulator](const httplib::Request& req, httplib::Response& res) {
    Reply(emulator.Handle(Convert(req)), res);
  };
  // Bodies are read through a content reader: httplib's own reading refuses form bodies
  // (every EC2 and Query call) above 8 KiB with 413, where AWS takes policies of 10 KiB+.
  auto with_body = [&emulator](const httplib::Request& req, httplib::Response& res,
                               const httplib::ContentReader& reader) {
    awsim::Request request = Convert(req);
    request.body.clear();
    reader([&request](const char* data, size_t size) {
      request.body.append(data, size);
      return true;
    });
    Reply(emulator.Handle(request), res);
  };
  // HEAD requests reach the Get handler.
  server.Get(".*", handler);
  server.Post(".*", with_body);
  server.Put(".*", with_body);
  server.Delete(".*", handler);
  server.Patch(".*", with_body);
  int port = o.port;
  if (port == 0) {
    port = server.bind_to_any_port("127.0.0.1");
  } else if (!server.bind_to_port("127.0.0.1", port)) {
    port = -1;
  }
  if (port <= 0) {
    std::fprintf(stderr, "awsim: cannot listen on 127.0.0.1:%d\n", o.port);
    return 1;
  }
  std::printf("http://127.0.0.1:%d\n", port);
  std::fflush(stdout);
  server.listen_after_bind();
  return 0;
}
