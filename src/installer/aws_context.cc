#include "installer/aws_context.h"

namespace tectonic::installer {

bool IsReadOnlyOperation(std::string_view name) {
  // Encrypt/GenerateDataKey (preflight's KMS usability probe) and AssumeRole change nothing.
  for (std::string_view prefix : {"Describe", "List", "Get", "Head", "Simulate", "Encrypt",
                                  "GenerateDataKey", "AssumeRole"}) {
    if (name.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

Result<std::unique_ptr<AwsContext>> AwsContext::Open(const CommonOptions& options,
                                                     const std::string& region) {
  aws::ExplicitAwsSettings settings = options.aws;
  if (settings.region.empty()) settings.region = region;
  aws::EnvLookup env = options.env ? options.env : aws::ProcessEnv();
  TECTONIC_ASSIGN_OR_RETURN(aws::AwsSession session, aws::OpenSession(settings, env));
  auto context = std::unique_ptr<AwsContext>(new AwsContext());
  context->session_ = std::move(session);
  AwsContext* raw = context.get();
  context->session_.client->SetObserver([raw](const aws::CallRecord& record) {
    raw->calls_ += 1;
    if (!IsReadOnlyOperation(record.operation->name)) raw->mutating_ += 1;
  });
  return context;
}

}  // namespace tectonic::installer
