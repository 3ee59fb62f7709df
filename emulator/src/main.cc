// awsim: a strict local AWS emulator. `awsim serve [options]` prints its endpoint URL as the
// first line of stdout, then serves until killed.
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "server.h"

namespace {

// The accepted socket whose client is at `remote_port` (httplib does not hand handlers their
// socket; loopback clients are told apart by their port). -1 when there is none.
int SocketOf(int remote_port) {
  for (int fd = 3; fd < 65536 && remote_port > 0; ++fd) {
    sockaddr_storage peer{};
    socklen_t len = sizeof(peer);
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &len) != 0) {
      if (errno == EBADF && fd > 4096) break;
      continue;
    }
    int port = -1;
    if (peer.ss_family == AF_INET) port = ntohs(reinterpret_cast<sockaddr_in*>(&peer)->sin_port);
    if (peer.ss_family == AF_INET6) port = ntohs(reinterpret_cast<sockaddr_in6*>(&peer)->sin6_port);
    if (port == remote_port) return fd;
  }
  return -1;
}

// True when the client has closed its side: nothing more to read and end of stream.
bool PeerClosed(int remote_port) {
  int fd = SocketOf(remote_port);
  if (fd < 0) return true;
  char byte;
  ssize_t n = recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

// Resets the connection (RST, not FIN): a TCP socket disconnected by connect(AF_UNSPEC) with
// a zero linger. The socket stays open for httplib, whose write of the answer then fails.
void ResetConnection(int remote_port) {
  int fd = SocketOf(remote_port);
  if (fd < 0) return;
  linger l{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
  sockaddr unspec{};
  unspec.sa_family = AF_UNSPEC;
  connect(fd, &unspec, sizeof(unspec));
}

// Set by Reply for the gate's nth mutating call; the logger (which httplib calls once the
// answer is written) tells the gate it has been answered.
thread_local bool t_kill_point = false;

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
  int port = in.remote_port;
  out.peer_closed = [port] { return PeerClosed(port); };
  return out;
}

void Reply(const awsim::Response& r, const httplib::Request& req, httplib::Response& res) {
  // A slow answer: held, unless the client gave up first.
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(r.delay_ms);
  while (r.delay_ms > 0 && std::chrono::steady_clock::now() < until && !PeerClosed(req.remote_port))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  t_kill_point = r.kill_point;
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  if (r.delivery == awsim::Delivery::kReset ||
      (r.delivery == awsim::Delivery::kTruncated && r.body.size() < 2)) {
    ResetConnection(req.remote_port);
    res.set_content(r.body, r.content_type);
  } else if (r.delivery == awsim::Delivery::kTruncated) {
    // Content-Length promises the whole body; half of it is written, then the provider fails
    // and httplib closes the connection.
    auto body = std::make_shared<std::string>(r.body);
    res.set_content_provider(body->size(), r.content_type,
                             [body](size_t offset, size_t, httplib::DataSink& sink) {
                               if (offset > 0) return false;
                               sink.write(body->data(), body->size() / 2);
                               return true;
                             });
  } else {
    res.set_content(r.body, r.content_type);
  }
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
  std::vector<std::string> fault_specs;
  serve->add_option("--fault", fault_specs,
                    "A wire fault rule kind[:match[:nth[:times[:delay_ms]]]] (repeatable), e.g. "
                    "reset_after:CreateVpc, truncated:mutating:5, slow:*:3:1:20000, "
                    "expired_token:*:40:0");
  CLI11_PARSE(app, argc, argv);
  for (const auto& spec : fault_specs) {
    try {
      o.fault_rules.push_back(awsim::ParseFaultRule(spec));
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "awsim: --fault: %s\n", e.what());
      return 2;
    }
  }
  // A reset or truncated connection makes later writes fail: an error, not a signal.
  std::signal(SIGPIPE, SIG_IGN);

  awsim::Emulator emulator(o);
  httplib::Server server;
  int threads = std::max(1, o.threads);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(64 * 1024 * 1024);
  auto handler = [&emulator](const httplib::Request& req, httplib::Response& res) {
    Reply(emulator.Handle(Convert(req)), req, res);
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
    Reply(emulator.Handle(request), req, res);
  };
  server.set_logger([&emulator](const httplib::Request&, const httplib::Response&) {
    if (t_kill_point) emulator.faults().Answered();
    t_kill_point = false;
  });
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
