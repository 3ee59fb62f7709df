// An awsim (our emulator, build dir bin/awsim) on a free loopback port for the life of the
// object: `awsim serve --port 0 <flags>`, its URL read from the first line it prints.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace tectonic::testing {

class AwsimProcess {
 public:
  // Starts awsim and waits (with a deadline) for its URL line; throws when it never comes.
  explicit AwsimProcess(const std::vector<std::string>& flags = {});
  const std::string& url() const { return url_; }  // http://127.0.0.1:PORT
  int port() const { return port_; }
  // A scratch directory that lives as long as the process (its log is awsim.log there).
  const std::string& dir() const { return dir_->path(); }
  // An admin API call (`/_awsim/<what>`); returns the JSON answer, or {"error": ...}.
  nlohmann::json Admin(const std::string& method, const std::string& what,
                       const nlohmann::json& body = nlohmann::json::object());

 private:
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<BackgroundProcess> process_;
  std::string url_;
  int port_ = 0;
};

}  // namespace tectonic::testing
