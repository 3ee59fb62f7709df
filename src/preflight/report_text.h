// The preflight checklist as text: one line per check (mark, id, summary), then for each
// failure or warning its fix (and details, indented). `tectonic preflight` and `tectonic create
// cluster` print the same thing. Pure function; thread-safe.
#pragma once

#include <string>

#include "preflight/check.h"

namespace tectonic::preflight {

struct TextStyle {
  bool unicode = true;  // ✓ ✗ ! - ; false: [ok] [FAIL] [warn] [skip]
  bool details = true;  // print details of failures and warnings
};

std::string ReportText(const PreflightReport& report, const TextStyle& style = {});

}  // namespace tectonic::preflight
