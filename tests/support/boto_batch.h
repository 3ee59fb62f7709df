// Seeds and inspects an emulator through boto3 in one Python process (tests/support/
// boto_batch.py): many calls for the price of one interpreter start.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace tectonic::testing {

struct BotoCall {
  std::string service;                             // boto3 client name: "ec2", "route53", ...
  std::string op;                                  // snake_case method: "create_key_pair"
  nlohmann::json args = nlohmann::json::object();  // "${N:Path.To.Field}" refers to call N
};

// Runs the calls in order with `env` (EmulatorEnv). Returns one result per call, or a JSON
// object {"error": {...}, "call": N} when call N failed (later calls are not made).
nlohmann::json BotoBatch(const std::vector<BotoCall>& calls,
                         const std::map<std::string, std::string>& env);

}  // namespace tectonic::testing
