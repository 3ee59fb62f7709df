#include "util/log.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <atomic>
#include <mutex>

#include "util/redact.h"

namespace tectonic::log {
namespace {

std::mutex g_mutex;
std::shared_ptr<spdlog::logger> g_logger;
std::atomic<Level> g_level{Level::kWarn};

spdlog::level::level_enum ToSpd(Level level) {
  switch (level) {
    case Level::kTrace:
      return spdlog::level::trace;
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
    case Level::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

std::shared_ptr<spdlog::logger> Logger() {
  std::lock_guard lock(g_mutex);
  if (!g_logger) {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    sink->set_level(ToSpd(g_level.load()));
    g_logger = std::make_shared<spdlog::logger>("tectonic", sink);
    g_logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    g_logger->set_level(spdlog::level::trace);
  }
  return g_logger;
}

}  // namespace

bool ParseLevel(std::string_view name, Level* level) {
  static const std::pair<std::string_view, Level> kNames[] = {
      {"trace", Level::kTrace}, {"debug", Level::kDebug}, {"info", Level::kInfo},
      {"warn", Level::kWarn},   {"error", Level::kError}, {"off", Level::kOff}};
  for (const auto& [n, l] : kNames) {
    if (n == name) {
      *level = l;
      return true;
    }
  }
  return false;
}

void SetLevel(Level level) {
  g_level = level;
  auto logger = Logger();
  if (!logger->sinks().empty()) logger->sinks().front()->set_level(ToSpd(level));
}

Level GetLevel() { return g_level.load(); }

void Configure(Level console_level, const std::string& file_path) {
  g_level = console_level;
  auto console = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  console->set_level(ToSpd(console_level));
  std::vector<spdlog::sink_ptr> sinks{console};
  if (!file_path.empty()) {
    mode_t old = umask(077);  // the log file is created 0600
    auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file_path, false);
    umask(old);
    file->set_level(spdlog::level::debug);
    sinks.push_back(file);
  }
  auto logger = std::make_shared<spdlog::logger>("tectonic", sinks.begin(), sinks.end());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  logger->set_level(spdlog::level::trace);
  logger->flush_on(spdlog::level::info);
  std::lock_guard lock(g_mutex);
  g_logger = logger;
}

void Write(Level level, std::string_view message) {
  auto logger = Logger();
  auto spd = ToSpd(level);
  if (!logger->should_log(spd)) return;
  logger->log(spd, "{}", Redact(message));
}

}  // namespace tectonic::log
