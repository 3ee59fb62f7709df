#include "tests/support/awsim_process.h"

#include <httplib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace tectonic::testing {

AwsimProcess::AwsimProcess(const std::vector<std::string>& flags) {
  dir_ = std::make_unique<TempDir>("awsim");
  std::vector<std::string> argv = {TECTONIC_BINARY_DIR "/bin/awsim", "serve", "--port", "0"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  std::string log = dir_->path() + "/awsim.log";
  process_ = std::make_unique<BackgroundProcess>(argv, ProcessOptions{}, log);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (url_.empty() && std::chrono::steady_clock::now() < deadline && process_->Running()) {
    std::ifstream in(log);
    std::string line;
    if (std::getline(in, line) && line.rfind("http://", 0) == 0 && in.good()) {
      url_ = line;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling the log file
    }
  }
  if (url_.empty()) {
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    throw std::runtime_error("awsim did not print its URL: " + s.str());
  }
  port_ = std::stoi(url_.substr(url_.rfind(':') + 1));
}

nlohmann::json AwsimProcess::Admin(const std::string& method, const std::string& what,
                                   const nlohmann::json& body) {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(30, 0);
  std::string path = "/_awsim/" + what;
  auto res = method == "GET" ? client.Get(path.c_str())
                             : client.Post(path.c_str(), body.dump(), "application/json");
  if (!res) return {{"error", "admin call " + path + " failed"}};
  return nlohmann::json::parse(res->body, nullptr, false);
}

}  // namespace tectonic::testing
