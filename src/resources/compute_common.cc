// Prop readers shared by the instance and launch-template handlers (compute.h).
#include <string>
#include <vector>

#include "assets/assets.h"
#include "aws/error_classification.h"
#include "resources/compute.h"
#include "resources/handler_util.h"

namespace tectonic::resources {

Result<std::string> PointerUserData(const nlohmann::json& props) {
  auto it = props.find("user_data");
  if (it == props.end() || !it->is_object()) {
    return Status::InvalidInput("prop \"user_data\" is missing or not an object");
  }
  TECTONIC_ASSIGN_OR_RETURN(std::string url, RequiredString(*it, "ignition_url"));
  TECTONIC_ASSIGN_OR_RETURN(std::string sha512, RequiredString(*it, "ignition_sha512"));
  return assets::IgnitionPointer(url, sha512);
}

std::vector<aws::BlockDevice> RootVolume(const nlohmann::json& props) {
  auto it = props.find("root_volume");
  if (it == props.end() || !it->is_object()) return {};
  aws::BlockDevice device;
  device.device_name = StringOr(*it, "device_name", "/dev/xvda");
  device.volume_size_gib = IntOr(*it, "size_gib", 0);
  device.volume_type = StringOr(*it, "volume_type", "gp3");
  if (it->contains("encrypted")) device.encrypted = BoolOr(*it, "encrypted", true);
  if (it->contains("delete_on_termination")) {
    device.delete_on_termination = BoolOr(*it, "delete_on_termination", true);
  }
  device.kms_key_id = StringOr(*it, "kms_key_id", "");
  return {device};
}

std::vector<std::string> StringList(const nlohmann::json& props, const char* name) {
  std::vector<std::string> out;
  auto it = props.find(name);
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& value : *it) {
    if (value.is_string()) out.push_back(value.get<std::string>());
  }
  return out;
}

bool IsProfilePropagation(const Status& status) {
  if (status.ok()) return false;
  return aws::IsInstanceProfilePropagation({status.aws_code(), status.message(), "", 0});
}

}  // namespace tectonic::resources
