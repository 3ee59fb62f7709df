// `tectonic wait --dir D [--timeout 30m]`: only the last step of create (for a user who ran it
// with --no-wait): wait until the load balancers' targets are healthy and the API answers, or
// diagnose why not (exit 6).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/run_options.h"
#include "cli/wait_output.h"
#include "engine/interrupt.h"
#include "installer/installer.h"

namespace tectonic::cli {
namespace {

struct WaitFlags {
  AwsFlags aws;
  std::string timeout = "30m";
};

}  // namespace

void AddWaitCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  auto flags = std::make_shared<WaitFlags>();
  auto* cmd = parent.add_subcommand(
      "wait", "wait until the load balancers' targets are healthy and the API answers");
  AddAwsFlags(cmd, &flags->aws);
  cmd->add_option("--timeout", flags->timeout,
                  "give up after this long and diagnose (default 30m; e.g. 90s, 1h)");
  cmd->callback([flags, &globals, exit_code] {
    auto timeout = ParseWaitTimeout("--timeout", flags->timeout);
    if (!timeout.ok()) {
      std::cerr << "tectonic wait: " << timeout.status().message() << "\n";
      *exit_code = kExitBadInput;
      return;
    }
    installer::WaitOptions options;
    FillCommonOptions(flags->aws, &options);
    options.settings.timeout = *timeout;
    options.cancel = engine::InstallInterruptHandler();
    EventOutput output(globals, flags->aws.dir, "wait");
    options.events = output.sink();
    installer::WaitOutcome out = installer::WaitForCluster(options);
    if (globals.json()) {
      nlohmann::json result = WaitJson(out);
      result["type"] = "result";
      std::cout << result.dump() << "\n";
    } else {
      PrintWaitText(out, "wait", flags->aws.dir);
      if (out.stage == installer::Stage::kAwsSession || out.stage == installer::Stage::kWait) {
        PrintAccessDenied(out.calls);
      }
      if (!output.log_path().empty() && out.stage != installer::Stage::kDone) {
        std::cerr << "  log: " << output.log_path() << "\n";
      }
    }
    *exit_code = ExitCodeFor(out.stage, out.status);
  });
}

}  // namespace tectonic::cli
