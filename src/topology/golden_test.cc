// Golden files: the graph JSON (nodes sorted by key, with props) for fixed inputs, compared
// byte for byte. UPDATE_GOLDEN=1 rewrites them (then review the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "topology/topology.h"
#include "topology/topology_test_util.h"

namespace tectonic::topology {
namespace {

void ExpectGolden(const engine::Graph& graph, const std::string& name) {
  const std::filesystem::path path =
      std::filesystem::path(TECTONIC_SOURCE_DIR) / "src/topology/testdata" / name;
  const std::string actual = GraphToJson(graph).dump(2) + "\n";
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << actual;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing; run with UPDATE_GOLDEN=1 to create it";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str())
      << "graph differs from " << path << "; if intended, regenerate with UPDATE_GOLDEN=1";
}

TEST(GoldenTest, DefaultThreeZoneCluster) {
  auto config = testing::DefaultConfig();
  auto graph = BuildGraph(config, testing::DefaultInputs(config));
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  ExpectGolden(*graph, "default_3zone.json");
}

TEST(GoldenTest, ExistingVpcCluster) {
  auto config = testing::ExistingVpcConfig();
  auto graph = BuildGraph(config, testing::ExistingVpcInputs(config));
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  ExpectGolden(*graph, "existing_vpc.json");
}

}  // namespace
}  // namespace tectonic::topology
