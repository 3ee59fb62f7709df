// FakeTransport: an HttpTransport for unit tests that records every request and answers from a
// script (one scripted answer per call, the last repeated). Thread safety: locked.
#pragma once

#include <deque>
#include <mutex>
#include <vector>

#include "aws/http.h"

namespace tectonic::aws {

class FakeTransport : public HttpTransport {
 public:
  // An HTTP answer.
  void Then(int status, std::string body, Headers headers = {}) {
    std::lock_guard lock(mu_);
    script_.push_back(HttpResponse{status, std::move(headers), std::move(body)});
  }
  // A connection-level failure.
  void ThenFail(Status status) {
    std::lock_guard lock(mu_);
    script_.push_back(std::move(status));
  }
  Result<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard lock(mu_);
    requests_.push_back(request);
    if (script_.empty()) return Status::Internal("FakeTransport: no scripted answer");
    Result<HttpResponse> next = script_.front();
    if (script_.size() > 1) script_.pop_front();
    return next;
  }
  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  mutable std::mutex mu_;
  std::deque<Result<HttpResponse>> script_;
  std::vector<HttpRequest> requests_;
};

}  // namespace tectonic::aws
