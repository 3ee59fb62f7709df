// Registers the platform kinds (resources-platform): KMS, S3, IAM and Route 53.
#include "resources/platform_handlers.h"
#include "resources/registry.h"

namespace tectonic::resources {

void RegisterPlatformHandlers(engine::HandlerRegistry& registry, aws::AwsClient& client,
                              HandlerStore& store) {
  AddHandler<KmsKeyHandler>(registry, store, "kms.key", client);
  AddHandler<KmsAliasHandler>(registry, store, "kms.alias", client);
  AddHandler<S3BucketHandler>(registry, store, "s3.bucket", client);
  AddHandler<S3ObjectHandler>(registry, store, "s3.object", client);
  AddHandler<IamRoleHandler>(registry, store, "iam.role", client);
  AddHandler<IamRolePolicyHandler>(registry, store, "iam.role_policy", client);
  AddHandler<IamInstanceProfileHandler>(registry, store, "iam.instance_profile", client);
  AddHandler<Route53PrivateZoneHandler>(registry, store, "route53.private_zone", client);
  AddHandler<Route53RecordHandler>(registry, store, "route53.record", client);
}

}  // namespace tectonic::resources
