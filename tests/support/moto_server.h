// A moto_server (moto 5.2.1, on PATH) on a free loopback port for the life of the object.
// Tests talk to it over HTTP through our client, awscli or boto3. Reset() empties it.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "tests/support/process.h"

namespace tectonic::testing {

class MotoServer {
 public:
  // Starts moto and waits until it answers. env: extra variables, e.g.
  // {"INITIAL_NO_AUTH_ACTION_COUNT", "5"} to turn on signature checks and IAM enforcement.
  explicit MotoServer(std::map<std::string, std::string> env = {});
  ~MotoServer();
  const std::string& url() const { return url_; }  // http://127.0.0.1:PORT
  int port() const { return port_; }
  // POST /moto-api/reset.
  void Reset();
  // GET /moto-api/data.json: moto's whole state, for assertions.
  std::string DumpState();

 private:
  int port_ = 0;
  std::string url_;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<BackgroundProcess> process_;
};

// Environment for a child process (tectonic, aws, python) pointed at an emulator with
// test credentials: AWS_ENDPOINT_URL, keys, region; no profile files from the real HOME.
std::map<std::string, std::string> EmulatorEnv(const std::string& endpoint_url,
                                               const std::string& home_dir,
                                               const std::string& region = "us-east-1");

}  // namespace tectonic::testing
