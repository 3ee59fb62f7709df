#include "cli/command_tree.h"

#include <algorithm>
#include <cctype>

namespace tectonic::cli {
namespace {

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// CLI::IsMember describes itself as "{a,b,c}"; other validators (ranges, existing files) do
// not, and offer no list.
std::vector<std::string> Choices(CLI::Option& option) {
  std::vector<std::string> out;
  for (int i = 0;; ++i) {
    const CLI::Validator* validator = nullptr;
    try {
      validator = option.get_validator(i);
    } catch (const CLI::OptionNotFound&) {  // CLI11 2.1 says "no more" by throwing
      break;
    }
    std::string text = validator->get_description();
    if (text.size() < 2 || text.front() != '{' || text.back() != '}') continue;
    std::string item;
    for (char c : text.substr(1, text.size() - 2)) {
      if (c == ',') {
        out.push_back(item);
        item.clear();
      } else {
        item += c;
      }
    }
    out.push_back(item);
  }
  return out;
}

// What a value is, from the option's name: directories for "--dir", "--foo-dir"; files for
// "--...-file", "--...-cert", "--...-key", "--...-calls" (paths of files we read or write).
OptionSpec::Value ValueKind(const std::string& name) {
  if (name == "dir" || EndsWith(name, "-dir")) return OptionSpec::Value::kDirectory;
  for (const char* suffix : {"file", "-cert", "-key", "-calls", "-path"}) {
    if (EndsWith(name, suffix)) return OptionSpec::Value::kFile;
  }
  return OptionSpec::Value::kText;
}

OptionSpec DescribeOption(CLI::Option& option) {
  OptionSpec spec;
  for (const auto& name : option.get_lnames()) spec.names.push_back("--" + name);
  for (const auto& name : option.get_snames()) spec.names.push_back("-" + name);
  if (spec.names.empty()) spec.names.push_back(option.get_name(true));
  spec.description = option.get_description();
  spec.required = option.get_required();
  spec.repeatable = option.get_expected_max() > 1;
  if (option.get_items_expected_max() > 0) {  // flags expect no value
    std::string first =
        option.get_lnames().empty() ? option.get_name(true) : option.get_lnames().front();
    spec.value = ValueKind(first);
    spec.choices = Choices(option);
  }
  return spec;
}

CommandSpec Describe(CLI::App& app, std::vector<std::string> path) {
  CommandSpec spec;
  spec.path = std::move(path);
  spec.description = app.get_description();
  spec.needs_subcommand = app.get_require_subcommand_min() > 0;
  for (CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;  // hidden
    if (option->nonpositional()) {
      spec.options.push_back(DescribeOption(*option));
    } else {
      spec.positionals.push_back(DescribeOption(*option));
    }
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App* a) { return !a->get_group().empty(); })) {
    auto sub_path = spec.path;
    sub_path.push_back(sub->get_name());
    spec.subcommands.push_back(Describe(*sub, std::move(sub_path)));
  }
  return spec;
}

void Collect(const CommandSpec& spec, std::vector<const CommandSpec*>* out) {
  out->push_back(&spec);
  for (const auto& sub : spec.subcommands) Collect(sub, out);
}

}  // namespace

std::string OptionSpec::ValueName() const {
  std::string name = names.empty() ? "VALUE" : names.front();
  name.erase(0, name.find_first_not_of('-'));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return c == '-' ? '_' : static_cast<char>(std::toupper(c));
  });
  return name.empty() ? "VALUE" : name;
}

std::string CommandSpec::PathString() const {
  std::string out;
  for (const auto& word : path) out += (out.empty() ? "" : " ") + word;
  return out;
}

CommandSpec DescribeCommand(CLI::App& app) { return Describe(app, {}); }

std::vector<const CommandSpec*> Flatten(const CommandSpec& root) {
  std::vector<const CommandSpec*> out;
  Collect(root, &out);
  return out;
}

}  // namespace tectonic::cli
