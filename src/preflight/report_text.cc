#include "preflight/report_text.h"

#include <fmt/format.h>

namespace tectonic::preflight {
namespace {

std::string_view Mark(CheckState state, bool unicode) {
  switch (state) {
    case CheckState::kPass:
      return unicode ? "✓" : "[ok]  ";
    case CheckState::kFail:
      return unicode ? "✗" : "[FAIL]";
    case CheckState::kWarn:
      return unicode ? "!" : "[warn]";
    case CheckState::kSkip:
      return unicode ? "-" : "[skip]";
    case CheckState::kWaived:
      return unicode ? "~" : "[waived]";
  }
  return "?";
}

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out += prefix + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string ReportText(const PreflightReport& report, const TextStyle& style) {
  std::string out;
  for (const auto& r : report.results) {
    out += fmt::format("{} {:<16} {}{}\n", Mark(r.state, style.unicode), r.id,
                       r.state == CheckState::kWaived ? "waived: " : "", r.summary);
    bool problem = r.state == CheckState::kFail || r.state == CheckState::kWarn ||
                   r.state == CheckState::kWaived;
    if (problem && !r.fix.empty()) out += "    fix: " + r.fix + "\n";
    if (problem && style.details && !r.details.empty()) out += Indent(r.details, "      ");
  }
  out += fmt::format("{} passed, {} failed, {} warnings, {} skipped, {} waived: {}\n",
                     report.Count(CheckState::kPass), report.Count(CheckState::kFail),
                     report.Count(CheckState::kWarn), report.Count(CheckState::kSkip),
                     report.Count(CheckState::kWaived),
                     report.ok() ? "ready to create" : "fix the failures above and re-run");
  return out;
}

}  // namespace tectonic::preflight
