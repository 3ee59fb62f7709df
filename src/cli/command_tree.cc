#include "cli/command_tree.h"

#include <algorithm>
#include <cctype>

namespace tectonic::cli {
namespace {

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// `word` in `text` on its own ("FILE" in "to FILE", not in "AWS_PROFILE").
bool ContainsWord(const std::string& text, const std::string& word) {
  auto part_of_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  };
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    bool starts = at == 0 || !part_of_word(text[at - 1]);
    size_t end = at + word.size();
    if (starts && (end == text.size() || !part_of_word(text[end]))) return true;
  }
  return false;
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

// What a value is, from what the command's author wrote: a CLI11 type name (DIR, FILE, PATH),
// the option's name ("--dir", "--foo-dir"; "--file", "--...-file", "--...-path"; not
// "--profile") or its description naming a FILE or a (PEM) file. Anything else is free text (names,
// ids, ARNs, numbers).
OptionSpec::Value ValueKind(const CLI::Option& option, const std::string& name) {
  std::string type = option.get_type_name();
  type = type.substr(0, type.find(':'));
  std::string description = option.get_description();
  if (type == "DIR" || name == "dir" || EndsWith(name, "-dir")) {
    return OptionSpec::Value::kDirectory;
  }
  if (type == "FILE" || type == "PATH" || name == "file" || EndsWith(name, "-file") ||
      EndsWith(name, "-path") || ContainsWord(description, "FILE") ||
      description.find("(PEM)") != std::string::npos) {
    return OptionSpec::Value::kFile;
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
    spec.value = ValueKind(option, first);
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
