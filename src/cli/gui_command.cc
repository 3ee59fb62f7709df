// `tectonic gui [--dir D] [--port N] [--no-open] [--endpoint-url URL] [--profile P]`: serves
// the installer wizard on 127.0.0.1 (src/gui, docs/gui-api.md). The first line on stdout is
// the URL with the run's token; the browser is opened unless --no-open. Ctrl-C stops the
// server; an install running then is cancelled like the CLI's (journal kept, Retry resumes).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/command.h"
#include "engine/interrupt.h"
#include "gui/server.h"
#include "util/files.h"

extern char** environ;

namespace tectonic::cli {
namespace {

struct GuiFlags {
  std::string dir = "tectonic-cluster";
  int port = 0;
  bool no_open = false;
  std::string endpoint_url;
  std::string profile;
};

// Opens the URL with xdg-open through a 0600 redirect page, so the token never appears on a
// command line (`ps` shows argv to every user). No browser is not an error.
std::filesystem::path OpenBrowser(const std::filesystem::path& dir, const std::string& url) {
  std::filesystem::path page = std::filesystem::absolute(dir) / ".gui-open.html";
  if (!files::EnsureDir(dir, files::kPrivateDirMode).ok()) return {};  // a new --dir
  std::string html =
      "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" "
      "content=\"0;url=" +
      url + "\"><title>tectonic gui</title>";
  if (!files::WriteAtomic(page, html, files::kSecretMode).ok()) return {};
  std::string target = "file://" + page.string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  char* argv[] = {const_cast<char*>("xdg-open"), target.data(), nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xdg-open", &actions, nullptr, argv, environ) != 0) {
    std::cerr << "tectonic gui: no browser opener (xdg-open); open the URL above yourself\n";
  } else {
    // Reaped in the background: xdg-open returns once the browser has the page.
    std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();
  }
  posix_spawn_file_actions_destroy(&actions);
  return page;
}

int RunGui(const GuiFlags& flags) {
  std::atomic<bool>* interrupted = engine::InstallInterruptHandler();
  gui::ServerOptions options;
  options.dir = flags.dir;
  options.port = flags.port;
  options.aws.endpoint_url = flags.endpoint_url;
  options.aws.profile = flags.profile;
  gui::GuiServer server(std::move(options));
  if (Status s = server.Start(); !s.ok()) {
    std::cerr << "tectonic gui: " << s.message() << "\n";
    return s.code() == StatusCode::kInvalidInput ? kExitBadInput : kExitFailure;
  }
  std::cout << server.Url() << std::endl;  // the first line, flushed: scripts read it
  std::cerr << "tectonic gui: serving the installer for " << flags.dir
            << " on 127.0.0.1 only; Ctrl-C stops it\n";
  std::filesystem::path page;
  if (!flags.no_open) page = OpenBrowser(flags.dir, server.Url());
  // The signal handler only sets the flag; the server is stopped from this thread.
  while (!interrupted->load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::cerr << "tectonic gui: stopping (a running install is cancelled; the journal is kept and "
               "Retry or 'tectonic create cluster --dir "
            << flags.dir << "' resumes)\n";
  server.Stop();
  std::error_code ec;
  if (!page.empty()) std::filesystem::remove(page, ec);
  return kExitOk;
}

}  // namespace

void AddGuiCommand(CLI::App& parent, const GlobalOptions& /*globals*/, int* exit_code) {
  auto flags = std::make_shared<GuiFlags>();
  auto* cmd = parent.add_subcommand("gui", "the installer wizard in your browser (127.0.0.1)");
  cmd->add_option("--dir", flags->dir,
                  "the cluster directory (created, or reopened at its step; default "
                  "./tectonic-cluster)");
  cmd->add_option("--port", flags->port, "port on 127.0.0.1 (default: a free one)")
      ->check(CLI::Range(0, 65535));
  cmd->add_flag("--no-open", flags->no_open, "print the URL but do not open a browser");
  cmd->add_option("--endpoint-url", flags->endpoint_url,
                  "send every AWS call here (an emulator); AWS_ENDPOINT_URL also works");
  cmd->add_option("--profile", flags->profile, "preselect this AWS profile from ~/.aws");
  cmd->callback([flags, exit_code] { *exit_code = RunGui(*flags); });
}

}  // namespace tectonic::cli
