#include "installer/call_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tectonic::installer {

Result<std::unique_ptr<CallLog>> CallLog::Open(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::InvalidInput("--record-calls: cannot open " + path.string() + ": " +
                                std::strerror(errno));
  }
  return std::unique_ptr<CallLog>(new CallLog(fd));
}

CallLog::~CallLog() { ::close(fd_); }

nlohmann::json CallsJson(const CallCounts& counts) {
  nlohmann::json by_operation = nlohmann::json::object();
  for (const auto& [operation, n] : counts.by_operation) by_operation[operation] = n;
  return {{"total", counts.calls}, {"mutating", counts.mutating}, {"byOperation", by_operation}};
}

std::string CallLog::Line(const aws::CallRecord& record) {
  const aws::Operation& op = *record.operation;
  std::string line =
      std::string(op.service->id) + ":" + std::string(op.name) + "\t" + std::string(op.iam_action);
  if (!op.extra_actions.empty()) line += "," + std::string(op.extra_actions);
  line += "\t";
  if (record.status.ok()) {
    line += "ok";
  } else if (!record.status.aws_code().empty()) {
    line += record.status.aws_code();
  } else {
    line += StatusCodeName(record.status.code());
  }
  return line;
}

void CallLog::Record(const aws::CallRecord& record) {
  std::string line = Line(record) + "\n";
  std::lock_guard<std::mutex> lock(mu_);
  // O_APPEND: one write per line keeps lines whole even across processes.
  ssize_t written = ::write(fd_, line.data(), line.size());
  (void)written;  // a diagnostic record must never fail the install
}

}  // namespace tectonic::installer
