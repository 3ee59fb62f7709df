// DirLock: one mutating run (create, destroy; CLI or GUI) per cluster directory at a time.
// The lock is flock(2) on <dir>/.lock (0600), so the kernel releases it when the holder exits
// or is killed: a lock left by a dead process is simply free, and the next run takes it over.
// The holder writes its pid, command line and start time into the file so that a refused run
// can name it. The file is never deleted (deleting would let two runs lock different inodes).
// Thread safety: flock conflicts between open file descriptions, so two DirLocks on one
// directory exclude each other within one process too (the GUI's threads) as across processes.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "engine/events.h"
#include "installer/installer.h"
#include "util/result.h"

namespace tectonic::installer {

// What the holder wrote into the lock file. pid 0: nothing readable (being written, or empty).
struct LockHolder {
  int pid = 0;
  std::string command;           // its command line: "tectonic create cluster --dir demo"
  std::string operation;         // "create cluster", "destroy cluster"
  std::string started;           // UTC, "2026-12-06T07:30:00Z"
  std::string ToString() const;  // "pid 1234 (tectonic create cluster ...), started ..."
};

struct DirLockOptions {
  std::string operation;  // written for the message of a refused run: "create cluster"
  bool wait = false;      // wait until the holder is done instead of refusing
  std::atomic<bool>* cancel = nullptr;  // ends a wait (Ctrl-C)
  std::chrono::milliseconds poll{100};  // how often a wait retries
  // Called once when a wait starts, with the holder (to tell the user what it waits for).
  std::function<void(const LockHolder&)> on_wait;
};

class DirLock {
 public:
  // Takes the lock on dir (which must exist). A held lock gives kPreconditionFailed naming the
  // holder and the fix (unless options.wait), a cancelled wait kCancelled, an unusable file
  // kInvalidInput.
  static Result<std::unique_ptr<DirLock>> Acquire(const std::filesystem::path& dir,
                                                  const DirLockOptions& options);
  ~DirLock();  // empties the holder record and releases the lock
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

  // The record a run left behind when it was killed holding the lock (pid 0 if none).
  const LockHolder& previous() const { return previous_; }

  static std::filesystem::path PathFor(const std::filesystem::path& dir) { return dir / ".lock"; }
  // What the lock file of dir says now (pid 0 if nothing).
  static LockHolder ReadHolder(const std::filesystem::path& dir);

 private:
  explicit DirLock(int fd) : fd_(fd) {}
  int fd_;
  bool held_ = false;
  LockHolder previous_;
};

// The lock an installer operation (create, destroy) holds on options.dir for its whole run:
// waits when options.wait_lock, and tells options.events (phase "lock") when it waited or took
// over the lock of a run that was killed. Refused: kPreconditionFailed naming the holder.
Result<std::unique_ptr<DirLock>> LockClusterDir(const CommonOptions& options,
                                                const std::string& operation);
// Where a failed LockClusterDir stops the operation: kLocked when another run holds the lock.
Stage StageOfLockFailure(const Status& status);

}  // namespace tectonic::installer
