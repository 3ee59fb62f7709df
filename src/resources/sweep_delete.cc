// One deletion pass of the tag sweep (sweep_internal.h), in the dependency order of AWS.
// Every step tries each resource once; Dependency refusals are expected (something earlier in
// the order is still going away) and the next pass retries them.
#include <string>
#include <vector>

#include "aws/autoscaling.h"
#include "aws/ec2_internal.h"
#include "aws/kms.h"
#include "aws/s3.h"
#include "resources/handler_util.h"
#include "resources/sweep_internal.h"
#include "util/log.h"

namespace tectonic::resources::sweep {
namespace {

class Pass {
 public:
  Pass(aws::AwsClient& client, std::vector<Leftover>& deleted)
      : client_(client), deleted_(deleted) {}

  // Records one delete call's outcome: Ok/NotFound -> deleted; Dependency -> retried later.
  void Done(const std::string& kind, const std::string& id, Status status) {
    status = ClassifyDelete(std::move(status));
    if (status.ok()) {
      deleted_.push_back({kind, id, ""});
    } else if (status.code() != StatusCode::kDependency) {
      status.Prepend("sweep " + kind + " " + id);
      last_error_ = status;
    }
  }
  // A preparatory call (revoke, detach, ...): only failures matter.
  bool Prep(const std::string& kind, const std::string& id, Status status) {
    status = ClassifyDelete(std::move(status));
    if (status.ok()) return true;
    if (status.code() != StatusCode::kDependency) {
      status.Prepend("sweep " + kind + " " + id);
      last_error_ = status;
    }
    return false;
  }

  aws::AwsClient& client() { return client_; }
  const Status& last_error() const { return last_error_; }

 private:
  aws::AwsClient& client_;
  std::vector<Leftover>& deleted_;
  Status last_error_;
};

void DeleteCompute(Pass& pass, const Inventory& inv) {
  aws::AutoScaling asg(pass.client());
  for (const auto& name : inv.asgs) {
    Status status = asg.DeleteAutoScalingGroup(name, /*force_delete=*/true);
    if (HasAwsCode(status, "ScalingActivityInProgress")) continue;
    if (HasAwsCode(status, "ValidationError") &&
        status.message().find("not found") != std::string::npos) {
      status = Status::Ok();
    }
    pass.Done("autoscaling:group", name, status);
  }
  aws::Ec2 ec2(pass.client());
  for (const auto& instance : inv.instances) {
    if (instance.state == "shutting-down") continue;  // on its way: wait for terminated
    pass.Done("ec2:instance", instance.id, ec2.TerminateInstances({instance.id}).status());
  }
}

void DeleteLoadBalancing(Pass& pass, const Inventory& inv) {
  aws::Route53 r53(pass.client());
  for (const auto& [zone_id, record] : inv.records) {
    auto change =
        r53.ChangeResourceRecordSets(zone_id, {{"DELETE", record}}, "tectonic destroy sweep");
    pass.Done("route53:record", zone_id + "/" + record.name + "/" + record.type, change.status());
  }
  aws::Elbv2 elb(pass.client());
  for (const auto& arn : inv.listeners) pass.Done("elbv2:listener", arn, elb.DeleteListener(arn));
  for (const auto& lb : inv.load_balancers) {
    pass.Done("elbv2:load-balancer", lb.arn, elb.DeleteLoadBalancer(lb.arn));
  }
  for (const auto& arn : inv.target_groups) {
    pass.Done("elbv2:target-group", arn, elb.DeleteTargetGroup(arn));
  }
  aws::Ec2 ec2(pass.client());
  for (const auto& id : inv.launch_templates) {
    pass.Done("ec2:launch-template", id, ec2.DeleteLaunchTemplate(id));
  }
}

// Refuses while a NAT gateway holds the address (AuthFailure / InvalidIPAddress.InUse).
Status ReleaseAddress(aws::AwsClient& client, const aws::Address& address) {
  aws::Ec2 ec2(client);
  if (!address.association_id.empty()) {
    aws::FormParams p;
    p.Add("AssociationId", address.association_id);
    Status status = aws::ec2_internal::Call(client, aws::ops::kEc2DisassociateAddress, p);
    if (!status.ok() && !IsNotFound(status)) return Status::Dependency(status.message());
  }
  Status status = ec2.ReleaseAddress(address.allocation_id);
  if (HasAwsCode(status, "AuthFailure") || HasAwsCode(status, "InvalidIPAddress.InUse")) {
    return Status::Dependency(status.message());
  }
  return status;
}

void DeleteNetwork(Pass& pass, const Inventory& inv) {
  aws::Ec2 ec2(pass.client());
  for (const auto& nat : inv.nat_gateways) {
    if (nat.state == "deleting") continue;
    pass.Done("ec2:natgateway", nat.id, ec2.DeleteNatGateway(nat.id));
  }
  for (const auto& address : inv.addresses) {
    pass.Done("ec2:elastic-ip", address.allocation_id, ReleaseAddress(pass.client(), address));
  }
  for (const auto& eni : inv.enis) {
    if (eni.status != "available") continue;  // still attached: its owner goes first
    pass.Done("ec2:network-interface", eni.id, ec2.DeleteNetworkInterface(eni.id));
  }
  // Rules referencing other groups keep those groups alive: revoke them all first.
  for (const auto& group : inv.security_groups) {
    std::vector<aws::IpPermission> cross;
    for (const auto& permission : group.ingress) {
      if (!permission.groups.empty()) cross.push_back(permission);
    }
    if (!cross.empty()) {
      pass.Prep("ec2:security-group", group.id, ec2.RevokeSecurityGroupIngress(group.id, cross));
    }
  }
  for (const auto& group : inv.security_groups) {
    pass.Done("ec2:security-group", group.id, ec2.DeleteSecurityGroup(group.id));
  }
  for (const auto& id : inv.subnets) pass.Done("ec2:subnet", id, ec2.DeleteSubnet(id));
  for (const auto& table : inv.route_tables) {
    bool main = false;
    for (const auto& association : table.associations) {
      if (association.main) {
        main = true;
      } else if (!association.id.empty()) {
        pass.Prep("ec2:route-table", table.id, ec2.DisassociateRouteTable(association.id));
      }
    }
    if (!main) pass.Done("ec2:route-table", table.id, ec2.DeleteRouteTable(table.id));
  }
  for (const auto& igw : inv.igws) {
    bool detached = true;
    for (const auto& attachment : igw.attachments) {
      detached = pass.Prep("ec2:internet-gateway", igw.id,
                           ec2.DetachInternetGateway(igw.id, attachment.vpc_id)) &&
                 detached;
    }
    if (detached) pass.Done("ec2:internet-gateway", igw.id, ec2.DeleteInternetGateway(igw.id));
  }
  for (const auto& id : inv.vpcs) pass.Done("ec2:vpc", id, ec2.DeleteVpc(id));
  for (const auto& volume : inv.volumes) {
    if (volume.state != "available") continue;  // in use: its instance goes first
    pass.Done("ec2:volume", volume.id, ec2.DeleteVolume(volume.id));
  }
}

void DeletePlatform(Pass& pass, const Inventory& inv) {
  aws::Route53 r53(pass.client());
  for (const auto& zone : inv.private_zones) {
    auto records = r53.ListResourceRecordSets(zone.id);
    if (!pass.Prep("route53:private-zone", zone.id, records.status())) continue;
    std::vector<aws::RecordChange> changes;
    for (const auto& record : *records) {
      bool apex = record.name == zone.name;
      if (apex && (record.type == "SOA" || record.type == "NS")) continue;
      changes.push_back({"DELETE", record});
    }
    if (!changes.empty()) {
      auto change = r53.ChangeResourceRecordSets(zone.id, changes, "tectonic destroy sweep");
      if (!pass.Prep("route53:private-zone", zone.id, change.status())) continue;
    }
    pass.Done("route53:private-zone", zone.id, r53.DeleteHostedZone(zone.id).status());
  }
  aws::Iam iam(pass.client());
  for (const auto& profile : inv.profiles) {
    for (const auto& role : profile.role_names) {
      pass.Prep("iam:instance-profile", profile.name,
                iam.RemoveRoleFromInstanceProfile(profile.name, role));
    }
    pass.Done("iam:instance-profile", profile.name, iam.DeleteInstanceProfile(profile.name));
  }
  for (const auto& role : inv.roles) {
    auto policies = iam.ListRolePolicies(role);
    if (policies.ok()) {
      for (const auto& policy : *policies) {
        pass.Prep("iam:role", role, iam.DeleteRolePolicy(role, policy));
      }
    }
    pass.Done("iam:role", role, iam.DeleteRole(role));
  }
  aws::S3 s3(pass.client());
  for (const auto& bucket : inv.buckets) {
    auto objects = s3.ListObjectsV2(bucket);
    if (!pass.Prep("s3:bucket", bucket, objects.status())) continue;
    std::vector<std::string> keys;
    for (const auto& object : *objects) keys.push_back(object.key);
    if (!keys.empty() && !pass.Prep("s3:bucket", bucket, s3.DeleteObjects(bucket, keys))) {
      continue;
    }
    pass.Done("s3:bucket", bucket, s3.DeleteBucket(bucket));
  }
  aws::Kms kms(pass.client());
  for (const auto& alias : inv.aliases) pass.Done("kms:alias", alias, kms.DeleteAlias(alias));
  for (const auto& key : inv.keys) {
    pass.Done("kms:key", key, kms.ScheduleKeyDeletion(key, 7).status());
  }
}

}  // namespace

Status DeletePass(aws::AwsClient& client, const SweepOptions& options, const Inventory& inv,
                  SweepState& state, std::vector<Leftover>& deleted) {
  Pass pass(client, deleted);
  // Shared resources keep everything but the cluster's mark.
  aws::Ec2 ec2(client);
  for (const auto& id : inv.shared) {
    Status status = ec2.DeleteTags({id}, {ClusterTagKey(options.cluster_id)});
    if (pass.Prep("ec2:shared-tag", id, AbsentIsOk(status))) state.protected_ids.insert(id);
  }
  DeleteCompute(pass, inv);
  DeleteLoadBalancing(pass, inv);
  DeleteNetwork(pass, inv);
  DeletePlatform(pass, inv);
  return pass.last_error();
}

}  // namespace tectonic::resources::sweep
