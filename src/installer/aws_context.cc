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

bool IsAccessDenied(const Status& status) {
  for (std::string_view code : {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
                                "UnauthorizedAccess", "AuthorizationError"}) {
    if (status.aws_code() == code) return true;
  }
  return false;
}

CallCounts AwsContext::counts() const {
  std::lock_guard<std::mutex> lock(denied_mu_);
  return {calls_.load(), mutating_.load(), first_denied_, by_operation_};
}

Result<std::unique_ptr<AwsContext>> AwsContext::Open(const CommonOptions& options,
                                                     const std::string& region) {
  aws::ExplicitAwsSettings settings = options.aws;
  if (settings.region.empty()) settings.region = region;
  aws::EnvLookup env = options.env ? options.env : aws::ProcessEnv();
  TECTONIC_ASSIGN_OR_RETURN(aws::AwsSession session, aws::OpenSession(settings, env));
  auto context = std::unique_ptr<AwsContext>(new AwsContext());
  context->session_ = std::move(session);
  if (!options.record_calls.empty()) {
    TECTONIC_ASSIGN_OR_RETURN(context->call_log_, CallLog::Open(options.record_calls));
  }
  if (options.cancel) context->session_.client->SetCancel(options.cancel);
  AwsContext* raw = context.get();
  context->session_.client->SetObserver([raw](const aws::CallRecord& record) {
    raw->calls_ += 1;
    if (!IsReadOnlyOperation(record.operation->name)) raw->mutating_ += 1;
    if (raw->call_log_) raw->call_log_->Record(record);
    {
      const aws::Operation& op = *record.operation;
      std::lock_guard<std::mutex> lock(raw->denied_mu_);
      raw->by_operation_[std::string(op.service->id) + ":" + std::string(op.name)] += 1;
    }
    if (IsAccessDenied(record.status)) {
      const aws::Operation& op = *record.operation;
      std::string extra(op.extra_actions);
      for (size_t at = extra.find(','); at != std::string::npos; at = extra.find(',', at + 2)) {
        extra.replace(at, 1, ", ");
      }
      std::lock_guard<std::mutex> lock(raw->denied_mu_);
      if (!raw->first_denied_) {
        raw->first_denied_ =
            DeniedCall{std::string(op.service->id) + ":" + std::string(op.name),
                       std::string(op.iam_action), extra, record.status.aws_code()};
      }
    }
  });
  return context;
}

}  // namespace tectonic::installer
