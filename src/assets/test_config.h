// A valid ClusterConfig for tests in src/assets and tests/integration/assets.
#pragma once

#include "model/cluster_config.h"

namespace tectonic::assets {

inline model::ClusterConfig TestClusterConfig() {
  model::ClusterConfig config;
  config.name = "demo";
  config.base_domain = "example.com";
  config.aws.region = "us-east-1";
  config.aws.ssh_key_name = "demo-key";
  config.tectonic.admin_email = "admin@example.com";
  return config;
}

}  // namespace tectonic::assets
