// CallLog: appends one line per AWS call the installer makes to a file, for auditing which
// operations a run needed (the hidden `--record-calls FILE` flag). A line is
//   <service>:<Operation>\t<IAM action>[,<extra actions>]\t<ok | AWS error code | status code>
// e.g. "ec2:CreateVpc\tec2:CreateVpc,ec2:CreateTags\tok". The file is created 0600 and appended
// to, so several commands (create, status, destroy) may record into one file. Lines carry no
// parameters, so no secret can reach the file.
// Thread safety: Record may be called from any thread; each line is written whole.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

#include "aws/client.h"
#include "installer/installer.h"
#include "util/result.h"

namespace tectonic::installer {

// The calls of one command for the NDJSON result: {"total", "mutating", "byOperation":
// {"ec2:DescribeVpcs": n, ...}}.
nlohmann::json CallsJson(const CallCounts& counts);

class CallLog {
 public:
  static Result<std::unique_ptr<CallLog>> Open(const std::filesystem::path& path);
  ~CallLog();
  CallLog(const CallLog&) = delete;
  CallLog& operator=(const CallLog&) = delete;

  void Record(const aws::CallRecord& record);

  // The line Record writes for one call, without the newline.
  static std::string Line(const aws::CallRecord& record);

 private:
  explicit CallLog(int fd) : fd_(fd) {}
  std::mutex mu_;
  int fd_;
};

}  // namespace tectonic::installer
