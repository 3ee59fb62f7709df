// "Did you mean": the closest names to a mistyped word, for commands, config keys and enums.
#pragma once

#include <string>
#include <vector>

namespace tectonic {

// Candidates within Levenshtein distance 2 of word, or that start with it (3+ letters),
// closest first.
std::vector<std::string> DidYouMean(const std::string& word,
                                    const std::vector<std::string>& candidates);

}  // namespace tectonic
