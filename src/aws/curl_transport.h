// CurlTransport: the real HttpTransport, on libcurl. Easy handles are pooled and reused so
// keep-alive connections survive between calls; a CURLSH shares the DNS cache, TLS sessions
// and the connection cache between handles. Connection failures, resets and timeouts come back
// as Status::Transient carrying curl's error text.
// Thread safety: Send may be called from any number of threads at once.
#pragma once

#include <chrono>
#include <memory>

#include "aws/http.h"

namespace tectonic::aws {

struct CurlTransportOptions {
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{120000};  // whole request, 0 = none
};

class CurlTransport : public HttpTransport {
 public:
  explicit CurlTransport(CurlTransportOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  struct Pool;
  CurlTransportOptions options_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace tectonic::aws
