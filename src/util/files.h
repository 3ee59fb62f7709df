// Files: atomic writes with explicit modes, so a kill never leaves a half-written asset and a
// secret is never world-readable, even for an instant.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.h"

namespace tectonic::files {

inline constexpr int kSecretMode = 0600;
inline constexpr int kPublicMode = 0644;
inline constexpr int kPrivateDirMode = 0700;

// Writes content to path through a temporary file in the same directory, fsync, rename.
// The file is created with `mode` from the start (never wider). Parent must exist.
Status WriteAtomic(const std::filesystem::path& path, std::string_view content,
                   int mode = kPublicMode);

// Creates the directory (and parents) and sets its mode.
Status EnsureDir(const std::filesystem::path& path, int mode = kPrivateDirMode);

Result<std::string> ReadFile(const std::filesystem::path& path);

}  // namespace tectonic::files
