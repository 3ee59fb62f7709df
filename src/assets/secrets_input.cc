#include "assets/secrets_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "util/redact.h"

namespace tectonic::assets {

Result<std::string> ReadSecretInput(const std::filesystem::path& cluster_dir,
                                    const std::string& relative, const std::string& what) {
  std::filesystem::path path = std::filesystem::path(relative).is_absolute()
                                   ? std::filesystem::path(relative)
                                   : cluster_dir / relative;
  // O_NOFOLLOW: a symlink planted in place of the file cannot redirect the read.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    return Status::InvalidInput(
        fmt::format("cannot read the {} file {}: {}", what, path.string(), std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidInput(
        fmt::format("the {} file {} is not a regular file", what, path.string()));
  }
  if (static_cast<size_t>(st.st_size) > kMaxSecretInputBytes) {
    ::close(fd);
    return Status::InvalidInput(fmt::format("the {} file {} is larger than {} bytes", what,
                                            path.string(), kMaxSecretInputBytes));
  }
  std::string content(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::read(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  content.resize(done);
  if (content.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidInput(fmt::format("the {} file {} is empty", what, path.string()));
  }
  RegisterSecret(content);
  // Also the trimmed value: it is what ends up inside manifests.
  auto end = content.find_last_not_of(" \t\r\n");
  RegisterSecret(std::string_view(content).substr(0, end + 1));
  return content;
}

Result<SecretInputs> ReadSecretInputs(const model::ClusterConfig& config,
                                      const std::filesystem::path& cluster_dir) {
  SecretInputs out;
  TECTONIC_ASSIGN_OR_RETURN(out.license,
                            ReadSecretInput(cluster_dir, config.tectonic.license_path, "license"));
  TECTONIC_ASSIGN_OR_RETURN(
      out.pull_secret,
      ReadSecretInput(cluster_dir, config.tectonic.pull_secret_path, "pull secret"));
  return out;
}

}  // namespace tectonic::assets
