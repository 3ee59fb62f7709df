#include "installer/dir_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "util/clock.h"

namespace tectonic::installer {
namespace {

std::string NowUtc() {
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return stamp;
}

// This process's command line, arguments separated by spaces (it holds no secrets: secrets are
// never accepted as flags).
std::string OwnCommandLine() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!raw.empty() && raw.back() == '\0') raw.pop_back();
  for (char& c : raw) {
    if (c == '\0' || c == '\n') c = ' ';
  }
  return raw;
}

// "pid=1234\noperation=...\nstarted=...\ncommand=...\n"; anything else reads as pid 0.
LockHolder ParseHolder(const std::string& text) {
  LockHolder holder;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "pid") {
      holder.pid = std::atoi(value.c_str());
    } else if (key == "operation") {
      holder.operation = value;
    } else if (key == "started") {
      holder.started = value;
    } else if (key == "command") {
      holder.command = value;
    }
  }
  if (holder.pid <= 0) holder = LockHolder{};
  return holder;
}

std::string ReadFd(int fd) {
  std::string text;
  char buf[1024];
  off_t at = 0;
  for (;;) {
    ssize_t n = pread(fd, buf, sizeof buf, at);
    if (n <= 0 || text.size() > 16384) break;
    text.append(buf, static_cast<size_t>(n));
    at += n;
  }
  return text;
}

Status WriteRecord(int fd, const LockHolder& me) {
  std::string record = fmt::format("pid={}\noperation={}\nstarted={}\ncommand={}\n", me.pid,
                                   me.operation, me.started, me.command);
  if (ftruncate(fd, 0) != 0 ||
      pwrite(fd, record.data(), record.size(), 0) != static_cast<ssize_t>(record.size())) {
    return Status::InvalidInput(
        fmt::format("cannot write the lock record: {}", std::strerror(errno)));
  }
  return Status::Ok();
}

// The holder's record; a holder that has just taken the lock may not have written it yet.
LockHolder ReadHolderSettled(const std::filesystem::path& dir) {
  LockHolder holder;
  for (int i = 0; i < 20 && holder.pid == 0; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    holder = DirLock::ReadHolder(dir);
  }
  return holder;
}

Status HeldBy(const std::filesystem::path& dir, const LockHolder& holder) {
  std::string who =
      holder.pid == 0 ? "another process (its record is not written yet)" : holder.ToString();
  std::string stop = holder.pid == 0 ? ""
                                     : fmt::format(
                                           "; if that process is stuck, stop it (kill {}): "
                                           "the kernel releases its lock when it exits",
                                           holder.pid);
  return Status::PreconditionFailed(fmt::format(
      "the cluster directory {} is in use by another tectonic run: {}. Only one create or "
      "destroy may run on a directory at a time. Wait for it to finish, or re-run with "
      "--wait-lock to wait for it{}",
      dir.string(), who, stop));
}

}  // namespace

std::string LockHolder::ToString() const {
  std::string s = fmt::format("pid {}", pid);
  if (!command.empty()) s += fmt::format(" ({})", command);
  if (!operation.empty()) s += ", " + operation;
  if (!started.empty()) s += ", started " + started;
  return s;
}

LockHolder DirLock::ReadHolder(const std::filesystem::path& dir) {
  int fd = open(PathFor(dir).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return {};
  LockHolder holder = ParseHolder(ReadFd(fd));
  close(fd);
  return holder;
}

Result<std::unique_ptr<DirLock>> DirLock::Acquire(const std::filesystem::path& dir,
                                                  const DirLockOptions& options) {
  std::filesystem::path path = PathFor(dir);
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return Status::InvalidInput(
        fmt::format("cannot open the lock file {}: {}; check that {} is a "
                    "directory you can write",
                    path.string(), std::strerror(errno), dir.string()));
  }
  std::unique_ptr<DirLock> lock(new DirLock(fd));  // closes fd on every early return
  fchmod(fd, 0600);
  bool waiting = false;
  for (;;) {
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) break;
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) {
      return Status::InvalidInput(
          fmt::format("cannot lock {}: {}", path.string(), std::strerror(errno)));
    }
    if (!options.wait) return HeldBy(dir, ReadHolderSettled(dir));
    if (!waiting) {
      waiting = true;
      if (options.on_wait) options.on_wait(ReadHolderSettled(dir));
    }
    if (options.cancel && options.cancel->load()) {
      return Status::Cancelled(
          fmt::format("interrupted while waiting for the lock on {}", dir.string()));
    }
    std::this_thread::sleep_for(options.poll);
  }
  lock->held_ = true;
  // A record left in a free lock belongs to a run that was killed: ours replaces it.
  lock->previous_ = ParseHolder(ReadFd(fd));
  LockHolder me{static_cast<int>(getpid()), OwnCommandLine(), options.operation, NowUtc()};
  if (auto s = WriteRecord(fd, me); !s.ok()) return s;
  return lock;
}

DirLock::~DirLock() {
  // Emptied while still held, so a record found in a free lock always means a killed run.
  // (A lock that was never taken must not touch the holder's record.)
  if (held_ && ftruncate(fd_, 0) != 0) {
    // Nothing to do: close() releases the lock regardless.
  }
  close(fd_);
}

Result<std::unique_ptr<DirLock>> LockClusterDir(const CommonOptions& options,
                                                const std::string& operation) {
  Clock& clock = RealClock::Instance();
  auto emit = [&](engine::EventType type, std::string detail, long long elapsed_ms) {
    if (!options.events) return;
    engine::Event event;
    event.time = clock.Now();
    event.type = type;
    event.key = "lock";
    event.detail = std::move(detail);
    event.elapsed_ms = elapsed_ms;
    options.events->Emit(event);
  };
  auto start = clock.Steady();
  bool waited = false;
  DirLockOptions lock_options;
  lock_options.operation = operation;
  lock_options.wait = options.wait_lock;
  lock_options.cancel = options.cancel;
  lock_options.on_wait = [&](const LockHolder& holder) {
    waited = true;
    emit(engine::EventType::kPhaseStarted,
         "waiting for the run holding " + options.dir.string() + ": " +
             (holder.pid == 0 ? std::string("another process") : holder.ToString()),
         0);
  };
  auto lock = DirLock::Acquire(options.dir, lock_options);
  if (!lock.ok()) return lock;
  long long waited_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock.Steady() - start).count();
  const LockHolder& previous = (*lock)->previous();
  if (previous.pid != 0) {
    emit(engine::EventType::kPhaseDone,
         fmt::format("took over the lock left by {}, which ended without releasing it",
                     previous.ToString()),
         waited ? waited_ms : 0);
  } else if (waited) {
    emit(engine::EventType::kPhaseDone, "the other run ended; lock taken", waited_ms);
  }
  return lock;
}

Stage StageOfLockFailure(const Status& status) {
  return status.code() == StatusCode::kPreconditionFailed ? Stage::kLocked : Stage::kConfig;
}

}  // namespace tectonic::installer
