#include "tests/support/boto_batch.h"

#include "tests/support/process.h"

namespace tectonic::testing {

nlohmann::json BotoBatch(const std::vector<BotoCall>& calls,
                         const std::map<std::string, std::string>& env) {
  nlohmann::json request = {{"calls", nlohmann::json::array()}};
  for (const auto& call : calls) {
    request["calls"].push_back({{"service", call.service}, {"op", call.op}, {"args", call.args}});
  }
  ProcessOptions options;
  options.env_set = env;
  options.stdin_data = request.dump();
  auto run = RunProcess({"python3", TECTONIC_SOURCE_DIR "/tests/support/boto_batch.py"}, options);
  auto out = nlohmann::json::parse(run.out, nullptr, false);
  if (out.is_discarded()) {
    return {{"error", {{"Code", "NotJson"}, {"Message", run.out + run.err}}}, {"call", -1}};
  }
  return out;
}

}  // namespace tectonic::testing
