#include "tests/support/moto_server.h"

#include <httplib.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace tectonic::testing {

MotoServer::MotoServer(std::map<std::string, std::string> env) {
  dir_ = std::make_unique<TempDir>("moto");
  ProcessOptions options;
  options.env_set = std::move(env);
  // Quiet and deterministic: no real credentials leak into moto's process.
  options.env_set["AWS_ACCESS_KEY_ID"] = "testing";
  options.env_set["AWS_SECRET_ACCESS_KEY"] = "testing";
  options.env_set["MOTO_ALLOW_NONEXISTENT_REGION"] = "false";
  // Only moto's 44 stock AMIs, not the 1,100+ regional ones with a snapshot and a volume each:
  // EC2's first call, describe-images and the state dump get several times faster.
  if (!options.env_set.count("MOTO_AMIS_PATH")) {
    std::string amis = dir_->path() + "/amis.json";
    auto unpacked = RunProcess({"python3", "-c",
                                "import gzip, moto, os, shutil, sys\n"
                                "src = os.path.join(os.path.dirname(moto.__file__), 'ec2',"
                                " 'resources', 'amis.json.gz')\n"
                                "shutil.copyfileobj(gzip.open(src), open(sys.argv[1], 'wb'))",
                                amis});
    if (unpacked.exit_code == 0) options.env_set["MOTO_AMIS_PATH"] = amis;
  }
  // The port may be taken between probing and binding: try a few.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = FreeLoopbackPort();
    url_ = "http://127.0.0.1:" + std::to_string(port_);
    process_ = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{"moto_server", "-H", "127.0.0.1", "-p", std::to_string(port_)},
        options, dir_->path() + "/moto.log");
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(std::chrono::milliseconds(200));
    // Readiness: poll until it answers or exits (it takes about a second to import).
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && process_->Running()) {
      auto res = client.Get("/moto-api/");
      if (res && res->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    process_.reset();
  }
  throw std::runtime_error(
      "moto_server did not start; is moto installed (pip install 'moto[server]')?");
}

MotoServer::~MotoServer() = default;

void MotoServer::Reset() {
  httplib::Client client("127.0.0.1", port_);
  auto res = client.Post("/moto-api/reset");
  if (!res || res->status != 200) throw std::runtime_error("moto reset failed");
}

std::string MotoServer::DumpState() {
  httplib::Client client("127.0.0.1", port_);
  auto res = client.Get("/moto-api/data.json");
  if (!res || res->status != 200) throw std::runtime_error("moto state dump failed");
  return res->body;
}

std::map<std::string, std::string> EmulatorEnv(const std::string& endpoint_url,
                                               const std::string& home_dir,
                                               const std::string& region) {
  return {
      {"AWS_ENDPOINT_URL", endpoint_url},
      {"AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"},
      {"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
      {"AWS_REGION", region},
      {"AWS_DEFAULT_REGION", region},
      {"HOME", home_dir},
      {"AWS_CONFIG_FILE", home_dir + "/.aws/config"},
      {"AWS_SHARED_CREDENTIALS_FILE", home_dir + "/.aws/credentials"},
      {"AWS_PAGER", ""},
  };
}

}  // namespace tectonic::testing
