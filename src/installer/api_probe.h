// ApiProber: the HTTPS questions the wait asks the cluster's API server (GET /readyz,
// GET /api/v1/nodes), behind an interface so a test can point it at a local TLS server.
// The real one is libcurl: the server must present a certificate for the API host signed by
// the cluster CA (tls/ca.crt), and the client authenticates as the admin (tls/admin.crt/.key).
// Thread safety: one prober per thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "util/result.h"

namespace tectonic::installer {

struct ApiAnswer {
  int status = 0;
  std::string body;
};

class ApiProber {
 public:
  virtual ~ApiProber() = default;
  // GET path ("/readyz"); a TLS, connection or timeout failure is an error (Transient).
  virtual Result<ApiAnswer> Get(const std::string& path) = 0;
};

struct ApiEndpoint {
  std::string host;  // "demo-api.example.com": the name the certificate must carry
  int port = 443;
  // When set, connect to this address instead of resolving host (the name is still the one
  // verified): tests point it at 127.0.0.1.
  std::string connect_address;
  std::filesystem::path ca_file;    // tls/ca.crt
  std::filesystem::path cert_file;  // tls/admin.crt
  std::filesystem::path key_file;   // tls/admin.key
};

std::unique_ptr<ApiProber> MakeCurlApiProber(ApiEndpoint endpoint);

// True when host resolves to an address from this machine (getaddrinfo).
bool HostResolves(const std::string& host);

}  // namespace tectonic::installer
