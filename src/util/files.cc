#include "util/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>

namespace tectonic::files {
namespace fs = std::filesystem;

Status WriteAtomic(const fs::path& path, std::string_view content, int mode) {
  std::random_device rd;
  fs::path tmp = path;
  tmp += fmt::format(".tmp-{:08x}", rd());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return Status::Failed(fmt::format("cannot create {}: {}", tmp.string(), std::strerror(errno)));
  }
  ::fchmod(fd, mode);  // the umask may have narrowed it; never widened beyond `mode`
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::Failed(fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return Status::Failed(fmt::format("cannot flush {}: {}", path.string(), std::strerror(errno)));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return Status::Failed(
        fmt::format("cannot rename into {}: {}", path.string(), std::strerror(err)));
  }
  return Status::Ok();
}

Status EnsureDir(const fs::path& path, int mode) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec)
    return Status::Failed(
        fmt::format("cannot create directory {}: {}", path.string(), ec.message()));
  if (::chmod(path.c_str(), mode) != 0) {
    return Status::Failed(
        fmt::format("cannot set mode of {}: {}", path.string(), std::strerror(errno)));
  }
  return Status::Ok();
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::NotFound(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace tectonic::files
