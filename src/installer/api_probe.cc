#include "installer/api_probe.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <sys/socket.h>

namespace tectonic::installer {
namespace {

size_t Append(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

class CurlApiProber : public ApiProber {
 public:
  explicit CurlApiProber(ApiEndpoint endpoint) : endpoint_(std::move(endpoint)) {}

  Result<ApiAnswer> Get(const std::string& path) override {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return Status::Internal("libcurl: curl_easy_init failed");
    std::string url = fmt::format("https://{}:{}{}", endpoint_.host, endpoint_.port, path);
    std::string connect_to = fmt::format("{}:{}:{}:{}", endpoint_.host, endpoint_.port,
                                         endpoint_.connect_address, endpoint_.port);
    curl_slist* connect = nullptr;
    if (!endpoint_.connect_address.empty()) {
      connect = curl_slist_append(nullptr, connect_to.c_str());
    }
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> connect_list(connect,
                                                                             curl_slist_free_all);
    ApiAnswer answer;
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 15000L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_CAINFO, endpoint_.ca_file.c_str());
    curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);  // the cluster CA only, not the system's
    curl_easy_setopt(h, CURLOPT_SSLCERT, endpoint_.cert_file.c_str());
    curl_easy_setopt(h, CURLOPT_SSLKEY, endpoint_.key_file.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    if (connect) curl_easy_setopt(h, CURLOPT_CONNECT_TO, connect);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, Append);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer.body);
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
      return Status::Transient(fmt::format("GET {}: {}", url, curl_easy_strerror(rc)));
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    answer.status = static_cast<int>(status);
    return answer;
  }

 private:
  ApiEndpoint endpoint_;
};

}  // namespace

std::unique_ptr<ApiProber> MakeCurlApiProber(ApiEndpoint endpoint) {
  return std::make_unique<CurlApiProber>(std::move(endpoint));
}

bool HostResolves(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (found) freeaddrinfo(found);
  return rc == 0;
}

}  // namespace tectonic::installer
