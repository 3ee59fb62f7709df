// Logging with levels, on spdlog. Every message passes through Redact() before any sink sees
// it, so a secret cannot leak through a log line. Thread safety: safe from any thread.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace tectonic::log {

enum class Level { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// Parses "trace|debug|info|warn|error|off"; false when the name is unknown.
bool ParseLevel(std::string_view name, Level* level);
void SetLevel(Level level);
Level GetLevel();

// Sends log lines to stderr (the default) and, when path is not empty, also to a file (0600).
void Configure(Level console_level, const std::string& file_path);

void Write(Level level, std::string_view message);

template <typename... Args>
void Trace(fmt::format_string<Args...> f, Args&&... args) {
  Write(Level::kTrace, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void Debug(fmt::format_string<Args...> f, Args&&... args) {
  Write(Level::kDebug, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void Info(fmt::format_string<Args...> f, Args&&... args) {
  Write(Level::kInfo, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void Warn(fmt::format_string<Args...> f, Args&&... args) {
  Write(Level::kWarn, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void Error(fmt::format_string<Args...> f, Args&&... args) {
  Write(Level::kError, fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace tectonic::log
